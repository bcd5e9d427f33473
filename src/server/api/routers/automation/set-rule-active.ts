import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { setRuleActive } from "@/server/automation/manage";

/** Switches a rule on or off. */
export const setRuleActiveProcedure = roleProcedure("automation:manage")
  .input(z.object({ ruleId: z.uuid("ruleId: not a rule id."), active: z.boolean() }))
  .mutation(({ ctx, input }) => setRuleActive(ctx, input));
