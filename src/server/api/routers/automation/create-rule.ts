import { roleProcedure } from "@/server/api/trpc";
import { createRule } from "@/server/automation/manage";
import { ruleInputSchema } from "./automation.schemas";

/** Creates a rule, switched off until someone switches it on. */
export const createRuleProcedure = roleProcedure("automation:manage")
  .input(ruleInputSchema)
  .mutation(({ ctx, input }) => createRule(ctx, input));
