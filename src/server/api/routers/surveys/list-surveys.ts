import { roleProcedure } from "@/server/api/trpc";
import { listSurveys } from "@/server/surveys/manage";

/** The organization's surveys with their open link, answer counts and single-use links issued / answered. */
export const listSurveysProcedure = roleProcedure("surveys:manage").query(({ ctx }) => listSurveys(ctx));
