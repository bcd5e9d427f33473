import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/server/auth/session";
import { can } from "@/server/auth/permissions";
import { LeadFlow } from "@/components/pipeline/leads";

export const metadata: Metadata = { title: "Leads" };

export default async function LeadsPage() {
  const { user } = await requirePermission("records:sales");
  return (
    <div>
      <header className="mb-6 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="leads-title">Leads</h1>
          <p className="mt-1 text-sm text-slate-600">New → contacted → qualified → converted into a deal (or nurture / lost). Converting creates the deal in the first stage. Best score first.</p>
        </div>
        <nav aria-label="Lead pages" className="flex flex-wrap gap-4 text-sm font-medium text-indigo-700">
          {can(user.role, "kpi:sales") ? <Link href="/pipeline/scoring" className="hover:underline">Lead scoring →</Link> : null}
          <Link href="/pipeline" className="hover:underline">← Pipeline</Link>
        </nav>
      </header>
      <LeadFlow />
    </div>
  );
}
