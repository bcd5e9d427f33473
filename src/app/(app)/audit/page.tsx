import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePermission } from "@/server/auth/session";
import { AuditLog } from "@/components/records/audit-log";

export const metadata: Metadata = { title: "Audit log · Sasaran" };

export default async function AuditPage() {
  await requirePermission("audit:read");
  return (
    <div>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="audit-title">
          Audit log
        </h1>
        <p className="mt-1 text-sm text-slate-600">Who created, changed or deleted what, and when. The log cannot be edited.</p>
      </header>
      <Suspense fallback={<p className="text-sm text-slate-600">Loading…</p>}>
        <AuditLog />
      </Suspense>
    </div>
  );
}
