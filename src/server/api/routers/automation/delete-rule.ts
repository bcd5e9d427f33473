import { roleProcedure } from "@/server/api/trpc";
import { deleteRule } from "@/server/automation/manage";
import { ruleIdInput } from "./automation.schemas";

/** Deletes a rule and its run log (what it did stays; the audit log keeps its definition). */
export const deleteRuleProcedure = roleProcedure("automation:manage")
  .input(ruleIdInput)
  .mutation(({ ctx, input }) => deleteRule(ctx, input));
