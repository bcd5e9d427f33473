import { describe, expect, it } from "vitest";
import { uuidv7 } from "./uuidv7";

describe("uuidv7", () => {
  it("is a version 7, variant 10 UUID carrying the milliseconds it was made at", () => {
    const at = Date.UTC(2026, 10, 27, 17, 0, 0, 123);
    const id = uuidv7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it("orders ids by time and never repeats within the same millisecond", () => {
    const ids = Array.from({ length: 2000 }, () => uuidv7(1_800_000_000_000));
    expect(new Set(ids).size).toBe(2000); // across more than one refill of the random pool
    expect(uuidv7(1_800_000_000_001) > ids.reduce((a, b) => (a > b ? a : b))).toBe(true);
  });
});
