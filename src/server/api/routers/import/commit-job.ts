import { startCommit } from "@/server/import/jobs";
import { importEnvFor } from "@/server/import/commit";
import { importProcedure, jobIdInput } from "./import.schemas";

/** Starts the all-or-nothing commit in the background; the page polls import.getJob for its progress. */
export const commitJobProcedure = importProcedure.input(jobIdInput).mutation(({ ctx, input }) => startCommit(importEnvFor(ctx.baseDb), ctx, input.jobId));
