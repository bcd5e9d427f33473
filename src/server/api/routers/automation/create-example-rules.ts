import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { createExampleRules } from "@/server/automation/manage";

/** The one-click template: deal above 500 -> call task for the owner; below 500 -> the lead into nurture. */
export const createExampleRulesProcedure = roleProcedure("automation:manage")
  .input(z.object({ active: z.boolean() }))
  .mutation(({ ctx, input }) => createExampleRules(ctx, input));
