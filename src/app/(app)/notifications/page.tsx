import type { Metadata } from "next";
import { requirePermission } from "@/server/auth/session";
import { NotificationList } from "@/components/notifications/notification-list";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  await requirePermission("home:read");
  return (
    <div>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="notifications-title">Notifications</h1>
        <p className="mt-1 text-sm text-slate-600">Messages for you from the automation rules, newest first.</p>
      </header>
      <NotificationList />
    </div>
  );
}
