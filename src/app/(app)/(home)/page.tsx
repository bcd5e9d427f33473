import { TRPCError } from "@trpc/server";
import { requireSession } from "@/server/auth/session";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { api } from "@/trpc/server";
import { SummaryCards, type SummaryCard } from "@/components/summary-cards";
import { GENERIC_MESSAGE } from "@/components/errors";

type Loaded = { cards: SummaryCard[] } | { problem: string };

async function loadCards(): Promise<Loaded> {
  try {
    return { cards: await (await api()).home.getSummary() };
  } catch (e) {
    // expected failures get a plain sentence here (production hides server error messages from error.tsx)
    if (e instanceof TRPCError) {
      if (e.code === "SERVICE_UNAVAILABLE") return { problem: e.message };
      if (e.code === "FORBIDDEN" || e.code === "UNAUTHORIZED") return { problem: `${e.message} Sign out and sign in again, or ask your CRM manager.` };
      if (e.code === "BAD_REQUEST") return { problem: e.message || GENERIC_MESSAGE };
    }
    throw e;
  }
}

export default async function HomePage() {
  const { user } = await requireSession();
  const loaded = await loadCards();
  return (
    <div>
      <header className="mb-8">
        <h1 data-testid="home-title" className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
          Welcome, {user.name || user.email}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          <span data-testid="home-role" className="inline-flex items-center rounded-full bg-indigo-50 px-2.5 py-0.5 text-xs font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200">
            {ROLE_LABELS[user.role]}
          </span>
          <span className="ml-2">{user.organizationName}</span>
        </p>
      </header>
      <section aria-labelledby="numbers-heading">
        <h2 id="numbers-heading" className="mb-4 text-sm font-semibold uppercase tracking-wide text-slate-500">
          At a glance
        </h2>
        {"cards" in loaded ? (
          <SummaryCards cards={loaded.cards} />
        ) : (
          <p data-testid="home-error" aria-live="polite" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
            {loaded.problem}
          </p>
        )}
      </section>
    </div>
  );
}
