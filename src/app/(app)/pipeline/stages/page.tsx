import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/server/auth/session";
import { StageSettings } from "@/components/selling/stage-settings";

export const metadata: Metadata = { title: "Pipeline stages" };

export default async function StageSettingsPage() {
  await requirePermission("sales:configure");
  return (
    <div>
      <header className="mb-6 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="stages-title">Pipeline stages</h1>
          <p className="mt-1 text-sm text-slate-600">Add, rename, reorder and remove stages, and set each stage&apos;s win probability. Won and lost stages stay at the end.</p>
        </div>
        <Link href="/pipeline" className="text-sm font-medium text-indigo-700 hover:underline">← Pipeline</Link>
      </header>
      <StageSettings />
    </div>
  );
}
