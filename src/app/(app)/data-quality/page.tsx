import type { Metadata } from "next";
import { requirePermission } from "@/server/auth/session";
import { DataQualityView } from "@/components/data-quality/data-quality";

export const metadata: Metadata = { title: "Data quality" };

export default async function DataQualityPage() {
  await requirePermission("dataQuality:manage");
  return (
    <div>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="dq-title">Data quality</h1>
        <p className="mt-1 text-sm text-slate-600">
          How complete the key fields are, and records that look like duplicates. Merging keeps the record you choose, moves everything linked to the others onto it and deletes them.
        </p>
      </header>
      <DataQualityView />
    </div>
  );
}
