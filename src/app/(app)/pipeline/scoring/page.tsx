import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/server/auth/session";
import { can } from "@/server/auth/permissions";
import { ScoringSettings } from "@/components/selling/scoring-settings";

export const metadata: Metadata = { title: "Lead scoring" };

export default async function ScoringPage() {
  const { user } = await requirePermission("kpi:sales");
  return (
    <div>
      <header className="mb-6 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="scoring-title">Lead scoring</h1>
          <p className="mt-1 text-sm text-slate-600">Weights for demographic and behavioural attributes; every lead&apos;s score follows them.</p>
        </div>
        <Link href="/pipeline/leads" className="text-sm font-medium text-indigo-700 hover:underline">Leads →</Link>
      </header>
      <ScoringSettings canConfigure={can(user.role, "sales:configure")} />
    </div>
  );
}
