import type { Metadata } from "next";
import { requirePermission } from "@/server/auth/session";
import { SurveysManager } from "@/components/surveys/surveys-manager";

export const metadata: Metadata = { title: "Surveys" };

export default async function SurveysPage() {
  await requirePermission("surveys:manage");
  return (
    <div>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="surveys-title">Surveys</h1>
        <p className="mt-1 text-sm text-slate-600">
          NPS, CSAT and CES surveys customers answer without an account. Answers count in the satisfaction KPIs as soon as they arrive.
        </p>
      </header>
      <SurveysManager />
    </div>
  );
}
