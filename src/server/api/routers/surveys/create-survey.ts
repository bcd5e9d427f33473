import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { createSurvey } from "@/server/surveys/manage";
import { SURVEY_TYPES } from "@/server/surveys/scales";

/** Creates an NPS, CSAT or CES survey and its open link (/s/<token>). */
export const createSurveyProcedure = roleProcedure("surveys:manage")
  .input(
    z.object({
      type: z.enum(SURVEY_TYPES, "Choose NPS, CSAT or CES."),
      name: z.string().trim().min(1, "Give the survey a name.").max(120, "At most 120 characters."),
      question: z.string().trim().max(300, "At most 300 characters.").optional(),
    }),
  )
  .mutation(({ ctx, input }) => createSurvey(ctx, input));
