import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { getBoard } from "@/server/pipeline/board";

/** The pipeline board: stages with totals and their first cards. Staff see their own deals. */
export const getBoardProcedure = roleProcedure("records:sales")
  .input(z.object({ ownerId: z.uuid().nullish() }).optional())
  .query(({ ctx, input }) => getBoard(ctx, input ?? {}));
