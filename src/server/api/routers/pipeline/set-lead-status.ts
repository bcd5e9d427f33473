import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { SETTABLE_LEAD_STATUSES, setLeadStatus } from "@/server/pipeline/leads";

/** Moves a lead along its status flow (contacted, qualified, nurture, lost ...). */
export const setLeadStatusProcedure = roleProcedure("records:sales")
  .input(z.object({ leadId: z.uuid(), status: z.enum(SETTABLE_LEAD_STATUSES) }))
  .mutation(({ ctx, input }) => setLeadStatus(ctx, input));
