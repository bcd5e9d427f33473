import { callerFrom, getRequestSession } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { exportRecords } from "@/server/records/export";

// GET /api/export/<type>?<the list's filters>: the whole filtered list as CSV, streamed.
export async function GET(req: Request, { params }: { params: Promise<{ type: string }> }) {
  const { type } = await params;
  const result = await exportRecords(await db(), callerFrom(await getRequestSession(req)), type, new URL(req.url).searchParams);
  if (result.status !== 200) return new Response(result.message, { status: result.status, headers: { "content-type": "text/plain; charset=utf-8" } });
  const encoder = new TextEncoder();
  const body = result.body;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await body.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await body.return(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${result.filename}"`,
      "cache-control": "no-store",
    },
  });
}
