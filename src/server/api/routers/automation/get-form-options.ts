import { roleProcedure } from "@/server/api/trpc";
import { getFormOptions } from "@/server/automation/manage";

/** Stages, people, teams, campaigns and lead sources for the rule form. */
export const getFormOptionsProcedure = roleProcedure("automation:manage").query(({ ctx }) => getFormOptions(ctx));
