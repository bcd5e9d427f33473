import { roleProcedure } from "@/server/api/trpc";
import { listNotifications } from "@/server/automation/notifications";

/** The caller's own notifications, newest first, with the unread count. */
export const listNotificationsProcedure = roleProcedure("home:read").query(({ ctx }) => listNotifications(ctx));
