import { describe, expect, it } from "vitest";
import { CONFLICT_ATTEMPTS, isTransactionConflict, retryOnConflict } from "./retry";

const conflict = () => Object.assign(new Error("Transaction failed due to a write conflict or a deadlock. Please retry your transaction"), { code: "P2034" });

describe("retryOnConflict", () => {
  it("runs a transaction again after a deadlock or write conflict, and returns its result", async () => {
    let calls = 0;
    const result = await retryOnConflict(async () => {
      if (++calls < 3) throw conflict();
      return "committed";
    });
    expect(result).toBe("committed");
    expect(calls).toBe(3);
  });

  it("does not run it again for any other error", async () => {
    let calls = 0;
    await expect(retryOnConflict(async () => {
      calls++;
      throw new Error("name: required");
    })).rejects.toThrow("name: required");
    expect(calls).toBe(1);
  });

  it(`gives up after ${CONFLICT_ATTEMPTS} attempts with the conflict`, async () => {
    let calls = 0;
    await expect(retryOnConflict(async () => {
      calls++;
      throw conflict();
    })).rejects.toThrow("write conflict or a deadlock");
    expect(calls).toBe(CONFLICT_ATTEMPTS);
  });

  it("recognises PostgreSQL's own codes and messages", () => {
    expect(isTransactionConflict(Object.assign(new Error("x"), { code: "40P01" }))).toBe(true);
    expect(isTransactionConflict(new Error("deadlock detected"))).toBe(true);
    expect(isTransactionConflict(Object.assign(new Error("unique"), { code: "P2002" }))).toBe(false);
    expect(isTransactionConflict(null)).toBe(false);
  });
});
