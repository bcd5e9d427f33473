// POST /api/import/upload?type=deal&name=deals.csv with the file as the raw request body: streamed to disk
// (size limit IMPORT_MAX_MB), then registered as an import job (header read, columns auto-mapped).
import { importActor, errorResponse, json } from "@/server/import/route-actor";
import { assertCanImport, createJob } from "@/server/import/jobs";
import { saveUpload } from "@/server/import/storage";
import { UserError } from "@/server/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  const actor = await importActor(req);
  if (actor instanceof Response) return actor;
  const url = new URL(req.url);
  const type = url.searchParams.get("type") ?? "";
  const name = (url.searchParams.get("name") ?? "upload.csv").replace(/[\r\n]/g, " ").slice(0, 255);
  try {
    assertCanImport(actor.role, type);
    if (!req.body) throw new UserError("The request has no file.");
    const declared = Number(req.headers.get("content-length") ?? 0);
    const { filePath, size } = await saveUpload(req.body, actor.organizationId);
    if (declared && size !== declared) throw new UserError("The upload was interrupted; try again.");
    const job = await createJob(actor, { type, fileName: name, filePath, fileSize: size });
    return json({ jobId: job.id }, 201);
  } catch (e) {
    return errorResponse(e);
  }
}
