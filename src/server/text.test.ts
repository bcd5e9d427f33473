import { describe, expect, it } from "vitest";
import { badTextPath, textProblem } from "./text";

describe("text PostgreSQL cannot store", () => {
  it("finds NUL characters and lone surrogates, not whole surrogate pairs", () => {
    expect(textProblem("a\u0000b")).toMatch(/NUL/);
    expect(textProblem("\ud800")).toMatch(/surrogate/);
    expect(textProblem("x\udc00y")).toMatch(/surrogate/);
    expect(textProblem("\udc00\ud800")).toMatch(/surrogate/); // reversed halves are not a pair
    expect(textProblem("Café 😀 ✓")).toBeNull();
  });

  it("names the first bad string's path in nested input", () => {
    expect(badTextPath({ data: { name: "ok", notes: ["fine", "bad\ud83d"] } })).toEqual({ path: "data.notes.1", problem: expect.stringMatching(/surrogate/) });
    expect(badTextPath({ a: 1, b: [null, "x"] })).toBeNull();
  });
});
