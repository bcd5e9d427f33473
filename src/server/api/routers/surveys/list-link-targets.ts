import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { listLinkTargets } from "@/server/surveys/manage";

/** Recent tickets and accounts to issue a single-use survey link for (optionally searched by name). */
export const listLinkTargetsProcedure = roleProcedure("surveys:manage")
  .input(z.object({ q: z.string().max(100).optional() }).optional())
  .query(({ ctx, input }) => listLinkTargets(ctx, input ?? {}));
