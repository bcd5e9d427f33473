// "Deal"."stageEnteredAt" (migration deal_stage_entered) is kept by triggers: after every kind of write it must
// equal its definition — the latest DealStageChange into the deal's current stage, NULL when there is none — which
// the pipeline report and its "average days in stage" read instead of probing the stage history per deal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./db";
import { callerAs, createFixtures, type Fixtures } from "./fixtures";

let t: TestDb;
let f: Fixtures;
beforeAll(async () => {
  t = await createTestDb();
  f = await createFixtures(t.db);
});
afterAll(async () => t?.close());

const org = () => f.alpha.organizationId;
const day = (d: string) => new Date(`${d}T12:00:00Z`);

/** deals whose column differs from its definition (should be none), and the column of one deal */
async function wrongDeals(): Promise<string[]> {
  const rows = await t.db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT d.name FROM "Deal" d
      WHERE d."stageEnteredAt" IS DISTINCT FROM (SELECT max(c."changedAt") FROM "DealStageChange" c WHERE c."dealId" = d.id AND c."toStageId" = d."stageId")`,
  );
  return rows.map((r) => r.name);
}
async function entered(id: string): Promise<Date | null> {
  return (await t.db.deal.findUniqueOrThrow({ where: { id }, select: { stageEnteredAt: true } })).stageEnteredAt;
}
async function change(dealId: string, from: string | null, to: string, at: Date) {
  return t.db.dealStageChange.create({ data: { organizationId: org(), dealId, fromStageId: from, toStageId: to, changedAt: at }, select: { id: true } });
}

describe("Deal.stageEnteredAt", () => {
  it("follows stage changes inserted, updated and deleted, deals moved by any path, and truncation", async () => {
    const [s0, s1, s2] = f.alpha.stageIds as [string, string, string];
    const mk = (name: string, stageId: string) =>
      t.db.deal.create({ data: { organizationId: org(), name, ownerId: f.alpha.users.SALES_REP.userId, stageId, amount: 100 }, select: { id: true } });
    const a = await mk("Entered A", s0);
    const b = await mk("Entered B", s1);
    expect(await entered(a.id)).toBeNull(); // no stage change yet: in its stage since it opened

    // history inserted after the deal (as an import or the seed writes it), in any order
    await change(a.id, null, s0, day("2026-01-05"));
    await change(a.id, s0, s1, day("2026-02-01"));
    await change(a.id, s1, s0, day("2026-03-01"));
    expect(await entered(a.id)).toEqual(day("2026-03-01"));
    const older = await change(a.id, null, s0, day("2025-12-01")); // an older entry does not change the latest
    expect(await entered(a.id)).toEqual(day("2026-03-01"));

    // the stage changed without a new history row: the latest earlier entry into the new stage
    await t.db.deal.update({ where: { id: a.id }, data: { stageId: s1 } });
    expect(await entered(a.id)).toEqual(day("2026-02-01"));
    await t.db.deal.update({ where: { id: a.id }, data: { stageId: s2 } });
    expect(await entered(a.id)).toBeNull();
    await t.db.deal.update({ where: { id: a.id }, data: { stageId: s0, amount: 5 } });
    expect(await entered(a.id)).toEqual(day("2026-03-01"));
    // an update that leaves the stage alone leaves the column alone
    await t.db.deal.update({ where: { id: a.id }, data: { name: "Entered A2" } });
    expect(await entered(a.id)).toEqual(day("2026-03-01"));

    // history rows edited and deleted
    const latest = await t.db.dealStageChange.findFirstOrThrow({ where: { dealId: a.id, changedAt: day("2026-03-01") }, select: { id: true } });
    await t.db.dealStageChange.update({ where: { id: latest.id }, data: { changedAt: day("2026-04-01") } });
    expect(await entered(a.id)).toEqual(day("2026-04-01"));
    await t.db.dealStageChange.update({ where: { id: latest.id }, data: { toStageId: s2 } }); // no longer an entry into s0
    expect(await entered(a.id)).toEqual(day("2026-01-05"));
    await t.db.dealStageChange.deleteMany({ where: { dealId: a.id, changedAt: { gte: day("2026-01-01") }, toStageId: s0 } });
    expect(await entered(a.id)).toEqual(day("2025-12-01"));
    await t.db.dealStageChange.delete({ where: { id: older.id } });
    expect(await entered(a.id)).toBeNull();

    // moved on the board: the move's own history row
    const moved = await callerAs(t.db, f.alpha, "SALES_MANAGER").pipeline.moveDeal({ dealId: b.id, toStageId: s2 });
    expect(moved.changed).toBe(true);
    const move = await t.db.dealStageChange.findFirstOrThrow({ where: { dealId: b.id, toStageId: s2 }, select: { changedAt: true } });
    expect(await entered(b.id)).toEqual(move.changedAt);

    // many rows in one statement
    await t.db.$executeRawUnsafe(
      `INSERT INTO "DealStageChange" ("organizationId", "dealId", "fromStageId", "toStageId", "changedAt")
       SELECT d."organizationId", d.id, NULL, d."stageId", timestamp '2027-01-01' + i * interval '1 hour' FROM "Deal" d CROSS JOIN generate_series(1, 3) i
        WHERE d."organizationId" = $1::uuid`,
      org(),
    );
    expect(await entered(a.id)).toEqual(new Date("2027-01-01T03:00:00Z"));
    expect(await wrongDeals()).toEqual([]);
    expect((await t.db.deal.count({ where: { organizationId: org(), stageEnteredAt: null } }))).toBe(0);
  });

  it("is what the pipeline report's days in stage read: equal to the stage history", async () => {
    expect(await wrongDeals()).toEqual([]);
    const rows = await callerAs(t.db, f.alpha, "SALES_MANAGER").kpi.getPipeline({ filters: {} });
    const expected = await t.db.$queryRawUnsafe<{ stageId: string; days: number | null }[]>(
      `SELECT d."stageId", avg(EXTRACT(EPOCH FROM now()::timestamp - COALESCE((SELECT max(c."changedAt") FROM "DealStageChange" c WHERE c."dealId" = d.id AND c."toStageId" = d."stageId"), d."openedAt"))) / 86400 AS days
         FROM "Deal" d WHERE d."organizationId" = $1::uuid AND d.status = 'OPEN' AND d."deletedAt" IS NULL GROUP BY 1`,
      org(),
    );
    expect(expected.length).toBeGreaterThan(0);
    for (const e of expected) {
      const r = rows.find((x) => x.stageId === e.stageId)!;
      expect(r.avgDaysInStage).toBeCloseTo(Number(e.days), 2);
    }
  });
});
