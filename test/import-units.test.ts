// The pure parts of the CSV import: the streaming parser, cell readers, header mapping, report escaping.
import { describe, expect, it } from "vitest";
import { CsvParser, firstInvalidUtf8, sniffDelimiter } from "@/server/import/csv";
import { looksLikeFormula, parseBool, parseDate, parseInt10, parseMoney } from "@/server/import/convert";
import { autoMap, fieldForHeader, mappingError, normaliseHeader } from "@/server/import/mapping";
import { csvCell } from "@/server/import/report";

function parseAll(text: string, chunk = text.length, delimiter = ","): string[][] {
  const p = new CsvParser(delimiter);
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += chunk) p.feed(text.slice(i, i + chunk), out);
  p.end(out);
  return out;
}

describe("CsvParser", () => {
  const tricky = 'a,"b, with comma","say ""hi"""\r\n"multi\nline",,last\n\n"",x,\r\nend';
  const expected = [["a", "b, with comma", 'say "hi"'], ["multi\nline", "", "last"], ["", "x", ""], ["end"]];

  it.each([1, 2, 3, 7, 1000])("parses quotes, doubled quotes, line breaks in cells, CRLF and blank lines (chunks of %i)", (chunk) => {
    expect(parseAll(tricky, chunk)).toEqual(expected);
  });

  it("uses the given delimiter", () => {
    expect(parseAll("a;b\tc;d\n", 100, ";")).toEqual([["a", "b\tc", "d"]]);
  });

  it("names the line of broken quoting", () => {
    expect(() => parseAll('a,b\nc,"open\nstill open')).toThrow(/line 3: a quoted cell is never closed/);
    expect(() => parseAll('a,b\nc,5" screen\n')).toThrow(/line 2: a quote character inside an unquoted cell/);
    expect(() => parseAll('a,"b"c\n')).toThrow(/line 1: text follows the closing quote/);
  });

  it("sniffs the delimiter from the header", () => {
    expect(sniffDelimiter("a;b;c")).toBe(";");
    expect(sniffDelimiter("a\tb\tc")).toBe("\t");
    expect(sniffDelimiter('"x;y",b,c')).toBe(",");
    expect(sniffDelimiter("single")).toBe(",");
  });

  it("finds the first invalid UTF-8 byte", () => {
    expect(firstInvalidUtf8(Buffer.from("héllo"))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe9, 0x62]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc3]))).toBe(-1); // cut at the end: completed by the next chunk
  });
});

describe("cell readers", () => {
  it("amounts: thousands separators and currency signs; negative, words and 3 decimals refused", () => {
    expect(parseMoney("$12,500.00")).toEqual({ ok: true, value: "12500.00" });
    expect(parseMoney("300.5")).toEqual({ ok: true, value: "300.50" });
    expect(parseMoney("-5")).toEqual({ ok: false, reason: "must not be negative" });
    expect(parseMoney("(5)")).toEqual({ ok: false, reason: "must not be negative" });
    expect(parseMoney("12.345").ok).toBe(false);
    expect(parseMoney("1.234,56").ok).toBe(false);
    expect(parseMoney("ten").ok).toBe(false);
  });

  it("dates: ISO forms, offsets to UTC; impossible days and ambiguous slashes refused unless the format is chosen", () => {
    expect(parseDate("2026-03-31", "iso")).toEqual({ ok: true, value: "2026-03-31T00:00:00.000Z" });
    expect(parseDate("2026-03-31 14:05", "iso")).toEqual({ ok: true, value: "2026-03-31T14:05:00.000Z" });
    expect(parseDate("2026-03-31T14:05:00+02:00", "iso")).toEqual({ ok: true, value: "2026-03-31T12:05:00.000Z" });
    expect(parseDate("2026-02-29", "iso").ok).toBe(false);
    expect(parseDate("03/04/2026", "iso").ok).toBe(false);
    expect(parseDate("03/04/2026", "mdy")).toEqual({ ok: true, value: "2026-03-04T00:00:00.000Z" });
    expect(parseDate("03/04/2026", "dmy")).toEqual({ ok: true, value: "2026-04-03T00:00:00.000Z" });
    expect(parseDate("31/03/2026", "mdy").ok).toBe(false);
    expect(parseDate("yesterday", "iso").ok).toBe(false);
  });

  it("whole numbers and yes/no", () => {
    expect(parseInt10("1,200")).toEqual({ ok: true, value: "1200" });
    expect(parseInt10("12.0")).toEqual({ ok: true, value: "12" });
    expect(parseInt10("-1")).toEqual({ ok: false, reason: "must not be negative" });
    expect(parseInt10("1.5").ok).toBe(false);
    expect(parseBool("Yes")).toEqual({ ok: true, value: "true" });
    expect(parseBool("0")).toEqual({ ok: true, value: "false" });
    expect(parseBool("maybe").ok).toBe(false);
  });

  it("spots formula injection but not phone numbers or hyphenated text", () => {
    expect(looksLikeFormula('=HYPERLINK("http://x","y")')).toBe(true);
    expect(looksLikeFormula("+SUM(A1:A2)")).toBe(true);
    expect(looksLikeFormula("@cmd(1)")).toBe(true);
    expect(looksLikeFormula("\tx")).toBe(true);
    expect(looksLikeFormula("+1 555 0100")).toBe(false);
    expect(looksLikeFormula("- follow up")).toBe(false);
  });

  it("escapes report cells that a spreadsheet would run", () => {
    expect(csvCell("=1+2")).toBe("'=1+2");
    expect(csvCell('=HYPERLINK("a")')).toBe(`"'=HYPERLINK(""a"")"`);
    expect(csvCell("-5")).toBe("'-5");
    expect(csvCell("plain, text")).toBe('"plain, text"');
    expect(csvCell(12)).toBe("12");
  });
});

describe("header mapping", () => {
  it("normalises case, spaces, underscores and punctuation", () => {
    expect(normaliseHeader("Deal_Name ")).toBe(normaliseHeader("deal name"));
    expect(normaliseHeader("E-mail")).toBe("email");
  });

  it.each([
    ["deal", "Deal Name", "name"], ["deal", "Opportunity Name", "name"], ["deal", "Deal - Title", "name"], ["deal", "deal_stage", "stage"],
    ["deal", "Deal - Value", "amount"], ["deal", "Close Date", "closedAt"], ["deal", "Deal - Organization", "account"], ["deal", "Opportunity Owner", "owner"],
    ["contact", "Person - Email", "email"], ["contact", "Email Address", "email"], ["lead", "Lead Source", "source"], ["lead", "Original Source", "source"],
    ["ticket", "Case Origin", "channel"], ["ticket", "Case Number", "externalId"], ["surveyResponse", "NPS score", "score"], ["account", "Company Domain Name", "website"],
  ])("%s: %s -> %s", (type, header, key) => {
    expect(fieldForHeader(type as "deal", header)?.key).toBe(key);
  });

  it("maps each field once, ignores unknown columns, and names missing required fields", () => {
    const headers = ["Deal Name", "Opportunity Name", "Amount", "Colour"];
    const m = autoMap("deal", headers);
    expect(m).toEqual({ "0": "name", "1": null, "2": "amount", "3": null });
    expect(mappingError("deal", headers, m)).toBe("Map a column to each required field: Stage.");
    expect(mappingError("deal", headers, { ...m, "1": "name", "3": "stage" })).toBe("Each field takes one column; these have several: Name.");
  });
});

describe("RowHashIndex (duplicates within a file)", () => {
  it("remembers the first row of every hash through growth", async () => {
    const { RowHashIndex } = await import("@/server/import/processor");
    const idx = new RowHashIndex();
    for (let i = 1; i < 50_000; i++) idx.set(i * 7919, i + 2);
    idx.set(0, 99); // hash 0 is stored too
    idx.set(7919, 12345); // a second set keeps the first row
    expect(idx.get(7919)).toBe(3);
    expect(idx.get(49_999 * 7919)).toBe(50_001);
    expect(idx.get(0)).toBe(99);
    expect(idx.get(13)).toBe(-1);
  });

  it("sized for the expected rows, stores them all (4,096 slots at least; 50,000 keys need 131,072)", async () => {
    const { RowHashIndex } = await import("@/server/import/processor");
    const idx = new RowHashIndex(50_000);
    expect((idx as unknown as { keys: Float64Array }).keys.length).toBe(131_072);
    for (let i = 1; i <= 50_000; i++) idx.set(i * 104_729, i);
    expect((idx as unknown as { keys: Float64Array }).keys.length).toBe(131_072); // no growth
    expect([idx.get(104_729), idx.get(50_000 * 104_729), idx.get(3)]).toEqual([1, 50_000, -1]);
    expect((new RowHashIndex() as unknown as { keys: Float64Array }).keys.length).toBe(4096);
  });
});

describe("docs/import.md", () => {
  it("documents every type and every column the importer reads", async () => {
    const { readFileSync } = await import("node:fs");
    const { TYPE_DEFS, IMPORT_TYPES } = await import("@/server/import/fields");
    const doc = readFileSync("docs/import.md", "utf8");
    for (const t of IMPORT_TYPES) {
      const section = doc.split(`(\`${t}\`)`)[1]?.split("\n### ")[0] ?? "";
      expect(section, `no section for ${t}`).not.toBe("");
      for (const fd of TYPE_DEFS[t].fields) expect(section, `${t}.${fd.key}`).toContain(`| ${fd.label} |`);
    }
  });
});
