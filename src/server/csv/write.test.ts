import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./write";

describe("csvCell", () => {
  it.each([
    ["=HYPERLINK(\"http://evil.test\",\"click\")", `"'=HYPERLINK(""http://evil.test"",""click"")"`],
    ["=1+2", "'=1+2"],
    ["+41 22 555", "'+41 22 555"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", `"'\rcmd"`],
  ])("escapes a formula-looking cell %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("leaves ordinary text, numbers (negative ones too), dates and empty values as they are", () => {
    expect(csvCell("Acme Corp")).toBe("Acme Corp");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(new Date("2026-03-04T05:06:07Z"))).toBe("2026-03-04T05:06:07.000Z");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell("Smith, John")).toBe('"Smith, John"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
  });
});

describe("csvRow", () => {
  it("joins cells with commas and ends the row with CRLF", () => {
    expect(csvRow(["a", 1, null, "x,y"])).toBe('a,1,,"x,y"\r\n');
  });
});
