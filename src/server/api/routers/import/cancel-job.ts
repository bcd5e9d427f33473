import { cancelJob } from "@/server/import/jobs";
import { importProcedure, jobIdInput } from "./import.schemas";

export const cancelJobProcedure = importProcedure.input(jobIdInput).mutation(({ ctx, input }) => cancelJob(ctx, input.jobId));
