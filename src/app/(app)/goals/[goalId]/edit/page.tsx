import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { requirePermission } from "@/server/auth/session";
import { api } from "@/trpc/server";
import { GoalForm } from "@/components/goals/goal-form";
import type { GoalFormValues } from "@/components/goals/goal-form-values";

export const metadata: Metadata = { title: "Edit goal · Sasaran" };

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export default async function EditGoalPage({ params }: { params: Promise<{ goalId: string }> }) {
  await requirePermission("goals:manage");
  const { goalId } = await params;
  const caller = await api();
  const [detail, options] = await Promise.all([
    caller.goals.get({ goalId }).catch((e) => {
      if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
      throw e;
    }),
    caller.goals.getFormOptions(),
  ]);
  if (!detail.canManage) redirect("/forbidden");
  const g = detail.goal;
  const scoped = !!(g.filters.ownerId && g.filters.ownerId === g.ownerUserId) || !!(g.filters.teamId && g.filters.teamId === g.ownerTeamId);
  const initial: GoalFormValues = {
    title: g.title, kpiId: g.kpiId, owner: g.ownerUserId ? `user:${g.ownerUserId}` : `team:${g.ownerTeamId}`, ownScope: scoped,
    otherFilters: { source: g.filters.source, segment: g.filters.segment, channel: g.filters.channel, priority: g.filters.priority },
    startDate: isoDay(g.startDate), deadline: isoDay(g.deadline), targetType: g.targetType, targetValue: String(g.targetValue),
    manualBaseline: !!g.baselineNote, baselineValue: g.baselineNote && g.baselineValue !== null ? String(g.baselineValue) : "", baselineNote: g.baselineNote ?? "",
    actionPlan: g.actionPlan, whyItMatters: g.whyItMatters, cadence: g.cadence,
  };
  return (
    <div>
      <Link href={`/goals/${g.id}`} className="text-sm text-indigo-700 hover:underline">
        ← {g.title}
      </Link>
      <h1 className="mb-4 mt-2 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">Edit goal</h1>
      <GoalForm options={options} initial={initial} goalId={g.id} />
    </div>
  );
}
