import type { Metadata } from "next";
import Link from "next/link";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requirePermission } from "@/server/auth/session";
import { can, isStaff } from "@/server/auth/permissions";
import { getQueryClient, trpc } from "@/trpc/server";
import { PipelineBoard } from "@/components/pipeline/board";

export const metadata: Metadata = { title: "Pipeline" };

export default async function PipelinePage() {
  const { user } = await requirePermission("records:sales");
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery(trpc.pipeline.getBoard.queryOptions({}));
  return (
    <div>
      <header className="mb-6 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="pipeline-title">
            Pipeline
          </h1>
          <p className="mt-1 text-sm text-slate-600">Deals by stage. Moving a deal records the stage change; moving it to Won or Lost closes it.</p>
        </div>
        <nav aria-label="Pipeline pages" className="flex flex-wrap gap-4 text-sm font-medium text-indigo-700">
          <Link href="/pipeline/report" className="hover:underline" data-testid="report-link">Report →</Link>
          <Link href="/pipeline/leads" className="hover:underline">Leads →</Link>
          {can(user.role, "sales:configure") ? <Link href="/pipeline/stages" className="hover:underline">Stages →</Link> : null}
        </nav>
      </header>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <PipelineBoard canPickOwner={!isStaff(user.role)} />
      </HydrationBoundary>
    </div>
  );
}
