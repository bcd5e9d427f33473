import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../../test/db";
import { computeKpi, drillDown } from "../engine";
import { resolvePeriod, utc } from "../period";
import { adoptionKpis } from "./adoption";

// Fixture: one organization with 4 members (U1, U2 in team T; U3 no team; U4 membership inactive), their sign-ins,
// audit-log entries, and accounts / contacts / leads with gaps and duplicate emails; plus a decoy organization whose
// rows must never count. Period = Q1 2026 [Jan 1, Apr 1) (90 days), monthly series; previous = [Oct 3 2025, Jan 1 2026).
let t: TestDb;
let org: string;
let other: string;
const u: Record<"U1" | "U2" | "U3" | "U4" | "U5", string> = { U1: "", U2: "", U3: "", U4: "", U5: "" };
let team: string;
const Q1 = resolvePeriod({ start: utc(2026, 0, 1), end: utc(2026, 3, 1) }, { grain: "month" });
const EMPTY = resolvePeriod({ start: utc(2010, 0, 1), end: utc(2010, 3, 1) });
const at = (m: number, d: number, h = 0) => new Date(Date.UTC(2026, m, d, h));
const dec = (d: number) => new Date(Date.UTC(2025, 11, d));
const kpi = (id: string) => {
  const k = adoptionKpis.find((x) => x.id === id);
  if (!k) throw new Error(`no KPI ${id}`);
  return k;
};
const value = async (id: string, filters = {}, period = Q1) => (await computeKpi(t.db, org, kpi(id), period, filters)).current.value;

beforeAll(async () => {
  t = await createTestDb();
  org = (await t.db.organization.create({ data: { name: "Fixture", slug: "fixture" } })).id;
  other = (await t.db.organization.create({ data: { name: "Other", slug: "other" } })).id;
  for (const k of Object.keys(u) as (keyof typeof u)[]) u[k] = (await t.db.user.create({ data: { email: `${k.toLowerCase()}@fixture.test`, name: `User ${k.slice(1)}`, passwordHash: "x" } })).id;
  team = (await t.db.team.create({ data: { organizationId: org, name: "T" } })).id;
  await t.db.membership.createMany({
    data: [
      { organizationId: org, userId: u.U1, role: "SALES_REP", teamId: team },
      { organizationId: org, userId: u.U2, role: "SALES_REP", teamId: team },
      { organizationId: org, userId: u.U3, role: "SUPPORT_AGENT" },
      { organizationId: org, userId: u.U4, role: "SALES_REP", active: false },
      { organizationId: other, userId: u.U5, role: "CRM_MANAGER" },
      { organizationId: other, userId: u.U1, role: "SALES_REP" },
    ],
  });

  const login = (orgId: string | null, userId: string | null, createdAt: Date, success = true) => ({ organizationId: orgId, userId, email: "x@fixture.test", success, createdAt });
  await t.db.loginEvent.createMany({
    data: [
      login(org, u.U1, at(0, 5)), login(org, u.U1, at(1, 5)), login(org, u.U1, at(2, 5)),
      login(org, u.U2, at(1, 10)), login(org, u.U2, at(1, 9), false), login(org, u.U2, at(1, 11), false), // 2 failures don't count
      login(org, u.U4, at(0, 20)), // inactive member now, but signed in during Q1
      login(null, null, at(0, 3), false), // unknown email
      login(org, u.U3, dec(10)), // previous period
      login(org, u.U1, at(3, 1)), // Apr 1 00:00: outside Q1
      login(other, u.U5, at(0, 5)), login(other, u.U5, at(0, 6)), login(other, u.U1, at(0, 7)), // decoy organization (U1 too)
    ],
  });

  const log = (orgId: string, actorId: string | null, action: string, createdAt: Date) => ({ organizationId: orgId, actorId, action, entityType: "Contact", createdAt });
  await t.db.auditLog.createMany({
    data: [
      log(org, u.U1, "create", at(0, 2)), log(org, u.U1, "create", at(0, 3)), log(org, u.U1, "create", at(1, 2)), log(org, u.U1, "create", at(2, 2)),
      log(org, u.U1, "update", at(0, 4)), log(org, u.U1, "update", at(1, 4)), log(org, u.U1, "delete", at(2, 5)),
      log(org, u.U2, "create", at(1, 6)), log(org, u.U2, "create", at(1, 7)),
      log(org, u.U3, "update", at(2, 6)), log(org, u.U3, "update", at(2, 7)), log(org, u.U3, "update", at(2, 8)),
      log(org, null, "create", at(0, 9)), // system: no actor
      log(org, u.U1, "create", dec(5)), // previous period
      ...[1, 2, 3, 4, 5].map((d) => log(other, u.U5, "create", at(0, d))),
    ],
  });

  // data quality: key fields account (segment, industry, owner), contact (email, phone, account), lead (email, source, owner)
  const acc = (name: string, createdAt: Date, x: { segment?: string; industry?: string; ownerId?: string; deleted?: boolean; orgId?: string } = {}) =>
    t.db.account.create({ data: { organizationId: x.orgId ?? org, name, createdAt, segment: x.segment ?? null, industry: x.industry ?? null, ownerId: x.ownerId ?? null, deletedAt: x.deleted ? new Date() : null } });
  const A1 = await acc("A1", dec(15), { segment: "SMB", industry: "Retail", ownerId: u.U1 }); // 3 of 3
  const A2 = await acc("A2", at(1, 10), { industry: "  " }); // 0 of 3 (blank industry is not filled)
  await acc("A3", at(3, 10), { segment: "SMB", industry: "Retail", ownerId: u.U1 }); // created after Apr 1
  await acc("A4", at(0, 10), { segment: "SMB", industry: "Retail", ownerId: u.U1, deleted: true }); // deleted
  await acc("X", at(0, 10), { orgId: other }); // decoy, 0 of 3

  const con = (name: string, createdAt: Date, x: { email?: string; phone?: string; accountId?: string; ownerId?: string; deleted?: boolean; orgId?: string } = {}) =>
    t.db.contact.create({ data: { organizationId: x.orgId ?? org, firstName: name, lastName: "Contact", createdAt, email: x.email ?? null, phone: x.phone ?? null, accountId: x.accountId ?? null, ownerId: x.ownerId ?? null, deletedAt: x.deleted ? new Date() : null } });
  await con("C1", at(0, 10), { email: "a@x.com", phone: "555", accountId: A1.id, ownerId: u.U1 }); // 3
  await con("C2", at(0, 20), { email: "A@X.com " }); // 1; same email as C1 after lower(trim())
  await con("C3", at(1, 5), { email: "b@x.com", phone: "", accountId: A1.id }); // 2
  await con("C4", at(2, 5), { phone: "556", accountId: A2.id }); // 2
  await con("C5", at(2, 6), { email: "b@x.com", phone: "1", accountId: A1.id, deleted: true }); // deleted
  await con("C6", at(3, 5), { email: "b@x.com" }); // created Apr 5
  await con("C7", at(2, 7), { email: "   " }); // 0; a blank email is no email
  await con("X", at(0, 10), { email: "a@x.com", orgId: other }); // decoy: must not make C1 a duplicate

  const lead = (name: string, createdAt: Date, x: { email?: string; source: string; ownerId?: string }) =>
    t.db.lead.create({ data: { organizationId: org, firstName: name, lastName: "Lead", createdAt, email: x.email ?? null, source: x.source, ownerId: x.ownerId ?? null } });
  await lead("L1", at(0, 10), { email: "l1@x.com", source: "web", ownerId: u.U1 }); // 3
  await lead("L2", at(2, 10), { source: "  " }); // 0
});
afterAll(async () => t?.close());

describe("usage KPIs (hand-computed, Q1 2026)", () => {
  it("active users = distinct successful sign-ins = U1, U2, U4 = 3; per month Jan (U1, U4) 2, Feb (U1, U2) 2, Mar (U1) 1; previous (U3) 1", async () => {
    const r = await computeKpi(t.db, org, kpi("active_users"), Q1);
    expect(r.current.value).toBe(3);
    expect(r.series.map((p) => p.value)).toEqual([2, 2, 1]);
    expect(r.previous.value).toBe(1);
    expect(r.improved).toBe(true);
  });

  it("sign-ins = U1 3 + U2 1 + U4 1 = 5 (failures, Apr 1 and the other organization excluded); per month 2, 2, 1", async () => {
    const r = await computeKpi(t.db, org, kpi("logins"), Q1);
    expect(r.current.value).toBe(5);
    expect(r.series.map((p) => p.value)).toEqual([2, 2, 1]);
  });

  it("sign-ins per user = 5 / active members (U1, U2, U3) 3; team T: (3 + 1) / 2 = 2; inactive U4: 1 / 0 -> null", async () => {
    expect(await value("logins_per_user")).toBeCloseTo(5 / 3, 10);
    expect(await value("logins_per_user", { teamId: team })).toBeCloseTo(2, 10);
    const r = await computeKpi(t.db, org, kpi("logins_per_user"), Q1, { ownerId: u.U4 });
    expect(r.current).toEqual({ value: null, reason: "no active members" });
    expect(await value("logins_per_user", {}, EMPTY)).toBe(0); // 0 sign-ins / 3 members
  });

  it("owner filter: active users of U2 = 1, sign-ins of U1 = 3", async () => {
    expect(await value("active_users", { ownerId: u.U2 })).toBe(1);
    expect(await value("logins", { ownerId: u.U1 })).toBe(3);
  });

  it("drill-down: users who signed in, most sign-ins first: User 1 (3), User 2 (1), User 4 (1)", async () => {
    const d = await drillDown(t.db, org, kpi("active_users"), Q1.current, {}, { offset: 0, limit: 10 });
    expect(d.total).toBe(3);
    expect(d.rows.map((r) => [r.name, r.logins])).toEqual([["User 1", 3], ["User 2", 1], ["User 4", 1]]);
  });

  // Q1 audit log: creates U1 4 + U2 2 = 6 (system create excluded), updates U1 2 + U3 3 = 5, editors U1, U2, U3 = 3
  it("records created per user = 6 / 3 editors = 2; updated = 5 / 3", async () => {
    expect(await value("records_created_per_user")).toBeCloseTo(2, 10);
    expect(await value("records_updated_per_user")).toBeCloseTo(5 / 3, 10);
  });

  it("created per user per month: Jan 2 creates / (U1) 1 = 2; Feb (1 + 2) / (U1, U2) 2 = 1.5; Mar 1 / (U1, U3) 2 = 0.5; previous 1 / 1 = 1", async () => {
    const r = await computeKpi(t.db, org, kpi("records_created_per_user"), Q1);
    expect(r.series.map((p) => p.value)).toEqual([2, 1.5, 0.5].map((v) => expect.closeTo(v, 10)));
    expect(r.previous.value).toBeCloseTo(1, 10);
  });

  it("team T (U1, U2): created 6 / 2 = 3; updated 2 / 2 = 1", async () => {
    expect(await value("records_created_per_user", { teamId: team })).toBeCloseTo(3, 10);
    expect(await value("records_updated_per_user", { teamId: team })).toBeCloseTo(1, 10);
  });

  it("an empty period: 0 active users; per-user ratios null with a reason", async () => {
    expect(await value("active_users", {}, EMPTY)).toBe(0);
    const r = await computeKpi(t.db, org, kpi("records_created_per_user"), EMPTY);
    expect(r.current).toEqual({ value: null, reason: "no records created or updated in period" });
  });
});

describe("data quality KPIs (hand-computed, snapshots at the end of each bucket)", () => {
  // at Apr 1: A1 3, A2 0, C1 3, C2 1, C3 2, C4 2, C7 0, L1 3, L2 0 = 14 filled of 9 records × 3 = 27 fields
  it("data completeness at Apr 1 = 14 / 27 × 100; month ends Feb 1 (A1, C1, C2, L1) 10 / 12, Mar 1 (+A2, C3) 12 / 18; Jan 1 (A1) 3 / 3", async () => {
    const r = await computeKpi(t.db, org, kpi("data_completeness"), Q1);
    expect(r.current.value).toBeCloseTo((14 / 27) * 100, 10);
    expect(r.series.map((p) => p.value)).toEqual([10 / 12, 12 / 18, 14 / 27].map((v) => expect.closeTo(v * 100, 10)));
    expect(r.previous.value).toBeCloseTo(100, 10);
    expect(r.improved).toBe(false);
  });

  it("data completeness of owner U1's records (A1, C1, L1) = 9 / 9 = 100%; before any record -> null with a reason", async () => {
    expect(await value("data_completeness", { ownerId: u.U1 })).toBeCloseTo(100, 10);
    expect((await computeKpi(t.db, org, kpi("data_completeness"), EMPTY)).current).toEqual({ value: null, reason: "no accounts, contacts or leads" });
  });

  it("data completeness drill-down: records missing key fields at Apr 1, with what is missing", async () => {
    const d = await drillDown(t.db, org, kpi("data_completeness"), Q1.current, {}, { offset: 0, limit: 20 });
    expect(d.rows.map((r) => [r.entityType, r.name, r.missing])).toEqual([
      ["Account", "A2", "segment, industry, owner"],
      ["Contact", "C2 Contact", "phone, account"],
      ["Contact", "C3 Contact", "phone"],
      ["Contact", "C4 Contact", "email"],
      ["Contact", "C7 Contact", "email, phone, account"],
      ["Lead", "L2 Lead", "email, source, owner"],
    ]);
  });

  // contacts with an email at Apr 1: C1 a@x.com, C2 "A@X.com " -> a@x.com, C3 b@x.com (C4 none, C7 blank, C5 deleted, C6 later)
  it("duplicate rate at Apr 1 = (C1, C2) 2 / 3 × 100; Feb 1 (C1, C2) 2 / 2 = 100%; Mar 1 2 / 3; Jan 1 none -> null", async () => {
    const r = await computeKpi(t.db, org, kpi("duplicate_rate"), Q1);
    expect(r.current.value).toBeCloseTo((2 / 3) * 100, 10);
    expect(r.series.map((p) => p.value)).toEqual([100, (2 / 3) * 100, (2 / 3) * 100].map((v) => expect.closeTo(v, 10)));
    expect(r.previous).toEqual({ value: null, reason: "no contacts with an email" });
  });

  it("duplicate rate at May 1: C6 (Apr 5, b@x.com) duplicates C3 -> 4 / 4 = 100%; owner U1 (C1, shared with unowned C2) -> 1 / 1", async () => {
    const april = resolvePeriod({ start: utc(2026, 3, 1), end: utc(2026, 4, 1) });
    expect(await value("duplicate_rate", {}, april)).toBeCloseTo(100, 10);
    expect(await value("duplicate_rate", { ownerId: u.U1 })).toBeCloseTo(100, 10);
    expect(await value("duplicate_rate", { ownerId: u.U2 })).toBeNull(); // U2 owns no contact
  });

  it("duplicate drill-down: C1 and C2 share a@x.com", async () => {
    const d = await drillDown(t.db, org, kpi("duplicate_rate"), Q1.current, {}, { offset: 0, limit: 10 });
    expect(d.total).toBe(2);
    expect(d.rows.map((r) => [r.key, r.name, r.n])).toEqual([["a@x.com", "C1 Contact", 2], ["a@x.com", "C2 Contact", 2]]);
  });

  it("refuses filters that do not apply", async () => {
    await expect(computeKpi(t.db, org, kpi("duplicate_rate"), Q1, { channel: "EMAIL" })).rejects.toThrow(/filters.channel: does not apply/);
  });

  it("has one definition per id, all in the adoption family", () => {
    expect(adoptionKpis.map((k) => k.id)).toEqual(["active_users", "logins", "logins_per_user", "records_created_per_user", "records_updated_per_user", "data_completeness", "duplicate_rate"]);
    expect(adoptionKpis.every((k) => k.family === "adoption")).toBe(true);
  });
});
