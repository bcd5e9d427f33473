import { describe, expect, it } from "vitest";
import { KPI_CONCURRENCY, limitKpiStatement } from "./limit";

describe("limitKpiStatement", () => {
  it("runs at most KPI_CONCURRENCY statements at once, the queued ones first come, first served", async () => {
    const n = KPI_CONCURRENCY * 3;
    const started: number[] = [];
    const release: (() => void)[] = [];
    let running = 0;
    let most = 0;
    const tasks = Array.from({ length: n }, (_, i) =>
      limitKpiStatement(async () => {
        started.push(i);
        most = Math.max(most, ++running);
        await new Promise<void>((r) => release.push(r));
        running--;
        return i;
      }),
    );
    const tick = () => new Promise((r) => setTimeout(r, 0));
    await tick();
    expect(started).toEqual(Array.from({ length: KPI_CONCURRENCY }, (_, i) => i));
    // finish them one at a time, oldest first: each frees a slot for the next in line
    for (let done = 0; done < n; done++) {
      release[done]!();
      await tick();
    }
    expect(await Promise.all(tasks)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(started).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(most).toBe(KPI_CONCURRENCY);
  });

  it("frees the slot when a statement fails", async () => {
    const failures = Array.from({ length: KPI_CONCURRENCY + 1 }, () => limitKpiStatement(() => Promise.reject(new Error("boom"))));
    for (const f of failures) await expect(f).rejects.toThrow("boom");
    // every slot is free again: KPI_CONCURRENCY statements start at once
    let running = 0;
    let most = 0;
    await Promise.all(Array.from({ length: KPI_CONCURRENCY }, () => limitKpiStatement(async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    })));
    expect(most).toBe(KPI_CONCURRENCY);
  });
});
