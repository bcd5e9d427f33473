import { roleProcedure } from "@/server/api/trpc";
import { listRuns } from "@/server/automation/manage";
import { ruleIdInput } from "./automation.schemas";

/** A rule's run log: each firing, on which record, what each action did. */
export const listRunsProcedure = roleProcedure("automation:manage")
  .input(ruleIdInput)
  .query(({ ctx, input }) => listRuns(ctx, input));
