// GET /api/import/<job>/report: the job's full list of errors and duplicates as CSV (streamed from disk).
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { importActor, errorResponse, json } from "@/server/import/route-actor";
import { assertCanImport } from "@/server/import/jobs";
import { reportPath } from "@/server/import/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const actor = await importActor(req);
  if (actor instanceof Response) return actor;
  const { jobId } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(jobId)) return json({ error: "No such import in this organization." }, 404);
  try {
    const job = await actor.db.importJob.findFirst({ where: { id: jobId }, select: { type: true, filePath: true, fileName: true } });
    if (!job) return json({ error: "No such import in this organization." }, 404);
    assertCanImport(actor.role, job.type);
    const path = reportPath(job.filePath);
    const size = await stat(path).then((s) => s.size, () => null);
    if (size === null) return json({ error: "There is no report yet: validate the file first." }, 404);
    const base = job.fileName.replace(/\.csv$/i, "").replace(/[^\w.-]+/g, "_") || "import";
    return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-length": String(size),
        "content-disposition": `attachment; filename="${base}-report.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
