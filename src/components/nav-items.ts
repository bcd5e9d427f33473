import type { Action } from "@/server/auth/permissions";
import { can } from "@/server/auth/permissions";

/** One entry per page in the app shell's navigation. A role sees an entry only if `can(role, action)`. */
export type NavItem = { href: string; label: string; action: Action };

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Home", action: "home:read" },
  { href: "/my", label: "My work", action: "kpi:personal" },
  { href: "/dashboards/crm", label: "CRM dashboard", action: "kpi:adoption" },
  { href: "/dashboards/sales", label: "Sales & marketing", action: "kpi:sales" },
  { href: "/dashboards/support", label: "Support", action: "kpi:support" },
  { href: "/pipeline", label: "Pipeline", action: "records:sales" },
  { href: "/pipeline/report", label: "Pipeline report", action: "records:sales" },
  { href: "/pipeline/leads", label: "Leads", action: "records:sales" },
  { href: "/pipeline/scoring", label: "Lead scoring", action: "kpi:sales" },
  { href: "/tickets", label: "Ticket desk", action: "records:support" },
  { href: "/surveys", label: "Surveys", action: "surveys:manage" },
  { href: "/data-quality", label: "Data quality", action: "dataQuality:manage" },
  { href: "/goals", label: "Goals", action: "goals:read" },
  { href: "/automation", label: "Automation", action: "automation:manage" },
  { href: "/kpis", label: "KPI definitions", action: "home:read" },
  { href: "/records", label: "Records", action: "records:sales" },
  { href: "/records/tickets", label: "Ticket records", action: "records:support" },
  { href: "/audit", label: "Audit log", action: "audit:read" },
  { href: "/import", label: "Import", action: "records:import" },
  { href: "/users", label: "Users", action: "org:manageUsers" },
];

/** The navigation entries the role may see, in order. */
export function navItemsFor(role: unknown): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.action));
}

/** The nav entry a path belongs to (longest matching prefix), or undefined. */
export function navItemForPath(pathname: string): NavItem | undefined {
  return [...NAV_ITEMS]
    .sort((a, b) => b.href.length - a.href.length)
    .find((item) => (item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`)));
}
