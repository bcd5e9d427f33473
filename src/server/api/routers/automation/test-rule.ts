import { roleProcedure } from "@/server/api/trpc";
import { testRule } from "@/server/automation/manage";
import { ruleInputSchema } from "./automation.schemas";

/** Dry run of a rule (saved or not) against existing records: what would match and happen. Writes nothing. */
export const testRuleProcedure = roleProcedure("automation:manage")
  .input(ruleInputSchema)
  .mutation(({ ctx, input }) => testRule(ctx, input));
