// A person's notifications (from automation rules): the unread count in the app shell and the /notifications list.
import type { TenantDb } from "@/server/db/tenant";

type Me = { db: TenantDb; userId: string };

export async function countUnread(a: Me): Promise<number> {
  return a.db.notification.count({ where: { userId: a.userId, readAt: null } });
}

export async function listNotifications(a: Me) {
  const [items, unread] = await Promise.all([
    a.db.notification.findMany({
      where: { userId: a.userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 100,
      select: { id: true, message: true, entityType: true, entityId: true, createdAt: true, readAt: true },
    }),
    countUnread(a),
  ]);
  return { items, unread };
}

/** Marks the caller's own unread notifications read (nobody else's). */
export async function markAllRead(a: Me, now = new Date()) {
  const r = await a.db.notification.updateMany({ where: { userId: a.userId, readAt: null }, data: { readAt: now } });
  return { marked: r.count };
}
