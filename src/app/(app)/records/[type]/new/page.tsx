import type { Metadata } from "next";
import Link from "next/link";
import { RecordForm } from "@/components/records/record-form";
import { cardClass } from "@/components/ui";
import { requireRecordType } from "../../_guard";

export const metadata: Metadata = { title: "New record · Sasaran" };

export default async function NewRecordPage({ params }: { params: Promise<{ type: string }> }) {
  const { def, type } = await requireRecordType((await params).type);
  return (
    <div className="max-w-4xl">
      <p className="text-sm">
        <Link href={`/records/${type}`} className="text-indigo-700 hover:underline">
          ← {def.plural}
        </Link>
      </p>
      <h1 className="mb-6 mt-1 text-2xl font-semibold tracking-tight text-slate-900">New {def.label.toLowerCase()}</h1>
      <div className={`${cardClass} p-5`}>
        <p className="mb-4 text-xs text-slate-500">Fields marked * are required.</p>
        <RecordForm type={type} />
      </div>
    </div>
  );
}
