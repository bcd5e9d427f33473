import { describe, expect, it } from "vitest";
import { settledWithin } from "./settle";

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("settledWithin", () => {
  it("gives the value of a promise that resolves in time", async () => {
    expect(await settledWithin(after(5, "cards"), 200)).toEqual({ value: "cards" });
  });

  it("gives null for a promise slower than the wait, without waiting for it", async () => {
    const t0 = Date.now();
    expect(await settledWithin(after(1_000, "cards"), 20)).toBeNull();
    expect(Date.now() - t0).toBeLessThan(900);
  });

  it("gives null for a promise that fails in time (React renders its error as before)", async () => {
    expect(await settledWithin(Promise.reject(new Error("boom")), 200)).toBeNull();
  });
});
