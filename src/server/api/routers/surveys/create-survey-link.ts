import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { createSurveyLink } from "@/server/surveys/manage";

/** A single-use link about one ticket or one account (and contact); the token is shown once. */
export const createSurveyLinkProcedure = roleProcedure("surveys:manage")
  .input(z.object({ surveyId: z.uuid(), ticketId: z.uuid().optional(), accountId: z.uuid().optional(), contactId: z.uuid().optional() }))
  .mutation(({ ctx, input }) => createSurveyLink(ctx, input));
