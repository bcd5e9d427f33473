import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../../test/db";
import { computeKpi } from "../engine";
import { resolvePeriod, utc } from "../period";
import { campaignTable, leadConversionBy } from "./campaigns";
import { salesKpis } from "./sales";

// Fixture: campaigns of one organization with leads, costs, deals and accounts; a decoy organization with a
// campaign of the same name; soft-deleted rows. Range = Q1 2026 [Jan 1, Apr 1).
let t: TestDb;
let org: string;
let other: string;
let email: string;
let events: string;
let upcoming: string;
const Q1 = { start: utc(2026, 0, 1), end: utc(2026, 3, 1) };
const kpi = (id: string) => salesKpis.find((k) => k.id === id)!;

beforeAll(async () => {
  t = await createTestDb();
  const db = t.db;
  org = (await db.organization.create({ data: { name: "Fixture", slug: "fixture" } })).id;
  other = (await db.organization.create({ data: { name: "Decoy", slug: "decoy" } })).id;
  const campaign = async (orgId: string, name: string, channel: string, start: Date, end: Date | null, deleted = false) =>
    (await db.campaign.create({ data: { organizationId: orgId, name, channel, startDate: start, endDate: end, budget: 99999, actualCost: 99999, deletedAt: deleted ? new Date() : null } })).id;
  email = await campaign(org, "Email", "email", utc(2026, 0, 1), utc(2026, 2, 31));
  events = await campaign(org, "Events", "events", utc(2026, 1, 1), null);
  await campaign(org, "Dormant", "content", utc(2024, 0, 1), utc(2024, 5, 1)); // ran in 2024 only, nothing in Q1
  upcoming = await campaign(org, "Upcoming", "social", utc(2026, 2, 20), null); // runs in Q1, no results yet
  await campaign(org, "Removed", "email", utc(2026, 0, 1), null, true); // soft-deleted
  const decoy = await campaign(other, "Email", "email", utc(2026, 0, 1), null);

  // leads: [campaign, source, createdAt, convertedAt, deleted]
  type L = [string | null, string, Date, Date | null, boolean?];
  const leads: L[] = [
    [email, "web", utc(2026, 0, 3), utc(2026, 0, 20)], // E1
    [email, "web", utc(2026, 0, 4), null], // E2
    [email, "social", utc(2026, 1, 2), null], // E3
    [email, "web", utc(2025, 11, 1), utc(2026, 0, 5)], // E4: created before Q1, converted in Q1
    [email, "web", utc(2026, 0, 6), utc(2026, 0, 7), true], // E5: soft-deleted
    [events, "event", utc(2026, 1, 10), null], // V1
    [events, "event", utc(2026, 1, 11), utc(2026, 3, 2)], // V2: converted after Q1
    [null, "referral", utc(2026, 2, 3), utc(2026, 2, 4)], // N1
    [null, "web", utc(2026, 3, 3), null], // N2: after Q1
  ];
  for (const [campaignId, source, createdAt, convertedAt, deleted] of leads)
    await db.lead.create({ data: { organizationId: org, firstName: "L", lastName: "T", source, campaignId, createdAt, convertedAt, deletedAt: deleted ? new Date() : null } });
  await db.lead.create({ data: { organizationId: other, firstName: "X", lastName: "Decoy", source: "web", campaignId: decoy, createdAt: utc(2026, 0, 10), convertedAt: utc(2026, 0, 11) } });

  // costs: [campaign, kind, amount, periodStart, deleted]
  type K = [string | null, "MARKETING" | "SALES", number, Date, boolean?];
  const costs: K[] = [
    [email, "MARKETING", 900, utc(2026, 0, 1)],
    [email, "MARKETING", 300, utc(2026, 2, 1)],
    [email, "SALES", 500, utc(2026, 1, 1)], // not marketing: excluded
    [email, "MARKETING", 1000, utc(2025, 11, 1)], // before Q1
    [email, "MARKETING", 777, utc(2026, 1, 1), true], // soft-deleted
    [events, "MARKETING", 1200, utc(2026, 1, 1)],
    [null, "MARKETING", 400, utc(2026, 0, 1)], // no campaign
  ];
  for (const [campaignId, kind, amount, periodStart, deleted] of costs)
    await db.cost.create({ data: { organizationId: org, campaignId, kind, category: "Ads", amount, periodStart, periodEnd: periodStart, deletedAt: deleted ? new Date() : null } });
  await db.cost.create({ data: { organizationId: other, campaignId: decoy, kind: "MARKETING", category: "Ads", amount: 5000, periodStart: utc(2026, 0, 1), periodEnd: utc(2026, 0, 31) } });

  // deals: [campaign, status, amount, closedAt, deleted]
  const st = (await db.pipelineStage.create({ data: { organizationId: org, name: "Qualify", position: 1 } })).id;
  const stX = (await db.pipelineStage.create({ data: { organizationId: other, name: "Qualify", position: 1 } })).id;
  type D = [string | null, "OPEN" | "WON" | "LOST", number, Date | null, boolean?];
  const deals: D[] = [
    [email, "WON", 3000, utc(2026, 1, 10)],
    [email, "WON", 600, utc(2026, 2, 30)],
    [email, "LOST", 900, utc(2026, 2, 1)],
    [email, "WON", 5000, utc(2026, 3, 5)], // after Q1
    [email, "WON", 8000, utc(2026, 1, 1), true], // soft-deleted
    [events, "OPEN", 2000, null],
    [null, "WON", 1000, utc(2026, 0, 15)], // no campaign
  ];
  for (const [campaignId, status, amount, closedAt, deleted] of deals)
    await db.deal.create({ data: { organizationId: org, name: "D", stageId: st, campaignId, status, amount, openedAt: utc(2025, 11, 1), closedAt, deletedAt: deleted ? new Date() : null } });
  await db.deal.create({ data: { organizationId: other, name: "X", stageId: stX, campaignId: decoy, status: "WON", amount: 7000, openedAt: utc(2026, 0, 1), closedAt: utc(2026, 0, 20) } });

  // accounts: [campaign, startDate, deleted]
  type A = [string | null, Date, boolean?];
  const accounts: A[] = [
    [email, utc(2026, 1, 12)],
    [email, utc(2026, 2, 31)],
    [email, utc(2025, 11, 1)], // before Q1
    [email, utc(2026, 0, 20), true], // soft-deleted
    [events, utc(2026, 3, 1)], // Apr 1: the range's end is excluded
  ];
  for (const [campaignId, startDate, deleted] of accounts)
    await db.account.create({ data: { organizationId: org, name: "A", campaignId, startDate, status: "ACTIVE", deletedAt: deleted ? new Date() : null } });
  await db.account.create({ data: { organizationId: other, name: "X", campaignId: decoy, startDate: utc(2026, 0, 20), status: "ACTIVE" } });
});
afterAll(async () => t?.close());

describe("campaignTable (hand-computed, Q1 2026)", () => {
  it("one row per campaign that ran in the range or has results in it, by name", async () => {
    const rows = await campaignTable(t.db, org, Q1);
    // Dormant (2024) has nothing in Q1; Removed is soft-deleted; the decoy's "Email" belongs to another organization
    expect(rows.map((r) => r.name)).toEqual(["Email", "Events", "Upcoming"]);
    const [e, v, u] = rows;
    // Email: leads created E1, E2, E3 = 3; converted E1 (Jan 20), E4 (Jan 5) = 2 -> 66.7%;
    // cost = marketing 900 + 300 = 1200 (not the SALES 500, the December 1000, the deleted 777, nor budget/actualCost);
    // cost per lead = 1200 / 3 = 400; won deals 3000 + 600 = 3600 (2 deals); new customers Feb 12, Mar 31 = 2;
    // ROI = (3600 − 1200) / 1200 × 100 = 200%
    expect(e).toEqual({
      campaignId: email, name: "Email", channel: "email",
      leads: 3, converted: 2, conversionRate: { value: expect.closeTo((2 / 3) * 100, 10) },
      cost: 1200, costPerLead: { value: 400 },
      wonDeals: 2, newCustomers: 2, revenue: 3600, roi: { value: 200 },
    });
    // Events: leads V1, V2 = 2, converted 0 (V2 converts in April) -> 0%; cost 1200 -> 600 per lead;
    // no won deal (the only deal is open), no new customer (starts Apr 1) -> ROI (0 − 1200) / 1200 = −100%
    expect(v).toEqual({
      campaignId: events, name: "Events", channel: "events",
      leads: 2, converted: 0, conversionRate: { value: 0 },
      cost: 1200, costPerLead: { value: 600 },
      wonDeals: 0, newCustomers: 0, revenue: 0, roi: { value: -100 },
    });
    // Upcoming: runs from Mar 20, nothing yet: zero denominators give null with a reason
    expect(u).toEqual({
      campaignId: upcoming, name: "Upcoming", channel: "social",
      leads: 0, converted: 0, conversionRate: { value: null, reason: "no leads created in period" },
      cost: 0, costPerLead: { value: null, reason: "no leads created in period" },
      wonDeals: 0, newCustomers: 0, revenue: 0, roi: { value: null, reason: "no campaign costs in period" },
    });
  });

  it("adds up to the campaign KPIs: ROI (3600 − 2400) / 2400 = 50%, campaign conversion 2 / 5 = 40%, cost per lead", async () => {
    const rows = await campaignTable(t.db, org, Q1);
    const revenue = rows.reduce((s, r) => s + r.revenue, 0);
    const cost = rows.reduce((s, r) => s + r.cost, 0);
    expect([revenue, cost]).toEqual([3600, 2400]);
    const period = resolvePeriod(Q1);
    const roi = await computeKpi(t.db, org, kpi("campaign_roi"), period);
    expect(roi.current.value).toBeCloseTo(((revenue - cost) / cost) * 100, 10);
    expect(roi.current.value).toBeCloseTo(50, 10);
    // campaign leads created: 3 + 2 = 5; converted: 2 + 0 = 2
    expect((await computeKpi(t.db, org, kpi("campaign_conversion_rate"), period)).current.value).toBeCloseTo(40, 10);
    expect((await computeKpi(t.db, org, kpi("cost_per_lead"), period, { campaignId: email })).current.value).toBeCloseTo(400, 10);
  });

  it("other ranges: a campaign that ran then is listed with zeros; nothing at all is an empty list", async () => {
    const rows = await campaignTable(t.db, org, { start: utc(2024, 2, 1), end: utc(2024, 3, 1) });
    expect(rows.map((r) => [r.name, r.leads, r.cost, r.roi.value])).toEqual([["Dormant", 0, 0, null]]);
    expect(await campaignTable(t.db, org, { start: utc(2010, 0, 1), end: utc(2010, 3, 1) })).toEqual([]);
  });

  it("the decoy organization sees only its own campaign", async () => {
    const rows = await campaignTable(t.db, other, Q1);
    // 1 lead created and converted, cost 5000, 1 won deal of 7000, 1 new customer: ROI (7000 − 5000) / 5000 = 40%
    expect(rows).toEqual([expect.objectContaining({ name: "Email", leads: 1, converted: 1, cost: 5000, wonDeals: 1, newCustomers: 1, revenue: 7000, roi: { value: expect.closeTo(40, 10) } })]);
  });
});

describe("leadConversionBy (hand-computed, Q1 2026)", () => {
  it("by source: converted in range / created in range × 100 per source", async () => {
    const rows = await leadConversionBy(t.db, org, Q1, "source");
    expect(rows).toEqual([
      // event: V1, V2 created; none converted in Q1
      { key: "event", label: "event", created: 2, converted: 0, conversionRate: { value: 0 } },
      // referral: N1 created and converted
      { key: "referral", label: "referral", created: 1, converted: 1, conversionRate: { value: 100 } },
      // social: E3 created
      { key: "social", label: "social", created: 1, converted: 0, conversionRate: { value: 0 } },
      // web: E1, E2 created (E4 in December, N2 in April, E5 deleted); converted E1, E4 = 2 -> 100%
      { key: "web", label: "web", created: 2, converted: 2, conversionRate: { value: 100 } },
    ]);
    // the groups add up to the KPI: 3 converted / 6 created = 50%
    const total = rows.reduce((s, r) => [s[0]! + r.converted, s[1]! + r.created], [0, 0]);
    expect(total).toEqual([3, 6]);
    expect((await computeKpi(t.db, org, kpi("lead_conversion_rate"), resolvePeriod(Q1))).current.value).toBeCloseTo(50, 10);
  });

  it("by campaign: leads without a campaign form their own group", async () => {
    const rows = await leadConversionBy(t.db, org, Q1, "campaign");
    expect(rows).toEqual([
      // Email: created E1, E2, E3 = 3; converted E1, E4 = 2
      { key: email, label: "Email", created: 3, converted: 2, conversionRate: { value: expect.closeTo((2 / 3) * 100, 10) } },
      // Events: created V1, V2; converted none
      { key: events, label: "Events", created: 2, converted: 0, conversionRate: { value: 0 } },
      // no campaign: N1 created and converted
      { key: null, label: "No campaign", created: 1, converted: 1, conversionRate: { value: 100 } },
    ]);
  });

  it("a range without leads gives no groups", async () => {
    expect(await leadConversionBy(t.db, org, { start: utc(2010, 0, 1), end: utc(2010, 3, 1) }, "source")).toEqual([]);
  });

  it("a group with conversions but no leads created has a null rate with a reason", async () => {
    // April 2026: V2 converted (Apr 2), N2 created (Apr 3): event 0 created / 1 converted; web 1 / 0
    const rows = await leadConversionBy(t.db, org, { start: utc(2026, 3, 1), end: utc(2026, 4, 1) }, "source");
    expect(rows).toEqual([
      { key: "event", label: "event", created: 0, converted: 1, conversionRate: { value: null, reason: "no leads created in period" } },
      { key: "web", label: "web", created: 1, converted: 0, conversionRate: { value: 0 } },
    ]);
  });
});
