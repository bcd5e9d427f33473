import type { Metadata } from "next";
import { requirePermission } from "@/server/auth/session";
import { importTypesFor } from "@/server/import/jobs";
import { UploadForm } from "@/components/import/upload-form";
import { RecentImports } from "@/components/import/recent-imports";
import { ExpectedColumns } from "@/components/import/expected-columns";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  const session = await requirePermission("records:import");
  const types = importTypesFor(session.user.role);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">Import</h1>
        <p className="mt-1 text-sm text-slate-600">
          Bring records into {session.user.organizationName} from a CSV file (UTF-8; comma, semicolon or tab separated). You check the column
          mapping and a validation report before anything is written, and an import either goes in whole or not at all.
        </p>
      </header>
      <UploadForm types={types} />
      <RecentImports />
      <ExpectedColumns types={types} />
    </div>
  );
}
