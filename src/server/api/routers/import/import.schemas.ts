import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { orgProcedure } from "@/server/api/trpc";
import { can } from "@/server/auth/permissions";

/** A manager who may import some record type; the job's type is checked against the role in src/server/import/jobs.ts. */
export const importProcedure = orgProcedure.use(({ ctx, next }) => {
  if (!can(ctx.role, "import:sales") && !can(ctx.role, "import:support")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow imports." });
  }
  return next();
});

export const jobIdInput = z.object({ jobId: z.uuid() });

export const updateMappingInput = z.object({
  jobId: z.uuid(),
  /** header index -> field key, or null to ignore the column */
  mapping: z.record(z.string().regex(/^\d+$/), z.string().max(50).nullable()),
  duplicateMode: z.enum(["skip", "update", "keep"]),
  dateFormat: z.enum(["iso", "mdy", "dmy"]),
});
