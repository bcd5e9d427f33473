// The audit log: each record mutation leaves exactly one row (who, what, when, old -> new); the CRM manager
// reads it with filters and pages; nobody can change it (there is no procedure that would).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { appRouter } from "@/server/api/root";
import { createTestDb, type TestDb } from "./db";
import { ALPHA_SECRET, callerAs, createFixtures, type Fixtures } from "./fixtures";

let t: TestDb;
let f: Fixtures;
let dealId: string;

beforeAll(async () => {
  t = await createTestDb();
  f = await createFixtures(t.db);
  const rep = callerAs(t.db, f.alpha, "SALES_REP");
  dealId = (await rep.records.create({ type: "deals", data: { name: "Audited deal", amount: 500 } })).id;
  await rep.records.update({ type: "deals", id: dealId, data: { name: "Audited deal v2" } });
  await callerAs(t.db, f.alpha, "SALES_MANAGER").records.delete({ type: "deals", id: dealId });
  await callerAs(t.db, f.beta, "SALES_REP").records.create({ type: "accounts", data: { name: "Beta only" } });
});
afterAll(async () => {
  await t?.close();
});

describe("audit log", () => {
  it("has one row per mutation, with who and old -> new", async () => {
    const rows = await t.db.auditLog.findMany({ where: { entityId: dealId }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.action, r.actorId])).toEqual([
      ["create", f.alpha.users.SALES_REP.userId],
      ["update", f.alpha.users.SALES_REP.userId],
      ["delete", f.alpha.users.SALES_MANAGER.userId],
    ]);
    expect(rows[1]!.changes).toEqual({ name: { from: "Audited deal", to: "Audited deal v2" } });
  });

  it("the CRM manager lists it newest first, filtered by person, type, action and dates", async () => {
    const api = callerAs(t.db, f.alpha, "CRM_MANAGER");
    const all = await api.audit.list({});
    expect(all.rows.length).toBeGreaterThanOrEqual(3);
    const times = all.rows.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.entityTypes).toContain("Deal");
    expect(all.people.map((p) => p.id)).toContain(f.alpha.users.SALES_REP.userId);

    const byRep = await api.audit.list({ actorId: f.alpha.users.SALES_REP.userId, entityType: "Deal" });
    expect(byRep.rows.map((r) => r.action).sort()).toEqual(["create", "update"]);
    expect(byRep.rows[0]!.actorName).toBe(f.alpha.users.SALES_REP.name);
    expect((await api.audit.list({ action: "delete" })).rows.map((r) => r.entityId)).toEqual([dealId]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await api.audit.list({ from: today, to: today })).total).toBe(all.total);
    expect((await api.audit.list({ to: "2000-01-01" })).total).toBe(0);

    const page = await api.audit.list({ pageSize: 1, page: 2 });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]!.id).toBe(all.rows[1]!.id);
    // only this organization's rows
    expect(JSON.stringify(all)).not.toContain("Beta only");
  });

  it("counts up to 1,000 entries and then says there are more (\"1,000+\"), and still pages on", async () => {
    const api = callerAs(t.db, f.alpha, "CRM_MANAGER");
    const today = new Date().toISOString().slice(0, 10);
    const before = (await api.audit.list({})).total;
    expect(before).toBeLessThan(100);
    // 1,001 import entries on 2001-01-01 (one a second): with the rows above, past the cap
    await t.db.$executeRawUnsafe(
      `INSERT INTO "AuditLog" ("organizationId", action, "entityType", "entityId", "createdAt")
       SELECT $1::uuid, 'import', 'Lead', 'bulk-' || i, timestamp '2001-01-01' + i * interval '1 second' FROM generate_series(1, 1001) i`,
      f.alpha.organizationId,
    );
    expect(await api.audit.list({})).toMatchObject({ total: 1_000, capped: true });
    expect(await api.audit.list({ from: "2001-01-01", to: "2001-01-01" })).toMatchObject({ total: 1_000, capped: true });
    // under the cap the count is exact
    expect(await api.audit.list({ from: today, to: today })).toMatchObject({ total: before, capped: false });
    expect(await api.audit.list({ from: "2002-01-01", to: "2002-12-31" })).toMatchObject({ total: 0, capped: false });
    // page 11 of 100 rows is past the cap: the count then reaches that page, exact, and the page is served
    const far = await api.audit.list({ page: 11, pageSize: 100 });
    expect(far).toMatchObject({ total: before + 1_001, capped: false });
    expect(far.rows).toHaveLength(before + 1);
    await t.db.$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE "organizationId" = $1::uuid AND "entityId" LIKE 'bulk-%'`, f.alpha.organizationId);
    expect((await api.audit.list({})).total).toBe(before);
  });

  it("offers the record types of its own organization's log, sorted, and no other organization's", async () => {
    await t.db.$executeRawUnsafe(`INSERT INTO "AuditLog" ("organizationId", action, "entityType", "entityId") VALUES ($1::uuid, 'create', 'OnlyBeta', 'x')`, f.beta.organizationId);
    await t.db.$executeRawUnsafe(`INSERT INTO "AuditLog" ("organizationId", action, "entityType", "entityId") VALUES ($1::uuid, 'create', 'Ticket', 'y'), ($1::uuid, 'update', 'Account', 'z'), ($1::uuid, 'update', 'Account', 'w')`, f.alpha.organizationId);
    const listed = (await callerAs(t.db, f.alpha, "CRM_MANAGER").audit.list({})).entityTypes;
    const expected = (await t.db.auditLog.findMany({ where: { organizationId: f.alpha.organizationId }, distinct: ["entityType"], select: { entityType: true }, orderBy: { entityType: "asc" } })).map((r) => r.entityType);
    expect(expected.length).toBeGreaterThan(2);
    expect(listed).toEqual(expected);
    expect(listed).not.toContain("OnlyBeta");
    expect((await callerAs(t.db, f.beta, "CRM_MANAGER").audit.list({})).entityTypes).toContain("OnlyBeta");
  });

  it("refuses bad filters with a message naming them", async () => {
    const api = callerAs(t.db, f.alpha, "CRM_MANAGER");
    await expect(api.audit.list({ from: "2026-02-01", to: "2026-01-01" })).rejects.toThrow("to: the end date is before the start date.");
    await expect(api.audit.list({ from: "01/02/2026" })).rejects.toThrow("From must be a date (YYYY-MM-DD).");
    await expect(api.audit.list({ pageSize: 1000 })).rejects.toThrow("pageSize is at most 100.");
  });

  it("is readable only by the CRM manager, and Beta's manager sees none of Alpha's rows", async () => {
    for (const role of ["SALES_MANAGER", "SUPPORT_MANAGER", "SALES_REP", "SUPPORT_AGENT"] as const) {
      const r = await callerAs(t.db, f.alpha, role).audit.list({}).catch((e: TRPCError) => e.code);
      expect(r, role).toBe("FORBIDDEN");
    }
    const beta = await callerAs(t.db, f.beta, "CRM_MANAGER").audit.list({ entityType: "Deal" });
    expect(beta.rows).toEqual([]);
    expect(JSON.stringify(beta)).not.toContain(ALPHA_SECRET);
  });

  it("cannot be changed through the API: its only procedure is the list", () => {
    const paths = Object.keys(appRouter._def.procedures as object).filter((p) => p.startsWith("audit."));
    expect(paths).toEqual(["audit.list"]);
  });
});
