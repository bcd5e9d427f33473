"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { toFormError } from "@/components/errors";
import { cardClass, ErrorText, secondaryButtonClass } from "@/components/ui";

const RECORD_PATH: Record<string, string> = { Deal: "deals", Lead: "leads" };

export function NotificationList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const list = useQuery(trpc.notifications.list.queryOptions());
  const markAll = useMutation(
    trpc.notifications.markAllRead.mutationOptions({
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() });
        router.refresh(); // the unread count in the app shell
      },
    }),
  );
  if (list.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (list.error) return <ErrorText testId="notifications-error">Could not load notifications: {toFormError(list.error).message}</ErrorText>;
  return (
    <section className={cardClass} aria-label="Notifications">
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-4">
        <p className="text-sm text-slate-600">{list.data.unread} unread</p>
        <button type="button" className={secondaryButtonClass} disabled={list.data.unread === 0 || markAll.isPending} onClick={() => markAll.mutate()}>Mark all read</button>
      </div>
      {list.data.items.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">No notifications.</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="notifications-list">
          {list.data.items.map((n) => (
            <li key={n.id} className={`px-5 py-3 text-sm ${n.readAt ? "text-slate-600" : "font-medium text-slate-900"}`} data-testid="notification">
              {n.entityType && n.entityId && RECORD_PATH[n.entityType] ? <Link className="underline" href={`/records/${RECORD_PATH[n.entityType]}/${n.entityId}`}>{n.message}</Link> : n.message}
              <span className="ml-2 text-xs font-normal text-slate-500">{new Date(n.createdAt).toLocaleString()}{n.readAt ? "" : " · new"}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
