import { roleProcedure } from "@/server/api/trpc";
import { countUnread } from "@/server/automation/notifications";

/** How many of the caller's notifications are unread (the badge in the app shell). */
export const countUnreadProcedure = roleProcedure("home:read").query(({ ctx }) => countUnread(ctx));
