import { IntentLink } from "@/components/intent-link";
import { requireSession } from "@/server/auth/session";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { AppNav } from "@/components/app-nav";
import { navItemsFor } from "@/components/nav-items";
import { OrgSwitcher } from "@/components/org-switcher";
import { SignOutButton } from "@/components/sign-out-button";
import { api } from "@/trpc/server";

/** The shell of every signed-in page: sidebar with organization, navigation for the role, and the user. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession();
  const { user } = session;
  const items = navItemsFor(user.role);
  // notifications from automation rules: a count that cannot be read must not break every page
  const unread = await (await api()).notifications.countUnread().catch(() => 0);

  return (
    <>
      <a
        href="#main"
        className="fixed left-4 top-0 z-50 -translate-y-[150%] rounded-b-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white focus:translate-y-0 focus:shadow-lg"
      >
        Skip to main content
      </a>
      <div className="min-h-screen bg-slate-50">
        {/* a top bar on tablets and phones, a fixed sidebar from laptop width up */}
        <aside className="flex flex-wrap items-center gap-x-6 gap-y-3 border-b border-slate-200 bg-white px-4 py-3 sm:px-6 lg:fixed lg:inset-y-0 lg:left-0 lg:w-64 lg:overflow-y-auto lg:flex-col lg:flex-nowrap lg:items-stretch lg:gap-0 lg:border-b-0 lg:border-r lg:p-0">
          <div className="lg:px-5 lg:pt-6">
            <IntentLink href="/" className="flex items-center gap-2 rounded-md text-lg font-bold tracking-tight text-indigo-700">
              <span aria-hidden="true" className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-sm font-bold text-white">
                S
              </span>
              Sasaran
            </IntentLink>
          </div>
          <div className="min-w-0 max-w-56 lg:max-w-none lg:px-5 lg:pt-6">
            <OrgSwitcher organizationId={user.organizationId} organizationName={user.organizationName} />
          </div>
          <div className="order-last w-full sm:order-none sm:w-auto sm:flex-1 lg:flex-1 lg:px-3 lg:py-6">
            <AppNav items={items} />
          </div>
          <div className="ml-auto flex items-center gap-3 lg:ml-0 lg:block lg:border-t lg:border-slate-200 lg:px-5 lg:py-5">
            <div className="min-w-0 text-right lg:text-left">
              <p className="max-w-48 truncate text-sm font-semibold text-slate-900 lg:max-w-none" data-testid="user-name" title={user.email}>
                {user.name || user.email}
              </p>
              <p className="truncate text-xs text-slate-500" data-testid="user-role">
                {ROLE_LABELS[user.role]}
              </p>
            </div>
            <IntentLink href="/notifications" className="block shrink-0 rounded-md text-sm text-indigo-700 underline-offset-2 hover:underline lg:mt-3" data-testid="notifications-link">
              Notifications
              {unread > 0 ? (
                <span className="ml-1.5 rounded-full bg-indigo-600 px-1.5 py-0.5 text-xs font-semibold text-white" data-testid="unread-count">
                  {unread}
                  <span className="sr-only"> unread</span>
                </span>
              ) : null}
            </IntentLink>
            <IntentLink href="/account" className="text-xs font-medium text-indigo-700 hover:underline lg:mt-2 lg:inline-block" data-testid="account-link">
              Account security
            </IntentLink>
            <SignOutButton className="shrink-0 lg:mt-3 lg:w-full" />
          </div>
        </aside>
        <main id="main" tabIndex={-1} className="outline-none lg:pl-64">
          <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 lg:px-8 lg:py-8">{children}</div>
        </main>
      </div>
    </>
  );
}
