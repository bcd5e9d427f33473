// Uploaded files on disk: IMPORT_DIR/<organization>/<random>.csv, written as the request streams in,
// refused past IMPORT_MAX_MB. The report of a job lives beside its upload.
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { UserError } from "@/server/errors";

export function importDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.IMPORT_DIR || ".data/imports");
}

export function maxUploadBytes(): number {
  const mb = Number(process.env.IMPORT_MAX_MB || 1024);
  return (Number.isFinite(mb) && mb > 0 ? mb : 1024) * 1024 * 1024;
}

export const reportPath = (filePath: string) => `${filePath}.report.csv`;

/** Writes a byte stream to a new file under the organization's folder; returns its path and size. */
export async function saveUpload(body: ReadableStream<Uint8Array> | Readable, organizationId: string, limit = maxUploadBytes()): Promise<{ filePath: string; size: number }> {
  const dir = path.join(/*turbopackIgnore: true*/ importDir(), organizationId.replace(/[^a-f0-9-]/gi, ""));
  await mkdir(dir, { recursive: true });
  const filePath = path.join(/*turbopackIgnore: true*/ dir, `${randomUUID()}.csv`);
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) return done(new UserError(`The file is larger than the ${Math.round(limit / 1024 / 1024)} MB limit.`));
      done(null, chunk);
    },
  });
  const source = body instanceof Readable ? body : Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
  try {
    await pipeline(source, count, createWriteStream(filePath));
  } catch (e) {
    await rm(filePath, { force: true });
    throw e;
  }
  return { filePath, size };
}

export async function removeUpload(filePath: string) {
  await rm(filePath, { force: true });
  await rm(reportPath(filePath), { force: true });
}
