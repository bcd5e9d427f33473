import { roleProcedure } from "@/server/api/trpc";
import { getPipelineReport } from "@/server/pipeline/report";
import { pipelineReportInput } from "./selling.schemas";

/** The pipeline report: open deals per stage now, the period's flow, the bottleneck. Staff see their own deals. */
export const getPipelineReportProcedure = roleProcedure("records:sales").input(pipelineReportInput).query(({ ctx, input }) => getPipelineReport(ctx, input));
