import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { setSurveyActive } from "@/server/surveys/manage";

/** Closes a survey (its links stop taking answers) or opens it again. */
export const setSurveyActiveProcedure = roleProcedure("surveys:manage")
  .input(z.object({ surveyId: z.uuid(), active: z.boolean() }))
  .mutation(({ ctx, input }) => setSurveyActive(ctx, input));
