import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { TRPCError } from "@trpc/server";
import { RecordView } from "@/components/records/record-view";
import { getQueryClient, trpc } from "@/trpc/server";
import { requireRecordType } from "../../_guard";

export const metadata: Metadata = { title: "Record · Sasaran" };

export default async function RecordPage({ params }: { params: Promise<{ type: string; id: string }> }) {
  const p = await params;
  const { type } = await requireRecordType(p.type);
  if (!/^[0-9a-f-]{36}$/i.test(p.id)) notFound();
  const queryClient = getQueryClient();
  try {
    await queryClient.fetchQuery(trpc.records.get.queryOptions({ type, id: p.id }));
  } catch (e) {
    // another user's, another family's or another organization's record: as if it did not exist
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    // anything else is shown by the client query
  }
  return (
    <div className="max-w-5xl">
      <HydrationBoundary state={dehydrate(queryClient)}>
        <RecordView type={type} id={p.id} />
      </HydrationBoundary>
    </div>
  );
}
