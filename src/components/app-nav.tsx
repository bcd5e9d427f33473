"use client";
import { IntentLink } from "./intent-link";
import { usePathname } from "next/navigation";
import type { NavItem } from "./nav-items";
import { navItemForPath } from "./nav-items";

/** The shell's navigation (a row in the top bar, a column in the sidebar): items are already filtered by role on the server. */
export function AppNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname() ?? "/";
  const current = navItemForPath(pathname)?.href;
  return (
    <nav aria-label="Main">
      <ul className="flex gap-1 overflow-x-auto lg:block lg:space-y-1 lg:overflow-visible">
        {items.map((item) => {
          const active = item.href === current;
          return (
            <li key={item.href}>
              <IntentLink
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${
                  active ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
                }`}
              >
                {item.label}
              </IntentLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
