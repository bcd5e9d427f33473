// Streaming CSV reading: the file is read in chunks and parsed row by row (csv-parse), never loaded whole.
// Checks on the way: UTF-8 only (a Latin-1/Windows-1252 or UTF-16 file is refused with the line it breaks
// on), a UTF-8 byte-order mark is dropped, the delimiter (, ; tab |) is sniffed from the header line.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { isUtf8 } from "node:buffer";
import { Transform, type TransformCallback } from "node:stream";
import { parse } from "csv-parse";
import { UserError } from "@/server/errors";

export const DELIMITERS = [",", ";", "\t", "|"] as const;

/** A problem with the file as a whole (encoding, quoting, empty): stops the pass with this message. */
export class ImportFileError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "ImportFileError";
  }
}

/** The delimiter used most often in the first line, outside quotes (comma when none). */
export function sniffDelimiter(firstLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",";
  let max = 0;
  for (const [d, n] of counts) if (n > max) [best, max] = [d, n];
  return best;
}

/** Offset of the first byte that breaks UTF-8 in `buf` (a sequence cut at the end does not count), or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= buf.length) return -1;
      if ((buf[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

const NOT_UTF8 = (line: number) =>
  `The file is not UTF-8 text: line ${line} has bytes that are not valid UTF-8 (the file is probably Windows-1252/Latin-1). ` +
  `Save it as "CSV UTF-8" and upload it again.`;

/** Passes the bytes through, failing on invalid UTF-8 with the line it is on, and counts the bytes read. */
class Utf8Check extends Transform {
  private lines = 1;
  private first = true;
  /** the start of a multi-byte sequence cut by the chunk boundary, checked with the next chunk */
  private carry: Buffer | null = null;
  bytes = 0;

  constructor(private onBytes?: (n: number) => void) {
    super();
  }

  _transform(input: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    if (this.first) {
      this.first = false;
      if (input.length >= 2 && ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff))) {
        return done(new ImportFileError('The file is UTF-16 text. Save it as "CSV UTF-8" and upload it again.'));
      }
    }
    const chunk = this.carry ? Buffer.concat([this.carry, input]) : input;
    const cut = incompleteTail(chunk);
    const whole = cut === chunk.length ? chunk : chunk.subarray(0, cut);
    this.carry = cut === chunk.length ? null : Buffer.from(chunk.subarray(cut));
    if (!isUtf8(whole)) {
      const at = firstInvalidUtf8(whole);
      let line = this.lines;
      for (let i = 0; i < (at < 0 ? whole.length : at); i++) if (whole[i] === 0x0a) line++;
      return done(new ImportFileError(NOT_UTF8(line)));
    }
    let nl = whole.indexOf(0x0a);
    while (nl >= 0) {
      this.lines++;
      nl = whole.indexOf(0x0a, nl + 1);
    }
    this.bytes += input.length;
    this.onBytes?.(this.bytes);
    done(null, whole);
  }

  _flush(done: TransformCallback) {
    if (this.carry?.length) return done(new ImportFileError(NOT_UTF8(this.lines)));
    done();
  }
}

/** Where a UTF-8 sequence that the end of the buffer cuts short starts (buf.length when none is cut). */
function incompleteTail(buf: Buffer): number {
  for (let back = 1; back <= 3 && back <= buf.length; back++) {
    const b = buf[buf.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return len > back ? buf.length - back : buf.length;
  }
  return buf.length;
}

/** The first line of the file (for the delimiter), read from its first 64 KB. */
async function firstLine(path: string): Promise<string> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, "");
    const nl = text.search(/\r?\n/);
    return nl < 0 ? text : text.slice(0, nl);
  } finally {
    await fh.close();
  }
}

export type CsvRow = { /** 1 = the header row, 2 = the first data row (as a spreadsheet numbers them) */ row: number; cells: string[] };

export type ReadOptions = { delimiter?: string; onBytes?: (bytesRead: number) => void; signal?: AbortSignal };

/**
 * Streams the rows of a CSV file: first the header, then every data row (blank lines skipped).
 * Throws ImportFileError for an empty file, bad encoding or broken quoting, naming the line.
 */
export async function* readCsv(path: string, opts: ReadOptions = {}): AsyncGenerator<CsvRow> {
  const delimiter = opts.delimiter ?? sniffDelimiter(await firstLine(path));
  const decode = new Utf8Check(opts.onBytes);
  const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: true, bom: true, trim: false });
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  source.on("error", (e) => parser.destroy(e));
  decode.on("error", (e) => parser.destroy(e));
  source.pipe(decode).pipe(parser);
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? new Error("aborted");
      row++;
      yield { row, cells };
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    const err = e as { code?: string; lines?: number; message?: string };
    if (err.code?.startsWith("CSV_")) {
      throw new ImportFileError(`The file is not valid CSV near line ${err.lines ?? row + 1}: ${csvReason(err.code, err.message)}.`);
    }
    throw e;
  } finally {
    source.destroy();
    decode.destroy();
    parser.destroy();
  }
  if (row === 0) throw new ImportFileError("The file is empty: it needs a header row and at least one data row.");
}

function csvReason(code: string, message = ""): string {
  if (code === "CSV_QUOTE_NOT_CLOSED") return "a quoted cell is never closed";
  if (code === "CSV_INVALID_CLOSING_QUOTE" || code === "CSV_INVALID_OPENING_QUOTE") return "a quote character inside a cell is not doubled";
  return message.replace(/^Invalid Record Length:?\s*/i, "").slice(0, 200) || code;
}

/** The delimiter of a file (sniffed from its header line). */
export async function detectDelimiter(path: string): Promise<string> {
  return sniffDelimiter(await firstLine(path));
}

/** Header and the first `n` data rows. */
export async function readHead(path: string, n: number): Promise<{ delimiter: string; headers: string[]; sample: string[][] }> {
  const delimiter = await detectDelimiter(path);
  let headers: string[] | null = null;
  const sample: string[][] = [];
  for await (const { cells } of readCsv(path, { delimiter })) {
    if (!headers) headers = cells.map((c) => c.trim());
    else sample.push(cells);
    if (sample.length >= n) break;
  }
  if (!headers || headers.every((h) => h === "")) throw new ImportFileError("The file is empty: it needs a header row and at least one data row.");
  if (sample.length === 0) throw new ImportFileError("The file has a header row but no data rows.");
  return { delimiter, headers, sample };
}
