import { describe, expect, it } from "vitest";
import { asKpiRequest, KPI_CONCURRENCY, limitKpiStatement } from "./limit";

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

  it("takes the requests in turn: a small request's statements do not wait behind a big request's queue", async () => {
    const started: string[] = [];
    const release = new Map<string, () => void>();
    const statement = (name: string) =>
      limitKpiStatement(async () => {
        started.push(name);
        await new Promise<void>((r) => release.set(name, r));
      });
    const tick = () => new Promise((r) => setTimeout(r, 0));
    // a dashboard queues 12 statements, then a second request queues 2
    const big = asKpiRequest(() => Promise.all(Array.from({ length: 12 }, (_, i) => statement(`big${i}`))));
    const small = asKpiRequest(() => Promise.all([statement("small0"), statement("small1")]));
    await tick();
    expect(started).toEqual(Array.from({ length: KPI_CONCURRENCY }, (_, i) => `big${i}`));
    // a finished statement's slot goes to the request with fewer statements running
    const finishOldest = async () => {
      const oldest = started.find((s) => release.has(s))!;
      release.get(oldest)!();
      release.delete(oldest);
      await tick();
    };
    await finishOldest();
    expect(started.at(-1)).toBe("small0");
    await finishOldest();
    expect(started.at(-1)).toBe(`big${KPI_CONCURRENCY}`);
    await finishOldest();
    expect(started.at(-1)).toBe("small1");
    while (release.size) await finishOldest();
    await Promise.all([big, small]);
    // within a request, first come, first served
    expect(started.filter((s) => s.startsWith("big"))).toEqual(Array.from({ length: 12 }, (_, i) => `big${i}`));
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
