"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { toFormError } from "@/components/errors";
import { cardClass, ErrorText } from "@/components/ui";
import { formatCount } from "@/components/format";
import { STATUS_CLASSES, STATUS_LABELS, typeLabel } from "./labels";

export function RecentImports() {
  const trpc = useTRPC();
  const jobs = useQuery(trpc.import.listJobs.queryOptions());
  return (
    <section aria-labelledby="recent-heading" className={cardClass}>
      <h2 id="recent-heading" className="border-b border-slate-200 px-5 py-4 text-base font-semibold text-slate-900">
        Recent imports
      </h2>
      {jobs.isPending ? (
        <p className="px-5 py-6 text-sm text-slate-500">Loading…</p>
      ) : jobs.error ? (
        <div className="px-5 py-6">
          <ErrorText testId="imports-load-error">Could not load imports: {toFormError(jobs.error).message}</ErrorText>
        </div>
      ) : jobs.data.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">No imports yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="imports-table">
            <thead>
              <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <th scope="col" className="px-5 py-3">File</th>
                <th scope="col" className="px-3 py-3">Type</th>
                <th scope="col" className="px-3 py-3">Status</th>
                <th scope="col" className="px-3 py-3 text-right">Rows</th>
                <th scope="col" className="px-5 py-3">Uploaded</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {jobs.data.map((j) => (
                <tr key={j.id}>
                  <td className="px-5 py-2">
                    <Link href={`/import/${j.id}`} className="font-medium text-indigo-700 hover:underline">
                      {j.fileName}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{typeLabel(j.type)}</td>
                  <td className="px-3 py-2">
                    <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_CLASSES[j.status] ?? ""}`}>{STATUS_LABELS[j.status] ?? j.status}</span>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{j.totalRows == null ? "—" : formatCount(j.totalRows)}</td>
                  <td className="px-5 py-2 text-slate-500">{new Date(j.createdAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
