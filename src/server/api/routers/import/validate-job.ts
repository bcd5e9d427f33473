import { startValidation } from "@/server/import/jobs";
import { importEnvFor } from "@/server/import/commit";
import { importProcedure, jobIdInput } from "./import.schemas";

/** Starts the validation pass in the background; the page polls import.getJob for its progress. */
export const validateJobProcedure = importProcedure.input(jobIdInput).mutation(({ ctx, input }) => startValidation(importEnvFor(ctx.baseDb), ctx, input.jobId));
