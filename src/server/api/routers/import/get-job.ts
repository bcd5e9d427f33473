import { getJob } from "@/server/import/jobs";
import { importProcedure, jobIdInput } from "./import.schemas";

export const getJobProcedure = importProcedure.input(jobIdInput).query(({ ctx, input }) => getJob(ctx, input.jobId));
