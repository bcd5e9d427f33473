import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";

/** A manager who may import; the job's record type is checked against the role's family in src/server/import/jobs.ts. */
export const importProcedure = roleProcedure("records:import");

export const jobIdInput = z.object({ jobId: z.uuid() });

export const updateMappingInput = z.object({
  jobId: z.uuid(),
  /** header index -> field key, or null to ignore the column */
  mapping: z.record(z.string().regex(/^\d+$/), z.string().max(50).nullable()),
  duplicateMode: z.enum(["skip", "update", "keep"]),
  dateFormat: z.enum(["iso", "mdy", "dmy"]),
});
