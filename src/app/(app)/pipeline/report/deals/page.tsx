import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/server/auth/session";
import { StageDeals } from "@/components/selling/pipeline-report";

export const metadata: Metadata = { title: "Deals in a stage" };

export default async function StageDealsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("records:sales");
  const sp = await searchParams;
  const stageId = typeof sp.stageId === "string" ? sp.stageId : "";
  return (
    <div>
      <header className="mb-6 flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="stage-deals-title">Open deals in the stage</h1>
        <Link href="/pipeline/report" className="text-sm font-medium text-indigo-700 hover:underline">← Pipeline report</Link>
      </header>
      <StageDeals stageId={stageId} withoutFollowUp={sp.withoutFollowUp === "1"} />
    </div>
  );
}
