import { describe, expect, it } from "vitest";
import { diffChanges } from "./record";

describe("diffChanges", () => {
  it("lists only the changed fields, with old and new values", () => {
    const before = { name: "Acme", segment: "SMB", closedAt: new Date("2026-01-01T00:00:00Z"), amount: 100 };
    const after = { name: "Acme Ltd", segment: "SMB", closedAt: new Date("2026-01-01T00:00:00Z"), amount: 120 };
    expect(diffChanges(before, after)).toEqual({ name: { from: "Acme", to: "Acme Ltd" }, amount: { from: 100, to: 120 } });
  });
  it("treats null and missing alike and ignores fields not given", () => {
    expect(diffChanges({ email: null }, { email: undefined, phone: null })).toEqual({});
    expect(diffChanges({ email: null }, { email: "a@b.c" })).toEqual({ email: { from: null, to: "a@b.c" } });
  });
  it("compares dates by instant", () => {
    expect(diffChanges({ at: new Date("2026-02-01T00:00:00Z") }, { at: new Date("2026-02-02T00:00:00Z") })).toEqual({
      at: { from: new Date("2026-02-01T00:00:00Z"), to: new Date("2026-02-02T00:00:00Z") },
    });
  });
  it("compares a Prisma Decimal with a number by value", async () => {
    const { Prisma } = await import("@/generated/prisma/client");
    const Decimal = Prisma.Decimal;
    expect(diffChanges({ amount: new Decimal("1300.00") }, { amount: 1300 })).toEqual({});
    expect(diffChanges({ amount: new Decimal("1200.5") }, { amount: 1300 })).toEqual({ amount: { from: new Decimal("1200.5"), to: 1300 } });
  });
});
