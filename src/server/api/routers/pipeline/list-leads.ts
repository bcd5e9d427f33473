import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { LEAD_STATUSES, listLeads } from "@/server/pipeline/leads";

/** Leads by status (open ones by default) with the count per status. Staff see their own. */
export const listLeadsProcedure = roleProcedure("records:sales")
  .input(z.object({ status: z.enum(LEAD_STATUSES).optional(), ownerId: z.uuid().nullish(), page: z.number().int().min(1).max(100_000).optional() }).optional())
  .query(({ ctx, input }) => listLeads(ctx, input ?? {}));
