import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { requirePermission } from "@/server/auth/session";
import { ImportJobView } from "@/components/import/job-view";

export const metadata: Metadata = { title: "Import" };

export default async function ImportJobPage({ params }: { params: Promise<{ jobId: string }> }) {
  await requirePermission("records:import");
  const { jobId } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(jobId)) notFound();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/import" className="text-indigo-700 hover:underline">
          ← All imports
        </Link>
      </p>
      <ImportJobView jobId={jobId} />
    </div>
  );
}
