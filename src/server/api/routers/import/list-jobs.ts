import { listJobs } from "@/server/import/jobs";
import { importProcedure } from "./import.schemas";

export const listJobsProcedure = importProcedure.query(({ ctx }) => listJobs(ctx));
