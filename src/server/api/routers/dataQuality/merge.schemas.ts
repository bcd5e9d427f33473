import { z } from "zod";
import { MAX_MERGE } from "@/server/data-quality/merge";

export const mergeInput = z.object({
  survivorId: z.uuid("survivorId must be a record id."),
  duplicateIds: z.array(z.uuid("duplicateIds must be record ids.")).min(1, "Choose at least one duplicate.").max(MAX_MERGE, `At most ${MAX_MERGE} at once.`),
});
