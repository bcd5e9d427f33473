import { roleProcedure } from "@/server/api/trpc";
import { markAllRead } from "@/server/automation/notifications";

/** Marks the caller's own notifications read. */
export const markAllReadProcedure = roleProcedure("home:read").mutation(({ ctx }) => markAllRead(ctx));
