import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { moveDeal } from "@/server/pipeline/move-deal";

/** Moves a deal to a stage (records the stage change; closes or reopens it). Staff move only their own deals. */
export const moveDealProcedure = roleProcedure("records:sales")
  .input(z.object({ dealId: z.uuid(), toStageId: z.uuid(), fromStageId: z.uuid().optional() }))
  .mutation(({ ctx, input }) => moveDeal(ctx, input));
