import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/server/auth/session";
import { api } from "@/trpc/server";
import { GoalForm } from "@/components/goals/goal-form";
import { defaultGoalValues } from "@/components/goals/goal-form-values";

export const metadata: Metadata = { title: "New goal · Sasaran" };

export default async function NewGoalPage() {
  await requirePermission("goals:manage");
  const options = await (await api()).goals.getFormOptions();
  return (
    <div>
      <Link href="/goals" className="text-sm text-indigo-700 hover:underline">
        ← Goals
      </Link>
      <h1 className="mb-4 mt-2 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">New goal</h1>
      {options.kpis.length ? <GoalForm options={options} initial={defaultGoalValues(options)} /> : <p className="text-sm text-slate-600">Your role may not set goals on any KPI.</p>}
    </div>
  );
}
