import { roleProcedure } from "@/server/api/trpc";
import { getMyQueue } from "@/server/work/my-queue";

/** The caller's own open deals, open tickets and due tasks. */
export const getMyQueueProcedure = roleProcedure("home:read").query(({ ctx }) => getMyQueue(ctx));
