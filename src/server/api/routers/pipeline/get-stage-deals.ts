import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { getStageDeals } from "@/server/pipeline/board";

/** More cards of one board column ("show more"). */
export const getStageDealsProcedure = roleProcedure("records:sales")
  .input(z.object({ stageId: z.uuid(), offset: z.number().int().min(0).max(1_000_000), ownerId: z.uuid().nullish() }))
  .query(({ ctx, input }) => getStageDeals(ctx, input));
