import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { convertLead } from "@/server/pipeline/leads";

/** Converts a lead into a deal in the first open stage (with its account and contact), in one transaction. */
export const convertLeadProcedure = roleProcedure("records:sales")
  .input(
    z.object({
      leadId: z.uuid(),
      amount: z.number({ error: "Enter the deal's expected amount." }).min(0, "Must be zero or more.").max(1e12, "Too large."),
      dealName: z.string().trim().max(200, "At most 200 characters.").optional(),
      expectedCloseAt: z.coerce.date().nullish(),
    }),
  )
  .mutation(({ ctx, input }) => convertLead(ctx, input));
