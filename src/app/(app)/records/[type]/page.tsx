import type { Metadata } from "next";
import { Suspense } from "react";
import { RecordList } from "@/components/records/record-list";
import { definitionOf, isRecordType } from "@/server/records/registry";
import { requireRecordType } from "../_guard";

export async function generateMetadata({ params }: { params: Promise<{ type: string }> }): Promise<Metadata> {
  const { type } = await params;
  return { title: `${isRecordType(type) ? definitionOf(type).plural : "Records"} · Sasaran` };
}

export default async function RecordListPage({ params }: { params: Promise<{ type: string }> }) {
  const { def, type } = await requireRecordType((await params).type);
  return (
    <div>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="records-title">
          {def.plural}
        </h1>
      </header>
      {/* the list reads its state from the URL on the client */}
      <Suspense fallback={<p className="text-sm text-slate-600">Loading…</p>}>
        <RecordList type={type} canCreate />
      </Suspense>
    </div>
  );
}
