import type { Metadata } from "next";
import { requirePermission } from "@/server/auth/session";
import { AutomationManager } from "@/components/automation/automation-manager";

export const metadata: Metadata = { title: "Automation" };

export default async function AutomationPage() {
  await requirePermission("automation:manage");
  return (
    <div>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="automation-title">Automation</h1>
        <p className="mt-1 text-sm text-slate-600">
          When a deal or lead is created, changes stage, value or score, or sits idle, and its conditions hold, a rule creates a task,
          assigns it, adds the lead to a campaign or notifies someone — in the same transaction as the change, at most once per event.
          New rules start switched off: test them against existing records first.
        </p>
      </header>
      <AutomationManager />
    </div>
  );
}
