import { roleProcedure } from "@/server/api/trpc";
import { listRules } from "@/server/automation/manage";

/** The organization's automation rules with their run counts. */
export const listRulesProcedure = roleProcedure("automation:manage").query(({ ctx }) => listRules(ctx));
