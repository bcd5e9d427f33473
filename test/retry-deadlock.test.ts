import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./db";
import { retryOnConflict } from "@/server/db/retry";

// Two transactions that lock two rows in opposite order deadlock; PostgreSQL aborts one. With retryOnConflict
// (src/server/db/retry.ts) both commit. PostgreSQL only: PGlite has one connection, so nothing runs concurrently.
const server = !!process.env.TEST_DATABASE_URL;
let t: TestDb;

describe.skipIf(!server)("a deadlocked transaction", () => {
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.$executeRawUnsafe(`CREATE TABLE deadlock_probe (id int PRIMARY KEY, n int NOT NULL)`);
    await t.db.$executeRawUnsafe(`INSERT INTO deadlock_probe VALUES (1, 0), (2, 0)`);
  }, 120_000);
  afterAll(async () => t?.close());

  /** adds 1 to row `first`, waits for the other transaction to hold its first row, then adds 1 to `second` */
  const crossing = (first: number, second: number, holding: { mine: () => void; theirs: Promise<void> }) => () =>
    t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`UPDATE deadlock_probe SET n = n + 1 WHERE id = $1`, first);
      holding.mine();
      await holding.theirs;
      await tx.$executeRawUnsafe(`UPDATE deadlock_probe SET n = n + 1 WHERE id = $1`, second);
    });

  function pair() {
    let a!: () => void;
    let b!: () => void;
    const aHolds = new Promise<void>((r) => (a = r));
    const bHolds = new Promise<void>((r) => (b = r));
    return { one: { mine: a, theirs: bHolds }, two: { mine: b, theirs: aHolds } };
  }

  it("fails one of the two without a retry (the situation is real)", async () => {
    const p = pair();
    const results = await Promise.allSettled([crossing(1, 2, p.one)(), crossing(2, 1, p.two)()]);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
  }, 30_000);

  it("commits both with retryOnConflict: every increment is there once", async () => {
    const before = await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT sum(n)::int AS n FROM deadlock_probe`);
    const p = pair();
    await Promise.all([retryOnConflict(crossing(1, 2, p.one)), retryOnConflict(crossing(2, 1, p.two))]);
    const after = await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT sum(n)::int AS n FROM deadlock_probe`);
    expect(after[0]!.n - before[0]!.n).toBe(4);
  }, 30_000);
});
