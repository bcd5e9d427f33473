// Streaming CSV reading: the file is read in chunks and parsed row by row, never loaded whole.
// Checks on the way: UTF-8 only (a Latin-1/Windows-1252 or UTF-16 file is refused with the line it breaks
// on), a UTF-8 byte-order mark is dropped, the delimiter (, ; tab |) is sniffed from the header line.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { isUtf8 } from "node:buffer";
import { StringDecoder } from "node:string_decoder";
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

/** Checks chunks of bytes for valid UTF-8 (a sequence cut by a chunk boundary is checked with the next chunk). */
class Utf8Check {
  private lines = 1;
  private first = true;
  private carry: Buffer | null = null;

  /** The part of the input that is complete UTF-8 (throws ImportFileError naming the line of a bad byte). */
  check(input: Buffer): Buffer {
    if (this.first) {
      this.first = false;
      if (input.length >= 2 && ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff))) {
        throw new ImportFileError('The file is UTF-16 text. Save it as "CSV UTF-8" and upload it again.');
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
      throw new ImportFileError(NOT_UTF8(line));
    }
    let nl = whole.indexOf(0x0a);
    while (nl >= 0) {
      this.lines++;
      nl = whole.indexOf(0x0a, nl + 1);
    }
    return whole;
  }

  end() {
    if (this.carry?.length) throw new ImportFileError(NOT_UTF8(this.lines));
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
 * A streaming RFC 4180 parser: fed text in chunks of any size, it returns the complete rows.
 * Quoted cells may hold delimiters, doubled quotes and line breaks; CRLF, LF and CR end rows; empty
 * lines are skipped. A quote inside an unquoted cell, or text right after a closing quote, is an error.
 */
export class CsvParser {
  private cell = "";
  private row: string[] = [];
  /** 0: at a cell start, 1: in an unquoted cell, 2: in a quoted cell, 3: just after a quote inside a quoted cell */
  private state = 0;
  private line = 1;
  private pendingCR = false;
  private readonly d: number;

  constructor(delimiter: string) {
    this.d = delimiter.charCodeAt(0);
  }

  private fail(reason: string): never {
    throw new ImportFileError(`The file is not valid CSV at line ${this.line}: ${reason}.`);
  }

  private endRow(out: string[][]) {
    this.row.push(this.cell);
    this.cell = "";
    if (!(this.row.length === 1 && this.row[0] === "")) out.push(this.row);
    this.row = [];
    this.state = 0;
  }

  feed(text: string, out: string[][]): void {
    const d = this.d;
    let i = 0;
    const n = text.length;
    if (this.pendingCR && n > 0) {
      this.pendingCR = false;
      if (text.charCodeAt(0) === 10) i = 1; // the LF of a CRLF cut by the chunk boundary
    }
    while (i < n) {
      const st = this.state;
      if (st === 2) {
        // quoted cell: copy up to the next quote
        const q = text.indexOf('"', i);
        if (q < 0) {
          const part = text.slice(i);
          for (let k = 0; k < part.length; k++) if (part.charCodeAt(k) === 10) this.line++;
          this.cell += part;
          return;
        }
        const part = text.slice(i, q);
        for (let k = 0; k < part.length; k++) if (part.charCodeAt(k) === 10) this.line++;
        this.cell += part;
        this.state = 3;
        i = q + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (st === 3) {
        if (c === 34) {
          this.cell += '"';
          this.state = 2;
          i++;
          continue;
        }
        if (c !== d && c !== 10 && c !== 13) this.fail("text follows the closing quote of a cell (a quote inside a cell must be doubled)");
        this.state = 1; // the cell is closed; the delimiter or line end is handled below
      }
      if (st === 0 && c === 34) {
        this.state = 2;
        i++;
        continue;
      }
      // unquoted: scan to the next delimiter or line end
      let j = i;
      while (j < n) {
        const x = text.charCodeAt(j);
        if (x === d || x === 10 || x === 13) break;
        if (x === 34 && this.state !== 3) this.fail("a quote character inside an unquoted cell (quote the cell and double the quote)");
        j++;
      }
      if (j > i) {
        this.cell += text.slice(i, j);
        this.state = 1;
      }
      if (j >= n) return;
      const x = text.charCodeAt(j);
      if (x === d) {
        this.row.push(this.cell);
        this.cell = "";
        this.state = 0;
        i = j + 1;
      } else {
        this.endRow(out);
        this.line++;
        if (x === 13) {
          if (j + 1 < n) i = text.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
          else {
            this.pendingCR = true;
            i = j + 1;
          }
        } else i = j + 1;
      }
    }
  }

  end(out: string[][]): void {
    if (this.state === 2) this.fail("a quoted cell is never closed");
    if (this.state !== 0 || this.cell !== "" || this.row.length) this.endRow(out);
  }
}

/**
 * Streams the rows of a CSV file: first the header, then every data row (blank lines skipped).
 * Throws ImportFileError for an empty file, bad encoding or broken quoting, naming the line.
 */
export async function* readCsv(path: string, opts: ReadOptions = {}): AsyncGenerator<CsvRow> {
  const delimiter = opts.delimiter ?? sniffDelimiter(await firstLine(path));
  const utf8 = new Utf8Check();
  const decoder = new StringDecoder("utf8");
  const parser = new CsvParser(delimiter);
  // 64 KB chunks: the decoded text of a chunk stays under V8's large-object size (128 KB). A larger text goes
  // straight to the old generation, and the cells sliced from it keep it there until a full collection: with
  // 256 KB chunks the heap of a 1M-row import peaked at 80 or 145 MB from one run to the next
  const source = createReadStream(path, { highWaterMark: 64 * 1024 });
  let row = 0;
  let bytes = 0;
  let first = true;
  const rows: string[][] = [];
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? new Error("aborted");
      let text = decoder.write(utf8.check(chunk));
      if (first && text.length) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      bytes += chunk.length;
      parser.feed(text, rows);
      for (let k = 0; k < rows.length; k++) {
        row++;
        yield { row, cells: rows[k]! };
      }
      rows.length = 0;
      opts.onBytes?.(bytes);
    }
    utf8.end();
    parser.feed(decoder.end(), rows);
    parser.end(rows);
    for (const cells of rows) {
      row++;
      yield { row, cells };
    }
  } finally {
    source.destroy();
  }
  if (row === 0) throw new ImportFileError("The file is empty: it needs a header row and at least one data row.");
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
