import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { updateRule } from "@/server/automation/manage";
import { ruleInputSchema } from "./automation.schemas";

/** Edits a rule's name, trigger, conditions and actions (its on/off switch is setActive). */
export const updateRuleProcedure = roleProcedure("automation:manage")
  .input(z.object({ ruleId: z.uuid("ruleId: not a rule id."), rule: ruleInputSchema }))
  .mutation(({ ctx, input }) => updateRule(ctx, { ...input.rule, ruleId: input.ruleId }));
