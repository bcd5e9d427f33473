"use client";
import { useRouter, usePathname } from "next/navigation";
import { useSession } from "next-auth/react";
import { useId, useState, useTransition } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { can } from "@/server/auth/permissions";
import { navItemForPath } from "./nav-items";
import { inputClass } from "./ui";

type Props = { organizationId: string; organizationName: string };

/**
 * Shows the active organization; when the user belongs to more than one, a select to switch.
 * Switching asks next-auth to update the session (the jwt callback checks the membership), then
 * reloads the server-rendered page and every cached query for the new organization.
 */
export function OrgSwitcher({ organizationId, organizationName }: Props) {
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname() ?? "/";
  const { update } = useSession();
  const me = useQuery(trpc.me.get.queryOptions());
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [refreshing, startTransition] = useTransition();
  const busy = pending || refreshing;

  const organizations = me.data?.organizations ?? [];

  async function switchTo(targetId: string) {
    if (targetId === organizationId || busy) return;
    setSelected(targetId);
    setPending(true);
    setError(null);
    try {
      const session = await update({ organizationId: targetId });
      if (!session || session.user.organizationId !== targetId) {
        setError("Could not switch: you are not an active member of that organization.");
        setSelected(null);
        return;
      }
      await queryClient.invalidateQueries();
      // stay on the page if the new role may see it; otherwise go home
      const item = navItemForPath(pathname);
      startTransition(() => {
        if (item && !can(session.user.role, item.action)) router.push("/");
        router.refresh();
      });
    } catch {
      setError("Could not switch organization. Try again.");
      setSelected(null);
    } finally {
      setPending(false);
    }
  }

  if (organizations.length <= 1) {
    return (
      <div>
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Organization</p>
        <p className="mt-0.5 truncate text-sm font-semibold text-slate-900" data-testid="org-name" title={organizationName}>
          {organizationName}
        </p>
      </div>
    );
  }

  return (
    <div>
      <label htmlFor={id} className="text-xs font-medium uppercase tracking-wide text-slate-500">
        Organization
      </label>
      <select
        id={id}
        data-testid="org-switcher"
        className={`${inputClass} mt-1 py-1.5`}
        value={busy && selected ? selected : organizationId}
        disabled={busy}
        aria-busy={busy}
        onChange={(e) => void switchTo(e.target.value)}
      >
        {organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
        {organizations.some((o) => o.id === organizationId) ? null : <option value={organizationId}>{organizationName}</option>}
      </select>
      <p aria-live="polite" className="mt-1 text-xs">
        {busy ? <span className="text-slate-500">Switching…</span> : null}
        {error ? <span className="text-red-700" data-testid="org-switch-error">{error}</span> : null}
      </p>
    </div>
  );
}
