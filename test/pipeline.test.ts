// Pipeline board, moving deals and the lead flow, on a real database: what each action writes, who may do it,
// and that the sales KPIs read by the engine move exactly as expected afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDb, type TestDb } from "./db";
import { callerAs, createFixtures, type Fixtures } from "./fixtures";

let t: TestDb;
let f: Fixtures;
beforeAll(async () => {
  t = await createTestDb();
  f = await createFixtures(t.db);
});
afterAll(async () => t?.close());

const period = { preset: "this_month" } as const;
async function kpi(id: string): Promise<number | null> {
  const r = await callerAs(t.db, f.alpha, "CRM_MANAGER").kpi.get({ kpiId: id, period });
  return r.kpi.current.value;
}
async function code(p: Promise<unknown>) {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
}
const org = () => f.alpha.organizationId;
async function newDeal(name: string, ownerId = f.alpha.users.SALES_REP.userId, stageId = f.alpha.stageIds[0]!, accountId: string | null = null, amount = 100) {
  return t.db.deal.create({ data: { organizationId: org(), name, ownerId, stageId, amount, accountId }, select: { id: true } });
}

describe("pipeline.getBoard", () => {
  it("has one column per stage with SQL totals, caps the cards and pages the rest", async () => {
    const stage = f.alpha.stageIds[1]!;
    for (let i = 0; i < 23; i++) await newDeal(`Bulk ${i}`, f.alpha.users.SALES_REP.userId, stage, null, 10);
    const board = await callerAs(t.db, f.alpha, "SALES_MANAGER").pipeline.getBoard();
    expect(board.stages.map((s) => s.id)).toEqual(f.alpha.stageIds);
    const col = board.stages.find((s) => s.id === stage)!;
    const expected = await t.db.deal.aggregate({ where: { organizationId: org(), stageId: stage, deletedAt: null, status: "OPEN" }, _count: { _all: true }, _sum: { amount: true } });
    expect(col.count).toBe(expected._count._all);
    expect(col.value).toBe(Number(expected._sum.amount));
    expect(col.deals).toHaveLength(board.perStage);
    const more = await callerAs(t.db, f.alpha, "SALES_MANAGER").pipeline.getStageDeals({ stageId: stage, offset: board.perStage });
    expect(more.deals.length).toBe(col.count - board.perStage);
    const ids = new Set([...col.deals, ...more.deals].map((d) => d.id));
    expect(ids.size).toBe(col.count);
  });

  it("shows the newest changed deals first, and closed deals only for their last 30 days", async () => {
    const stage = f.alpha.stageIds[2]!;
    const days = (n: number) => new Date(Date.now() - n * 86_400_000);
    // 25 deals changed 101..125 days ago (older than any other deal in the column), in a scrambled order
    const made: string[] = [];
    for (let i = 0; i < 25; i++) {
      const d = await newDeal(`Ordered ${i}`, f.alpha.users.SALES_REP.userId, stage);
      made.push(d.id);
      await t.db.$executeRawUnsafe(`UPDATE "Deal" SET "updatedAt" = $2 WHERE id = $1::uuid`, d.id, days(101 + ((i * 7) % 25)));
    }
    const byAge = [...made.keys()].sort((a, b) => ((a * 7) % 25) - ((b * 7) % 25)).map((i) => made[i]!);
    const recent = await t.db.deal.create({ data: { organizationId: org(), name: "Won lately", stageId: f.alpha.wonStageId, status: "WON", closedAt: days(5), amount: 5 }, select: { id: true } });
    const old = await t.db.deal.create({ data: { organizationId: org(), name: "Won long ago", stageId: f.alpha.wonStageId, status: "WON", closedAt: days(40), amount: 5 }, select: { id: true } });
    const board = await callerAs(t.db, f.alpha, "SALES_MANAGER").pipeline.getBoard();
    const column = board.stages.find((s) => s.id === stage)!;
    const others = column.count - 25;
    expect(others).toBeLessThan(board.perStage);
    // the column's newest: its other deals, then the 25 from the newest down; "show more" goes on from there
    const col = column.deals.map((d) => d.id);
    expect(col.slice(others)).toEqual(byAge.slice(0, board.perStage - others));
    const rest = await callerAs(t.db, f.alpha, "SALES_MANAGER").pipeline.getStageDeals({ stageId: stage, offset: board.perStage });
    expect(rest.deals.map((d) => d.id)).toEqual(byAge.slice(board.perStage - others));
    const won = board.stages.find((s) => s.id === f.alpha.wonStageId)!.deals.map((d) => d.id);
    expect(won).toContain(recent.id);
    expect(won).not.toContain(old.id);
    const more = await callerAs(t.db, f.alpha, "SALES_MANAGER").pipeline.getStageDeals({ stageId: f.alpha.wonStageId, offset: 0 });
    expect(more.deals.map((d) => d.id)).toEqual(won);
  });

  it("shows a rep only their own deals, whatever owner they ask for", async () => {
    await newDeal("Manager's own deal", f.alpha.users.SALES_MANAGER.userId);
    const board = await callerAs(t.db, f.alpha, "SALES_REP").pipeline.getBoard({ ownerId: f.alpha.users.SALES_MANAGER.userId });
    const owners = new Set(board.stages.flatMap((s) => s.deals.map((d) => d.ownerId)));
    expect([...owners]).toEqual([f.alpha.users.SALES_REP.userId]);
    const all = await callerAs(t.db, f.alpha, "SALES_MANAGER").pipeline.getBoard();
    expect(all.stages.flatMap((s) => s.deals).some((d) => d.name === "Manager's own deal")).toBe(true);
  });
});

describe("pipeline.moveDeal", () => {
  it("records the stage change with its time, closes the deal as won and moves win rate and won deals", async () => {
    const account = await t.db.account.create({ data: { organizationId: org(), name: "Not yet a customer" }, select: { id: true } });
    const deal = await newDeal("Will be won", f.alpha.users.SALES_REP.userId, f.alpha.stageIds[2]!, account.id, 5000);
    const [winBefore, wonBefore, newCustomersBefore] = [await kpi("win_rate"), await kpi("won_deals"), await kpi("new_customers")];
    const closed = await t.db.deal.findMany({ where: { organizationId: org(), deletedAt: null, closedAt: { not: null } }, select: { status: true, closedAt: true } });
    const start = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
    const inMonth = closed.filter((d) => d.closedAt! >= start);
    const won = inMonth.filter((d) => d.status === "WON").length;
    expect(winBefore).toBeCloseTo((won / inMonth.length) * 100, 6);

    const before = Date.now();
    const r = await callerAs(t.db, f.alpha, "SALES_REP").pipeline.moveDeal({ dealId: deal.id, toStageId: f.alpha.wonStageId, fromStageId: f.alpha.stageIds[2] });
    expect(r).toMatchObject({ changed: true, status: "WON" });
    const d = await t.db.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(d.stageId).toBe(f.alpha.wonStageId);
    expect(d.status).toBe("WON");
    expect(d.closedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const changes = await t.db.dealStageChange.findMany({ where: { dealId: deal.id } });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ fromStageId: f.alpha.stageIds[2], toStageId: f.alpha.wonStageId, changedById: f.alpha.users.SALES_REP.userId });
    expect(changes[0]!.changedAt.getTime()).toBe(d.closedAt!.getTime());
    const audit = await t.db.auditLog.findFirst({ where: { organizationId: org(), entityType: "Deal", entityId: deal.id, action: "update" } });
    expect(audit?.actorId).toBe(f.alpha.users.SALES_REP.userId);
    expect((audit?.changes as Record<string, { to: unknown }> | undefined)?.status?.to).toBe("WON");
    // the account became a customer with this first win
    const acc = await t.db.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(acc.status).toBe("ACTIVE");
    expect(acc.startDate?.getTime()).toBe(d.closedAt!.getTime());

    expect(await kpi("won_deals")).toBe(wonBefore! + 1);
    expect(await kpi("win_rate")).toBeCloseTo(((won + 1) / (inMonth.length + 1)) * 100, 6);
    expect(await kpi("new_customers")).toBe((newCustomersBefore ?? 0) + 1);
  });

  it("reopening a won deal clears its close and takes it out of the won deals again", async () => {
    const deal = await newDeal("Won then reopened", f.alpha.users.SALES_REP.userId, f.alpha.stageIds[3]!);
    const wonBefore = await kpi("won_deals");
    await callerAs(t.db, f.alpha, "SALES_MANAGER").pipeline.moveDeal({ dealId: deal.id, toStageId: f.alpha.wonStageId });
    expect(await kpi("won_deals")).toBe(wonBefore! + 1);
    await callerAs(t.db, f.alpha, "SALES_MANAGER").pipeline.moveDeal({ dealId: deal.id, toStageId: f.alpha.stageIds[4]! });
    const d = await t.db.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(d).toMatchObject({ status: "OPEN", closedAt: null, stageId: f.alpha.stageIds[4] });
    expect(await kpi("won_deals")).toBe(wonBefore);
    expect(await t.db.dealStageChange.count({ where: { dealId: deal.id } })).toBe(2);
  });

  it("refuses a rep moving someone else's deal, a stale move and an unknown stage, changing nothing", async () => {
    const theirs = await newDeal("Manager deal", f.alpha.users.SALES_MANAGER.userId, f.alpha.stageIds[0]!);
    expect(await code(callerAs(t.db, f.alpha, "SALES_REP").pipeline.moveDeal({ dealId: theirs.id, toStageId: f.alpha.stageIds[1]! }))).toBe("FORBIDDEN");
    const mine = await newDeal("Rep deal", f.alpha.users.SALES_REP.userId, f.alpha.stageIds[0]!);
    expect(await code(callerAs(t.db, f.alpha, "SALES_REP").pipeline.moveDeal({ dealId: mine.id, toStageId: f.alpha.stageIds[2]!, fromStageId: f.alpha.stageIds[1]! }))).toBe("BAD_REQUEST");
    expect(await code(callerAs(t.db, f.alpha, "SALES_REP").pipeline.moveDeal({ dealId: mine.id, toStageId: f.beta.stageIds[1]! }))).toBe("BAD_REQUEST");
    for (const id of [theirs.id, mine.id]) {
      expect((await t.db.deal.findUniqueOrThrow({ where: { id } })).stageId).toBe(f.alpha.stageIds[0]);
      expect(await t.db.dealStageChange.count({ where: { dealId: id } })).toBe(0);
      expect(await t.db.auditLog.count({ where: { entityId: id } })).toBe(0);
    }
  });

  it("lets only one of two simultaneous moves of the same deal through", async () => {
    const deal = await newDeal("Raced", f.alpha.users.SALES_REP.userId, f.alpha.stageIds[0]!);
    const from = f.alpha.stageIds[0]!;
    const results = await Promise.all([
      code(callerAs(t.db, f.alpha, "SALES_REP").pipeline.moveDeal({ dealId: deal.id, toStageId: f.alpha.stageIds[1]!, fromStageId: from })),
      code(callerAs(t.db, f.alpha, "SALES_MANAGER").pipeline.moveDeal({ dealId: deal.id, toStageId: f.alpha.stageIds[2]!, fromStageId: from })),
    ]);
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect(await t.db.dealStageChange.count({ where: { dealId: deal.id } })).toBe(1);
  });
});

describe("lead flow", () => {
  it("moves a lead through its statuses; lost records lostAt and leaving lost clears it", async () => {
    const lead = await t.db.lead.create({ data: { organizationId: org(), firstName: "Flow", lastName: "Lead", source: "web", ownerId: f.alpha.users.SALES_REP.userId }, select: { id: true } });
    const rep = callerAs(t.db, f.alpha, "SALES_REP").pipeline;
    await rep.setLeadStatus({ leadId: lead.id, status: "CONTACTED" });
    await rep.setLeadStatus({ leadId: lead.id, status: "LOST" });
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).lostAt).not.toBeNull();
    await rep.setLeadStatus({ leadId: lead.id, status: "QUALIFIED" });
    const l = await t.db.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(l).toMatchObject({ status: "QUALIFIED", lostAt: null });
    expect(await t.db.auditLog.count({ where: { entityType: "Lead", entityId: lead.id, action: "update" } })).toBe(3);
    const listed = await rep.listLeads({ status: "QUALIFIED" });
    expect(listed.leads.map((x) => x.id)).toContain(lead.id);
    expect(listed.counts.QUALIFIED).toBe(await t.db.lead.count({ where: { organizationId: org(), ownerId: f.alpha.users.SALES_REP.userId, status: "QUALIFIED", deletedAt: null } }));
  });

  it("converts a lead into a deal in the first open stage with its account and contact, and moves lead conversion", async () => {
    const email = `buyer-${f.run}@prospect.test`;
    const lead = await t.db.lead.create({
      data: { organizationId: org(), firstName: "Conny", lastName: "Vert", email, company: "Convert Industries", source: "event", ownerId: f.alpha.users.SALES_REP.userId, status: "QUALIFIED" },
      select: { id: true },
    });
    const created = await t.db.lead.count({ where: { organizationId: org(), deletedAt: null, createdAt: { gte: new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)) } } });
    const converted = await t.db.lead.count({ where: { organizationId: org(), deletedAt: null, convertedAt: { gte: new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)) } } });
    expect(await kpi("lead_conversion_rate")).toBeCloseTo((converted / created) * 100, 6);

    const r = await callerAs(t.db, f.alpha, "SALES_REP").pipeline.convertLead({ leadId: lead.id, amount: 12000, dealName: "Convert Industries – platform" });
    expect(r.changed).toBe(true);
    const deal = await t.db.deal.findUniqueOrThrow({ where: { id: r.dealId! } });
    expect(deal).toMatchObject({ stageId: f.alpha.stageIds[0], leadId: lead.id, status: "OPEN", ownerId: f.alpha.users.SALES_REP.userId, name: "Convert Industries – platform" });
    expect(Number(deal.amount)).toBe(12000);
    const l = await t.db.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(l.status).toBe("CONVERTED");
    expect(l.convertedAt).not.toBeNull();
    const account = await t.db.account.findUniqueOrThrow({ where: { id: deal.accountId! } });
    expect(account.name).toBe("Convert Industries");
    expect(l.accountId).toBe(account.id);
    expect(await t.db.contact.count({ where: { organizationId: org(), email, accountId: account.id } })).toBe(1);
    expect(await t.db.dealStageChange.count({ where: { dealId: deal.id, fromStageId: null, toStageId: f.alpha.stageIds[0] } })).toBe(1);
    const audits = await t.db.auditLog.findMany({ where: { organizationId: org(), entityId: { in: [lead.id, deal.id, account.id] } }, select: { entityType: true, action: true } });
    expect(audits.map((x) => `${x.entityType}:${x.action}`).sort()).toEqual(["Account:create", "Deal:create", "Lead:update"]);

    expect(await kpi("lead_conversion_rate")).toBeCloseTo(((converted + 1) / created) * 100, 6);

    // converting again changes nothing and returns the same deal
    const again = await callerAs(t.db, f.alpha, "SALES_MANAGER").pipeline.convertLead({ leadId: lead.id, amount: 1 });
    expect(again).toMatchObject({ changed: false, dealId: deal.id });
    expect(await t.db.deal.count({ where: { leadId: lead.id } })).toBe(1);
    // a converted lead's status is final
    expect(await code(callerAs(t.db, f.alpha, "SALES_REP").pipeline.setLeadStatus({ leadId: lead.id, status: "NEW" }))).toBe("BAD_REQUEST");
  });

  it("refuses a negative amount and another rep's lead, changing nothing", async () => {
    const lead = await t.db.lead.create({ data: { organizationId: org(), firstName: "Not", lastName: "Mine", source: "web", ownerId: f.alpha.users.SALES_MANAGER.userId }, select: { id: true } });
    expect(await code(callerAs(t.db, f.alpha, "SALES_MANAGER").pipeline.convertLead({ leadId: lead.id, amount: -5 }))).toBe("BAD_REQUEST");
    expect(await code(callerAs(t.db, f.alpha, "SALES_REP").pipeline.convertLead({ leadId: lead.id, amount: 5 }))).toBe("FORBIDDEN");
    expect(await code(callerAs(t.db, f.alpha, "SALES_REP").pipeline.setLeadStatus({ leadId: lead.id, status: "CONTACTED" }))).toBe("FORBIDDEN");
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ status: "NEW", convertedAt: null });
    expect(await t.db.deal.count({ where: { leadId: lead.id } })).toBe(0);
  });
});
