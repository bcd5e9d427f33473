import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../../test/db";
import { computeKpi, drillDown } from "../engine";
import { resolvePeriod, utc } from "../period";
import { salesKpis } from "./sales";

// Fixture: one organization with leads, deals, costs, campaigns, activities, accounts, purchases and contacts,
// a decoy organization whose rows must never count, and soft-deleted rows that must never count.
// Period = Q1 2026 [Jan 1, Apr 1) as a custom 90-day range, monthly series (Jan 31 d, Feb 28 d, Mar 31 d);
// previous period = the 90 days before: [Oct 3 2025, Jan 1 2026).
let t: TestDb;
let org: string;
let other: string;
let alice: string; // team East
let bob: string; // no team
let east: string;
const c: Record<string, string> = {}; // campaigns by key
const Q1 = resolvePeriod({ start: utc(2026, 0, 1), end: utc(2026, 3, 1) }, { grain: "month" });
const EMPTY = resolvePeriod({ start: utc(2010, 0, 1), end: utc(2010, 3, 1) }, { grain: "month" });
const APRIL = resolvePeriod({ start: utc(2026, 3, 1), end: utc(2026, 4, 1) }, { grain: "month" });
const DPM = 30.4375; // days per month

const kpi = (id: string) => {
  const k = salesKpis.find((x) => x.id === id);
  if (!k) throw new Error(`no KPI ${id}`);
  return k;
};
const current = async (id: string, filters = {}, period = Q1) => (await computeKpi(t.db, org, kpi(id), period, filters)).current;
const series = async (id: string, filters = {}) => (await computeKpi(t.db, org, kpi(id), Q1, filters)).series.map((p) => p.value);
const close = (vs: (number | null)[]) => vs.map((v) => (v === null ? null : expect.closeTo(v, 8)));

beforeAll(async () => {
  t = await createTestDb();
  const db = t.db;
  org = (await db.organization.create({ data: { name: "Fixture", slug: "fixture" } })).id;
  other = (await db.organization.create({ data: { name: "Decoy", slug: "decoy" } })).id;
  alice = (await db.user.create({ data: { email: "alice@x.test", name: "Alice", passwordHash: "x" } })).id;
  bob = (await db.user.create({ data: { email: "bob@x.test", name: "Bob", passwordHash: "x" } })).id;
  east = (await db.team.create({ data: { organizationId: org, name: "East" } })).id;
  await db.membership.create({ data: { organizationId: org, userId: alice, role: "SALES_REP", teamId: east } });
  await db.membership.create({ data: { organizationId: org, userId: bob, role: "SALES_REP" } });

  const campaign = async (orgId: string, name: string, start: Date, end: Date | null, deleted = false) =>
    (await db.campaign.create({ data: { organizationId: orgId, name, channel: "email", startDate: start, endDate: end, deletedAt: deleted ? new Date() : null } })).id;
  c.C1 = await campaign(org, "Spring Email", utc(2026, 0, 1), utc(2026, 2, 31));
  c.C2 = await campaign(org, "Webinar", utc(2026, 1, 1), null);
  c.X = await campaign(other, "Decoy campaign", utc(2026, 0, 1), null);

  // ---- leads: [key, owner, source, campaign, createdAt, convertedAt]
  type L = [string, string | null, string, string | null, Date, Date | null, boolean?];
  const leads: L[] = [
    ["L1", alice, "web", c.C1, utc(2026, 0, 5), utc(2026, 1, 10)],
    ["L2", alice, "web", c.C1, utc(2026, 0, 20), null],
    ["L3", bob, "referral", null, utc(2026, 1, 3), utc(2026, 1, 20)],
    ["L4", bob, "event", c.C2, utc(2026, 1, 15), utc(2026, 2, 5)],
    ["L5", alice, "event", c.C2, utc(2026, 2, 10), utc(2026, 2, 25)],
    ["L6", bob, "referral", null, utc(2025, 11, 10), utc(2026, 0, 15)], // created before Q1, converted in Q1
    ["L7", alice, "web", c.C1, utc(2026, 3, 2), null], // after Q1
    ["L9", bob, "paid search", null, utc(2026, 0, 25), null],
    ["L8", alice, "web", c.C1, utc(2026, 0, 7), utc(2026, 0, 9), true], // soft-deleted
  ];
  const lead: Record<string, string> = {};
  for (const [key, ownerId, source, campaignId, createdAt, convertedAt, deleted] of leads)
    lead[key] = (await db.lead.create({ data: { organizationId: org, firstName: key, lastName: "Test", source, campaignId, ownerId, createdAt, convertedAt, status: convertedAt ? "CONVERTED" : "NEW", deletedAt: deleted ? new Date() : null } })).id;
  const decoyLead = (await db.lead.create({ data: { organizationId: other, firstName: "X", lastName: "Decoy", source: "web", campaignId: c.X, ownerId: alice, createdAt: utc(2026, 0, 10), convertedAt: utc(2026, 0, 11) } })).id;

  // ---- activities: [type, lead, createdAt, deleted]
  type A = ["CALL" | "EMAIL", string | null, Date, boolean?];
  const acts: A[] = [
    ["CALL", lead.L1!, utc(2026, 0, 6)],
    ["CALL", lead.L1!, utc(2026, 0, 8)],
    ["CALL", lead.L3!, utc(2026, 1, 4)],
    ["EMAIL", lead.L3!, utc(2026, 1, 5)], // not a call
    ["CALL", null, utc(2026, 1, 6)], // not linked to a lead
    ["CALL", lead.L4!, utc(2026, 2, 1)],
    ["CALL", lead.L9!, utc(2026, 0, 26)],
    ["CALL", lead.L6!, utc(2025, 11, 12)], // previous period
    ["CALL", lead.L2!, utc(2026, 0, 21), true], // soft-deleted activity
    ["CALL", lead.L8!, utc(2026, 0, 8)], // its lead is soft-deleted
  ];
  for (const [type, leadId, createdAt, deleted] of acts)
    await db.activity.create({ data: { organizationId: org, type, subject: "x", leadId, createdAt, deletedAt: deleted ? new Date() : null } });
  await db.activity.create({ data: { organizationId: other, type: "CALL", subject: "decoy", leadId: decoyLead, createdAt: utc(2026, 0, 10) } });

  // ---- deals
  const stage = (orgId: string) => db.pipelineStage.create({ data: { organizationId: orgId, name: "Qualify", position: 1 } }).then((s) => s.id);
  const st = await stage(org);
  const stX = await stage(other);
  type D = { name: string; owner?: string; status: "OPEN" | "WON" | "LOST"; type?: "NEW" | "RENEWAL" | "CROSS_SELL"; amount: number; campaign?: string; referral?: boolean; opened: Date; engaged?: Date; closed?: Date; deleted?: boolean };
  const deals: D[] = [
    // cycle Dec 11 -> Jan 10 = 30 days
    { name: "D1", owner: alice, status: "WON", amount: 1000, campaign: c.C1, opened: utc(2025, 11, 1), engaged: utc(2025, 11, 11), closed: utc(2026, 0, 10) },
    // cycle Jan 5 -> Feb 14 = 40 days (no engagedAt: from openedAt)
    { name: "D2", owner: alice, status: "WON", type: "CROSS_SELL", amount: 500, opened: utc(2026, 0, 5), closed: utc(2026, 1, 14) },
    // cycle Jan 1 -> Mar 22 = 31 + 28 + 21 = 80 days
    { name: "D3", owner: bob, status: "WON", amount: 2000, campaign: c.C2, referral: true, opened: utc(2025, 10, 1), engaged: utc(2026, 0, 1), closed: utc(2026, 2, 22) },
    // cycle Mar 1 -> Mar 11 = 10 days
    { name: "D4", owner: bob, status: "WON", type: "RENEWAL", amount: 1500, referral: true, opened: utc(2026, 2, 1), closed: utc(2026, 2, 11) },
    { name: "D5", owner: alice, status: "LOST", amount: 800, campaign: c.C1, opened: utc(2026, 0, 2), closed: utc(2026, 2, 2) },
    { name: "D6", owner: bob, status: "OPEN", amount: 3500, campaign: c.C2, opened: utc(2026, 1, 20) },
    { name: "D7", owner: alice, status: "OPEN", type: "CROSS_SELL", amount: 700, opened: utc(2025, 11, 15) },
    // previous period: won Dec 20, cycle Sep 1 -> Dec 20 = 30 + 31 + 30 + 19 = 110 days
    { name: "D8", owner: bob, status: "WON", amount: 400, opened: utc(2025, 8, 1), closed: utc(2025, 11, 20) },
    // lost after Q1: still open at Apr 1
    { name: "D9", owner: alice, status: "LOST", amount: 600, opened: utc(2025, 9, 10), closed: utc(2026, 3, 10) },
    { name: "D10", owner: alice, status: "WON", amount: 9999, referral: true, campaign: c.C1, opened: utc(2026, 0, 1), closed: utc(2026, 1, 1), deleted: true },
    { name: "D11", owner: alice, status: "OPEN", amount: 9999, opened: utc(2026, 0, 1), deleted: true },
  ];
  for (const d of deals)
    await db.deal.create({ data: { organizationId: org, name: d.name, ownerId: d.owner, stageId: st, status: d.status, type: d.type ?? "NEW", amount: d.amount, campaignId: d.campaign, isReferral: d.referral ?? false, openedAt: d.opened, engagedAt: d.engaged, closedAt: d.closed, deletedAt: d.deleted ? new Date() : null } });
  await db.deal.create({ data: { organizationId: other, name: "X1", stageId: stX, status: "WON", type: "CROSS_SELL", amount: 5000, isReferral: true, campaignId: c.X, openedAt: utc(2026, 0, 1), closedAt: utc(2026, 1, 1) } });
  await db.deal.create({ data: { organizationId: other, name: "X2", stageId: stX, status: "OPEN", amount: 5000, openedAt: utc(2026, 0, 1) } });

  // ---- costs: [kind, amount, periodStart, campaign, deleted]
  type K = ["MARKETING" | "SALES", number, Date, string | null, boolean?];
  const costs: K[] = [
    ["MARKETING", 600, utc(2026, 0, 1), c.C1!],
    ["MARKETING", 1000, utc(2026, 1, 1), c.C2!],
    ["MARKETING", 400, utc(2026, 2, 1), null], // brand, no campaign
    ["SALES", 2000, utc(2026, 0, 1), null],
    ["SALES", 1000, utc(2026, 2, 1), c.C2!], // a sales cost on a campaign: in CAC, never in campaign ROI
    ["MARKETING", 300, utc(2025, 11, 1), c.C1!], // previous period
    ["MARKETING", 5000, utc(2026, 1, 1), c.C1!, true], // soft-deleted
    ["MARKETING", 700, utc(2026, 3, 1), c.C1!], // April
  ];
  for (const [kind, amount, periodStart, campaignId, deleted] of costs)
    await db.cost.create({ data: { organizationId: org, kind, category: kind === "SALES" ? "Salaries" : "Ads", amount, periodStart, periodEnd: periodStart, campaignId, deletedAt: deleted ? new Date() : null } });
  await db.cost.create({ data: { organizationId: other, kind: "MARKETING", category: "Ads", amount: 9000, periodStart: utc(2026, 0, 1), periodEnd: utc(2026, 0, 31), campaignId: c.X } });

  // ---- accounts (customers) and purchases
  const account = async (orgId: string, name: string, start: Date, campaignId: string | null, deleted = false) =>
    (await db.account.create({ data: { organizationId: orgId, name, status: "ACTIVE", startDate: start, campaignId, deletedAt: deleted ? new Date() : null } })).id;
  const acme = await account(org, "Acme", utc(2026, 0, 15), c.C1!);
  const birch = await account(org, "Birch", utc(2026, 1, 20), c.C2!);
  const cedar = await account(org, "Cedar", utc(2026, 2, 5), null);
  const dune = await account(org, "Dune", utc(2025, 10, 1), null); // new in the previous period
  await account(org, "Deleted", utc(2026, 1, 1), null, true);
  const decoyAcc = await account(other, "Decoy", utc(2026, 0, 1), null);
  type P = [string, Date, number, number, boolean?];
  const purchases: P[] = [
    [acme, utc(2026, 0, 20), 1000, 400], // margin 600
    [acme, utc(2026, 2, 1), 500, 200], // margin 300
    [birch, utc(2026, 1, 25), 800, 300], // margin 500
    [cedar, utc(2026, 2, 10), 300, 200], // margin 100
    [cedar, utc(2026, 3, 5), 1000, 0], // after Q1
    [dune, utc(2026, 1, 1), 2000, 0], // Dune became a customer before Q1
    [acme, utc(2026, 1, 1), 1000, 0, true], // soft-deleted
  ];
  for (const [accountId, purchasedAt, amount, cost, deleted] of purchases)
    await db.purchase.create({ data: { organizationId: org, accountId, purchasedAt, amount, cost, deletedAt: deleted ? new Date() : null } });
  await db.purchase.create({ data: { organizationId: other, accountId: decoyAcc, purchasedAt: utc(2026, 0, 2), amount: 7000, cost: 0 } });

  // ---- contacts: [name, owner, emailOptInAt, deleted]
  type C = [string, string, Date | null, boolean?];
  const contacts: C[] = [
    ["CT1", alice, utc(2025, 5, 1)],
    ["CT2", bob, utc(2025, 8, 1)],
    ["CT3", bob, utc(2025, 11, 1)],
    ["CT4", bob, utc(2025, 10, 15)],
    ["CT5", alice, utc(2026, 0, 10)],
    ["CT6", bob, utc(2026, 2, 3)],
    ["CT7", bob, null], // never opted in
    ["CT8", bob, utc(2026, 1, 1), true], // soft-deleted
  ];
  for (const [firstName, ownerId, emailOptInAt, deleted] of contacts)
    await db.contact.create({ data: { organizationId: org, firstName, lastName: "Test", ownerId, emailOptInAt, deletedAt: deleted ? new Date() : null } });
  await db.contact.create({ data: { organizationId: other, firstName: "X", lastName: "Decoy", emailOptInAt: utc(2026, 1, 1) } });
});
afterAll(async () => t?.close());

describe("the sales family", () => {
  it("has one definition per id, all in the sales family, each stating its period semantics", () => {
    expect(new Set(salesKpis.map((k) => k.id)).size).toBe(salesKpis.length);
    expect(salesKpis.map((k) => k.id).sort()).toEqual([
      "cac", "cac_payback_months", "calls_per_lead", "campaign_conversion_rate", "campaign_roi", "cost_per_lead", "cross_sell_ratio",
      "email_list_growth_rate", "lead_conversion_rate", "leads_created", "new_revenue", "new_revenue_12m", "new_revenue_6m", "open_deals", "pipeline_value", "referrals",
      "sales_cycle_days", "sales_cycle_median_days", "win_rate", "won_deals",
    ]);
    for (const k of salesKpis) {
      expect(k.family).toBe("sales");
      expect(k.formula).toMatch(/period/);
    }
    expect(kpi("cac").direction).toBe("lower");
    expect(kpi("cost_per_lead").direction).toBe("lower");
  });
});

describe("leads (hand-computed, Q1 2026)", () => {
  it("leads created = L1, L2, L3, L4, L5, L9 = 6; previous = L6 = 1; per month Jan 3 (L1, L2, L9), Feb 2 (L3, L4), Mar 1 (L5)", async () => {
    const r = await computeKpi(t.db, org, kpi("leads_created"), Q1);
    expect(r.current.value).toBe(6);
    expect(r.previous.value).toBe(1);
    expect(r.series.map((p) => p.value)).toEqual([3, 2, 1]);
    expect(r.series.map((p) => p.label)).toEqual(["Jan 2026", "Feb 2026", "Mar 2026"]);
  });

  it("lead conversion = converted in period / created in period × 100 = 5 / 6 × 100", async () => {
    // converted in Q1: L1 (Feb 10), L3 (Feb 20), L4 (Mar 5), L5 (Mar 25), L6 (Jan 15; created in Dec) = 5; L8 is soft-deleted
    const r = await computeKpi(t.db, org, kpi("lead_conversion_rate"), Q1);
    expect(r.current.value).toBeCloseTo((5 / 6) * 100, 10);
    // previous: created L6 = 1, converted 0 -> 0%
    expect(r.previous.value).toBe(0);
    // Jan: 1 (L6) / 3 = 33.3%; Feb: 2 (L1, L3) / 2 = 100%; Mar: 2 (L4, L5) / 1 (L5) = 200% (the sets are independent)
    expect(r.series.map((p) => p.value)).toEqual(close([(1 / 3) * 100, 100, 200]));
  });

  it("lead conversion filters: owner, team, source, campaign", async () => {
    // alice: created L1, L2, L5 = 3; converted L1, L5 = 2 -> 66.7%
    expect((await current("lead_conversion_rate", { ownerId: alice })).value).toBeCloseTo((2 / 3) * 100, 10);
    // team East = alice
    expect((await current("lead_conversion_rate", { teamId: east })).value).toBeCloseTo((2 / 3) * 100, 10);
    // bob: created L3, L4, L9 = 3; converted L3, L4, L6 = 3 -> 100%
    expect((await current("lead_conversion_rate", { ownerId: bob })).value).toBeCloseTo(100, 10);
    // web: created L1, L2 = 2; converted L1 = 1 -> 50%
    expect((await current("lead_conversion_rate", { source: "web" })).value).toBeCloseTo(50, 10);
    // campaign C2: created L4, L5 = 2; converted L4, L5 -> 100%
    expect((await current("lead_conversion_rate", { campaignId: c.C2 })).value).toBeCloseTo(100, 10);
    // a source with no leads: zero denominator
    expect(await current("lead_conversion_rate", { source: "tv" })).toEqual({ value: null, reason: "no leads created in period" });
  });

  it("campaign conversion = campaign leads converted / campaign leads created × 100 = 3 / 4 × 100 = 75%", async () => {
    // campaign leads created in Q1: L1, L2 (C1), L4, L5 (C2) = 4; converted in Q1: L1, L4, L5 = 3
    expect((await current("campaign_conversion_rate")).value).toBeCloseTo(75, 10);
    // C1: 1 (L1) / 2 = 50%
    expect((await current("campaign_conversion_rate", { campaignId: c.C1 })).value).toBeCloseTo(50, 10);
    // Jan: created L1, L2, converted none -> 0%; Feb: created L4, converted L1 -> 100%; Mar: created L5, converted L4, L5 -> 200%
    expect(await series("campaign_conversion_rate")).toEqual(close([0, 100, 200]));
    await expect(computeKpi(t.db, org, kpi("campaign_conversion_rate"), Q1, { source: "web" })).rejects.toThrow(/filters.source: does not apply/);
  });

  it("calls per lead = CALL activities on leads / leads created = 5 / 6", async () => {
    // calls in Q1 on live leads: L1 ×2 (Jan 6, Jan 8), L3 (Feb 4), L4 (Mar 1), L9 (Jan 26) = 5
    // not counted: the EMAIL, the call without a lead, the soft-deleted call, the call on soft-deleted L8, the decoy's
    const r = await computeKpi(t.db, org, kpi("calls_per_lead"), Q1);
    expect(r.current.value).toBeCloseTo(5 / 6, 10);
    // previous: 1 call (L6, Dec 12) / 1 lead (L6) = 1
    expect(r.previous.value).toBeCloseTo(1, 10);
    // Jan: 3 calls (L1 ×2, L9) / 3 leads = 1; Feb: 1 (L3) / 2 = 0.5; Mar: 1 (L4) / 1 = 1
    expect(r.series.map((p) => p.value)).toEqual(close([1, 0.5, 1]));
    // filters apply to the lead: alice's leads L1, L2, L5: calls 2 (L1) / 3; bob's L3, L4, L9: calls 3 / 3
    expect((await current("calls_per_lead", { ownerId: alice })).value).toBeCloseTo(2 / 3, 10);
    expect((await current("calls_per_lead", { ownerId: bob })).value).toBeCloseTo(1, 10);
  });
});

describe("deals (hand-computed, Q1 2026)", () => {
  it("win rate = won / (won + lost) closed in period × 100 = 4 / 5 × 100 = 80%", async () => {
    // closed in Q1: D1 W (Jan 10), D2 W (Feb 14), D3 W (Mar 22), D4 W (Mar 11), D5 L (Mar 2); D9 closes in April; D10 soft-deleted
    const r = await computeKpi(t.db, org, kpi("win_rate"), Q1);
    expect(r.current.value).toBeCloseTo(80, 10);
    expect(r.previous.value).toBeCloseTo(100, 10); // D8 won Dec 20, nothing lost
    expect(r.improved).toBe(false);
    // Jan: D1 1/1; Feb: D2 1/1; Mar: D3, D4 won, D5 lost = 2/3
    expect(r.series.map((p) => p.value)).toEqual(close([100, 100, (2 / 3) * 100]));
    // alice: D1, D2 won, D5 lost = 2/3; campaign C1: D1 won, D5 lost = 1/2
    expect((await current("win_rate", { ownerId: alice })).value).toBeCloseTo((2 / 3) * 100, 10);
    expect((await current("win_rate", { teamId: east })).value).toBeCloseTo((2 / 3) * 100, 10);
    expect((await current("win_rate", { campaignId: c.C1 })).value).toBeCloseTo(50, 10);
  });

  it("sales cycle: mean (30 + 40 + 80 + 10) / 4 = 40 days, median (30 + 40) / 2 = 35 days", async () => {
    // cycles of deals won in Q1 (from engagedAt, else openedAt, to closedAt): D1 30, D2 40, D3 80, D4 10
    const mean = await computeKpi(t.db, org, kpi("sales_cycle_days"), Q1);
    expect(mean.current.value).toBeCloseTo(40, 10);
    expect(mean.previous.value).toBeCloseTo(110, 10); // D8
    expect(mean.improved).toBe(true); // shorter is better
    // Jan D1 30; Feb D2 40; Mar D3 80, D4 10 -> 45
    expect(mean.series.map((p) => p.value)).toEqual(close([30, 40, 45]));
    const median = await computeKpi(t.db, org, kpi("sales_cycle_median_days"), Q1);
    expect(median.current.value).toBeCloseTo(35, 10);
    expect(median.series.map((p) => p.value)).toEqual(close([30, 40, 45]));
    // bob: D3 80, D4 10 -> mean 45, median 45; alice: D1 30, D2 40 -> 35, 35
    expect((await current("sales_cycle_days", { ownerId: bob })).value).toBeCloseTo(45, 10);
    expect((await current("sales_cycle_median_days", { ownerId: alice })).value).toBeCloseTo(35, 10);
  });

  it("open deals and pipeline value are snapshots at the end of each bucket", async () => {
    // at Apr 1: D6 (3500), D7 (700), D9 (600; closes Apr 10) = 3 deals, 4800
    const n = await computeKpi(t.db, org, kpi("open_deals"), Q1);
    const v = await computeKpi(t.db, org, kpi("pipeline_value"), Q1);
    expect(n.current.value).toBe(3);
    expect(v.current.value).toBeCloseTo(4800, 10);
    // previous ends Jan 1: D1 (opened Dec 1), D3 (Nov 1), D7 (Dec 15), D9 (Oct 10) = 4 deals, 1000 + 2000 + 700 + 600 = 4300
    expect(n.previous.value).toBe(4);
    expect(v.previous.value).toBeCloseTo(4300, 10);
    // Feb 1: D2, D3, D5, D7, D9 = 5 deals, 500 + 2000 + 800 + 700 + 600 = 4600
    // Mar 1: D3, D5, D6, D7, D9 = 5 deals (D4 opens Mar 1, not before), 2000 + 800 + 3500 + 700 + 600 = 7600
    // Apr 1: 3 deals, 4800
    expect(n.series.map((p) => p.value)).toEqual([5, 5, 3]);
    expect(v.series.map((p) => p.value)).toEqual(close([4600, 7600, 4800]));
    // bob at Apr 1: D6 only
    expect((await current("open_deals", { ownerId: bob })).value).toBe(1);
    expect((await current("pipeline_value", { ownerId: bob })).value).toBeCloseTo(3500, 10);
  });

  it("new revenue = Σ amount of deals won in period = 1000 + 500 + 2000 + 1500 = 5000; won deals = 4", async () => {
    const r = await computeKpi(t.db, org, kpi("new_revenue"), Q1);
    expect(r.current.value).toBeCloseTo(5000, 10);
    expect(r.previous.value).toBeCloseTo(400, 10); // D8
    expect(r.series.map((p) => p.value)).toEqual(close([1000, 500, 3500]));
    expect((await current("new_revenue", { ownerId: alice })).value).toBeCloseTo(1500, 10); // D1 + D2
    expect((await current("new_revenue", { campaignId: c.C2 })).value).toBeCloseTo(2000, 10); // D3
    const w = await computeKpi(t.db, org, kpi("won_deals"), Q1);
    expect(w.current.value).toBe(4);
    expect(w.previous.value).toBe(1);
    expect(w.series.map((p) => p.value)).toEqual([1, 1, 2]);
  });

  it("cross-sell ratio = 1 (D2) / 4 won × 100 = 25%; referrals = D3, D4 = 2", async () => {
    expect((await current("cross_sell_ratio")).value).toBeCloseTo(25, 10);
    expect((await current("cross_sell_ratio", { ownerId: alice })).value).toBeCloseTo(50, 10); // D2 / (D1, D2)
    expect(await series("cross_sell_ratio")).toEqual(close([0, 100, 0]));
    expect((await current("referrals")).value).toBe(2);
    expect((await current("referrals", { ownerId: alice })).value).toBe(0); // D10 is soft-deleted
    expect(await series("referrals")).toEqual([0, 0, 2]);
  });
});

describe("costs (hand-computed, Q1 2026)", () => {
  it("CAC = (marketing + sales costs) / new customers = (600 + 1000 + 400 + 2000 + 1000) / 3 = 5000 / 3", async () => {
    // costs starting in Q1: marketing 600 (Jan), 1000 (Feb), 400 (Mar); sales 2000 (Jan), 1000 (Mar); new customers Acme, Birch, Cedar
    const r = await computeKpi(t.db, org, kpi("cac"), Q1);
    expect(r.current.value).toBeCloseTo(5000 / 3, 8);
    // previous: 300 (Dec 1) / 1 (Dune, Nov 1) = 300
    expect(r.previous.value).toBeCloseTo(300, 10);
    expect(r.improved).toBe(false); // CAC went up
    // Jan: (600 + 2000) / 1 (Acme); Feb: 1000 / 1 (Birch); Mar: (400 + 1000) / 1 (Cedar)
    expect(r.series.map((p) => p.value)).toEqual(close([2600, 1000, 1400]));
    await expect(computeKpi(t.db, org, kpi("cac"), Q1, { ownerId: alice })).rejects.toThrow(/filters.ownerId: does not apply/);
  });

  it("CAC payback = CAC / (margin ÷ new customers ÷ months)", async () => {
    // margin of purchases in Q1 by accounts that started in Q1: Acme 600 + 300, Birch 500, Cedar 100 = 1500
    // (Cedar's April purchase, Dune's purchase and the soft-deleted purchase do not count); months = 90 / 30.4375
    const r = await computeKpi(t.db, org, kpi("cac_payback_months"), Q1);
    expect(r.current.value).toBeCloseTo((5000 / 3) / (1500 / 3 / (90 / DPM)), 8); // ≈ 9.856 months
    // Jan: 2600 / (600 / 1 / (31 / 30.4375)); Feb: 1000 / (500 / (28 / 30.4375)); Mar: 1400 / (Cedar 100 / (31 / 30.4375))
    // (Acme's March purchase is not in March's bucket: Acme started in January)
    expect(r.series.map((p) => p.value)).toEqual(close([2600 / (600 / (31 / DPM)), 1000 / (500 / (28 / DPM)), 1400 / (100 / (31 / DPM))]));
    // previous: Dune is new but bought nothing in the period -> no margin
    expect(r.previous).toEqual({ value: null, reason: "new customers earned no gross margin in period" });
  });

  it("cost per lead = marketing costs / leads created = 2000 / 6", async () => {
    const r = await computeKpi(t.db, org, kpi("cost_per_lead"), Q1);
    expect(r.current.value).toBeCloseTo(2000 / 6, 8);
    expect(r.previous.value).toBeCloseTo(300, 10); // 300 / 1 (L6)
    // Jan 600 / 3; Feb 1000 / 2; Mar 400 / 1
    expect(r.series.map((p) => p.value)).toEqual(close([200, 500, 400]));
    // campaign C1: its marketing cost 600 / its leads L1, L2 = 300
    expect((await current("cost_per_lead", { campaignId: c.C1 })).value).toBeCloseTo(300, 10);
  });

  it("campaign ROI = (campaign revenue − campaign marketing costs) / costs × 100 = (3000 − 1600) / 1600 × 100 = 87.5%", async () => {
    // revenue of won campaign deals in Q1: D1 1000 (C1) + D3 2000 (C2); marketing costs on campaigns: 600 (C1) + 1000 (C2);
    // the 1000 SALES cost on C2 and the 400 brand cost without a campaign are not campaign marketing costs
    const r = await computeKpi(t.db, org, kpi("campaign_roi"), Q1);
    expect(r.current.value).toBeCloseTo(87.5, 10);
    expect(r.previous.value).toBeCloseTo(-100, 10); // 300 spent on C1 in Dec, no campaign revenue
    // Jan: (1000 − 600) / 600 = 66.7%; Feb: (0 − 1000) / 1000 = −100%; Mar: 2000 revenue but no campaign costs -> null
    expect(r.series.map((p) => p.value)).toEqual(close([(400 / 600) * 100, -100, null]));
    expect(r.series[2]!.reason).toBe("no campaign costs in period");
    expect((await current("campaign_roi", { campaignId: c.C1 })).value).toBeCloseTo((400 / 600) * 100, 10);
    expect((await current("campaign_roi", { campaignId: c.C2 })).value).toBeCloseTo(100, 10);
  });

  it("email-list growth = opted in during the period / opted in before its start × 100 = 2 / 4 × 100 = 50%", async () => {
    // before Jan 1: CT1, CT2, CT3, CT4 = 4; in Q1: CT5 (Jan 10), CT6 (Mar 3) = 2; CT8 is soft-deleted
    const r = await computeKpi(t.db, org, kpi("email_list_growth_rate"), Q1);
    expect(r.current.value).toBeCloseTo(50, 10);
    // previous (from Oct 3): before = CT1, CT2 = 2; joined CT4 (Nov 15), CT3 (Dec 1) = 2 -> 100%
    expect(r.previous.value).toBeCloseTo(100, 10);
    // Jan: 1 / 4 = 25%; Feb: 0 / 5 = 0%; Mar: 1 / 5 = 20%
    expect(r.series.map((p) => p.value)).toEqual(close([25, 0, 20]));
    // bob: joined CT6 / before CT2, CT3, CT4 = 33.3%
    expect((await current("email_list_growth_rate", { ownerId: bob })).value).toBeCloseTo(100 / 3, 10);
  });
});

describe("edge cases", () => {
  it("an empty period gives null with a reason for every ratio, 0 for counts and sums, never NaN", async () => {
    const reasons: Record<string, string> = {
      lead_conversion_rate: "no leads created in period",
      win_rate: "no deals closed in period",
      sales_cycle_days: "no deals won in period",
      sales_cycle_median_days: "no deals won in period",
      cac: "no new customers in period",
      cac_payback_months: "no new customers in period",
      cost_per_lead: "no leads created in period",
      campaign_conversion_rate: "no campaign leads created in period",
      campaign_roi: "no campaign costs in period",
      calls_per_lead: "no leads created in period",
      cross_sell_ratio: "no deals won in period",
      email_list_growth_rate: "no contacts on the email list at start of period",
    };
    for (const [id, reason] of Object.entries(reasons)) expect([id, await current(id, {}, EMPTY)]).toEqual([id, { value: null, reason }]);
    for (const id of ["leads_created", "open_deals", "pipeline_value", "new_revenue", "won_deals", "referrals"]) expect([id, (await current(id, {}, EMPTY)).value]).toEqual([id, 0]);
  });

  it("zero denominators with a non-zero numerator: April 2026 has costs (700) and a lead (L7) but no new customer", async () => {
    expect(await current("cac", {}, APRIL)).toEqual({ value: null, reason: "no new customers in period" });
    expect((await current("cost_per_lead", {}, APRIL)).value).toBeCloseTo(700, 10); // 700 / 1 (L7)
    // win rate in April: D9 lost Apr 10 -> 0 / 1 = 0%
    expect((await current("win_rate", {}, APRIL)).value).toBe(0);
    // open at May 1: D6, D7 (D9 closed Apr 10)
    expect((await current("open_deals", {}, APRIL)).value).toBe(2);
  });

  it("the decoy organization sees only its own rows", async () => {
    // decoy: 1 lead created and converted, 1 won deal of 5000, 9000 marketing costs, 1 new customer (Jan 1)
    const q = (id: string) => computeKpi(t.db, other, kpi(id), Q1).then((r) => r.current.value);
    expect(await q("leads_created")).toBe(1);
    expect(await q("new_revenue")).toBeCloseTo(5000, 10);
    expect(await q("cac")).toBeCloseTo(9000, 10);
    expect(await q("open_deals")).toBe(1);
    expect(await q("campaign_roi")).toBeCloseTo(((5000 - 9000) / 9000) * 100, 10);
  });
});

describe("drill-downs", () => {
  const drill = (id: string, filters = {}, page = { offset: 0, limit: 50 }) => drillDown(t.db, org, kpi(id), Q1.current, filters, page);

  it("leads created and leads converted, newest first, with filters", async () => {
    const d = await drill("leads_created");
    expect(d.total).toBe(6);
    expect(d.rows.map((r) => r.name)).toEqual(["L5 Test", "L4 Test", "L3 Test", "L9 Test", "L2 Test", "L1 Test"]);
    expect(d.rows[0]!.campaign).toBe("Webinar");
    expect((await drill("leads_created", { source: "web" })).rows.map((r) => r.name)).toEqual(["L2 Test", "L1 Test"]);
    const conv = await drill("lead_conversion_rate");
    expect(conv.rows.map((r) => r.name)).toEqual(["L5 Test", "L4 Test", "L3 Test", "L1 Test", "L6 Test"]);
    expect((await drill("campaign_conversion_rate")).rows.map((r) => r.name)).toEqual(["L5 Test", "L4 Test", "L1 Test"]);
  });

  it("deals: closed for win rate, won by cycle length, open at the end, won by amount (paginated)", async () => {
    const closed = await drill("win_rate");
    expect(closed.rows.map((r) => [r.name, r.status])).toEqual([["D3", "WON"], ["D4", "WON"], ["D5", "LOST"], ["D2", "WON"], ["D1", "WON"]]);
    const cycle = await drill("sales_cycle_days");
    expect(cycle.rows.map((r) => [r.name, Number(r.cycleDays)])).toEqual([["D3", 80], ["D2", 40], ["D1", 30], ["D4", 10]]);
    const open = await drill("open_deals");
    expect(open.rows.map((r) => [r.name, Number(r.amount)])).toEqual([["D6", 3500], ["D7", 700], ["D9", 600]]);
    const p1 = await drill("new_revenue", {}, { offset: 0, limit: 2 });
    expect(p1.total).toBe(4);
    expect(p1.rows.map((r) => r.name)).toEqual(["D3", "D4"]);
    const p2 = await drill("new_revenue", {}, { offset: 2, limit: 2 });
    expect(p2.rows.map((r) => r.name)).toEqual(["D1", "D2"]);
    expect((await drill("won_deals", { ownerId: bob })).rows.map((r) => r.name)).toEqual(["D3", "D4"]);
    expect((await drill("cross_sell_ratio")).rows.map((r) => r.name)).toEqual(["D2"]);
    expect((await drill("referrals")).rows.map((r) => r.name)).toEqual(["D3", "D4"]);
  });

  it("campaigns behind the ROI, new customers behind CAC, contacts behind list growth", async () => {
    const roi = await drill("campaign_roi");
    expect(roi.rows.map((r) => [r.name, Number(r.cost), Number(r.revenue)])).toEqual([["Spring Email", 600, 1000], ["Webinar", 1000, 2000]]);
    expect((await drill("campaign_roi", { campaignId: c.C2 })).rows.map((r) => r.name)).toEqual(["Webinar"]);
    const cac = await drill("cac");
    expect(cac.rows.map((r) => [r.name, r.campaign])).toEqual([["Cedar", null], ["Birch", "Webinar"], ["Acme", "Spring Email"]]);
    expect((await drill("email_list_growth_rate")).rows.map((r) => r.name)).toEqual(["CT6 Test", "CT5 Test"]);
  });
});
