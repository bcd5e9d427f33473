import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/server/auth/session";
import { isStaff } from "@/server/auth/permissions";
import { PipelineReport } from "@/components/selling/pipeline-report";

export const metadata: Metadata = { title: "Pipeline report" };

export default async function PipelineReportPage() {
  const { user } = await requirePermission("records:sales");
  return (
    <div>
      <header className="mb-6 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="report-title">Pipeline report</h1>
          <p className="mt-1 text-sm text-slate-600">
            Where deals get stuck: open deals per stage, time in each stage, conversion to the next stage, and the bottleneck
            {isStaff(user.role) ? " (your own deals)" : ""}.
          </p>
        </div>
        <Link href="/pipeline" className="text-sm font-medium text-indigo-700 hover:underline">← Pipeline</Link>
      </header>
      <PipelineReport />
    </div>
  );
}
