import { roleProcedure } from "@/server/api/trpc";
import { listStageDeals } from "@/server/pipeline/report";
import { stageDealsInput } from "./selling.schemas";

/** The open deals sitting in one stage (the deals behind the report's numbers). Staff see their own. */
export const listStageDealsProcedure = roleProcedure("records:sales").input(stageDealsInput).query(({ ctx, input }) => listStageDeals(ctx, input));
