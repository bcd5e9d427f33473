// Records on a real database: each type's create/update/delete/restore and the audit rows they write
// (old -> new), who may see and change which rows, refused input that changes nothing, search, sort,
// pagination, and the CSV export with the list's filters and formula-injection escaping.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { RECORD_TYPES, type RecordType } from "@/server/records/definition";
import { exportRecords, readAll } from "@/server/records/export";
import { createTestDb, type TestDb } from "./db";
import { ALPHA_SECRET, callerAs, callerFor, createFixtures, fingerprint, fixturePasswordHash, type Fixtures, type OrgFixture } from "./fixtures";
import type { Role } from "@/server/auth/permissions";

let t: TestDb;
let f: Fixtures;
let rep2: { userId: string; organizationId: string };
let alphaCampaignId: string;

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}
async function message(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

beforeAll(async () => {
  t = await createTestDb();
  f = await createFixtures(t.db);
  // a second rep in Alpha: owns nothing of the first rep's
  const u = await t.db.user.create({ data: { email: `rep2-${f.run}@alpha.test`, name: "Second rep", passwordHash: await fixturePasswordHash() } });
  await t.db.membership.create({ data: { organizationId: f.alpha.organizationId, userId: u.id, role: "SALES_REP", teamId: f.alpha.teamId } });
  rep2 = { userId: u.id, organizationId: f.alpha.organizationId };
  alphaCampaignId = (await t.db.campaign.create({ data: { organizationId: f.alpha.organizationId, name: `${ALPHA_SECRET} Spring`, channel: "email", startDate: new Date("2026-03-01") } })).id;
});
afterAll(async () => {
  await t?.close();
});

/** Per type: who creates it, valid create data, an update, and what the update changes (old -> new). */
function samples(org: OrgFixture): Record<RecordType, { role: Role; create: Record<string, unknown>; update: Record<string, unknown>; expect: Record<string, { from: unknown; to: unknown }> }> {
  return {
    accounts: { role: "SALES_REP", create: { name: "Acme", status: "PROSPECT", employees: "40" }, update: { name: "Acme Ltd", employees: 45, segment: "" }, expect: { name: { from: "Acme", to: "Acme Ltd" }, employees: { from: 40, to: 45 } } },
    contacts: { role: "SALES_REP", create: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.test", accountId: org.accountIds[0] }, update: { email: "ada@new.test" }, expect: { email: { from: "ada@example.test", to: "ada@new.test" } } },
    // a lead's score is computed by the scoring model (not editable); its behaviour counts are
    leads: { role: "SALES_MANAGER", create: { firstName: "Lin", lastName: "Lead", source: "web", websiteVisits: 10 }, update: { emailOpens: 55, source: "referral" }, expect: { emailOpens: { from: 0, to: 55 }, source: { from: "web", to: "referral" } } },
    deals: { role: "SALES_REP", create: { name: "Big deal", amount: "1200.50", accountId: org.accountIds[0] }, update: { amount: 1300, type: "RENEWAL" }, expect: { amount: { from: 1200.5, to: 1300 }, type: { from: "NEW", to: "RENEWAL" } } },
    activities: { role: "SALES_REP", create: { subject: "Call Acme", type: "CALL", dealId: org.dealIds[0], dueAt: "2026-05-01" }, update: { doneAt: "2026-05-02" }, expect: { doneAt: { from: null, to: "2026-05-02T00:00:00.000Z" } } },
    campaigns: { role: "SALES_MANAGER", create: { name: "Autumn push", channel: "social", budget: "5000", startDate: "2026-09-01" }, update: { actualCost: "4200.25" }, expect: { actualCost: { from: 0, to: 4200.25 } } },
    costs: { role: "SALES_MANAGER", create: { kind: "MARKETING", category: "Ads", amount: 900, periodStart: "2026-01-01", periodEnd: "2026-01-31" }, update: { amount: 950 }, expect: { amount: { from: 900, to: 950 } } },
    purchases: { role: "CRM_MANAGER", create: { accountId: org.accountIds[0], purchasedAt: "2026-02-10", amount: 300, invoiceNumber: "INV-1" }, update: { isRenewal: true }, expect: { isRenewal: { from: false, to: true } } },
    tickets: { role: "SUPPORT_AGENT", create: { subject: "Printer on fire", channel: "PHONE", priority: "HIGH" }, update: { priority: "URGENT", category: "hardware" }, expect: { priority: { from: "HIGH", to: "URGENT" }, category: { from: null, to: "hardware" } } },
  };
}

const auditRows = (entityId: string) => t.db.auditLog.findMany({ where: { entityId }, orderBy: { createdAt: "asc" } });

describe.each([...RECORD_TYPES])("%s: create, update, delete, restore write the audit log", (type) => {
  it("records each mutation with who, what and old -> new values", async () => {
    const s = samples(f.alpha)[type];
    const api = callerAs(t.db, f.alpha, s.role);
    const actor = f.alpha.users[s.role].userId;

    const { id } = await api.records.create({ type, data: s.create });
    let log = await auditRows(id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: "create", actorId: actor, organizationId: f.alpha.organizationId });
    const created = log[0]!.changes as Record<string, { from: unknown; to: unknown }>;
    const firstKey = Object.keys(s.create)[0]!;
    expect(created[firstKey]).toEqual({ from: null, to: s.create[firstKey] });

    const res = await api.records.update({ type, id, data: s.update });
    expect(res.changed).toBe(true);
    log = await auditRows(id);
    expect(log).toHaveLength(2);
    expect(log[1]).toMatchObject({ action: "update", actorId: actor });
    expect(log[1]!.changes).toEqual(s.expect);

    // the same update again changes nothing and writes nothing
    expect((await api.records.update({ type, id, data: s.update })).changed).toBe(false);
    expect(await auditRows(id)).toHaveLength(2);

    await api.records.delete({ type, id });
    log = await auditRows(id);
    expect(log.map((l) => l.action)).toEqual(["create", "update", "delete"]);
    const list = await api.records.list({ type, pageSize: 100 });
    expect(list.rows.map((r) => r.id)).not.toContain(id);

    // a manager of the family (or the CRM manager) sees it among the deleted ones and restores it
    const manager = callerAs(t.db, f.alpha, type === "tickets" ? "SUPPORT_MANAGER" : "SALES_MANAGER");
    expect((await manager.records.list({ type, deleted: true, pageSize: 100 })).rows.map((r) => r.id)).toContain(id);
    await manager.records.restore({ type, id });
    expect((await auditRows(id)).map((l) => l.action)).toEqual(["create", "update", "delete", "restore"]);
    expect((await api.records.get({ type, id })).history.map((h) => h.action)).toEqual(["restore", "delete", "update", "create"]);
  });
});

describe("who sees and changes which records", () => {
  it("staff see only their own rows, in lists and by id, and cannot change another's", async () => {
    const other = callerFor(t.db, rep2);
    const list = await other.records.list({ type: "deals", pageSize: 100 });
    expect(list.rows.map((r) => r.id)).not.toContain(f.alpha.dealIds[0]);
    expect(await code(other.records.get({ type: "deals", id: f.alpha.dealIds[0]! }))).toBe("NOT_FOUND");
    const before = await fingerprint(t.db, f.alpha.organizationId);
    expect(await code(other.records.update({ type: "deals", id: f.alpha.dealIds[0]!, data: { name: "Stolen" } }))).toBe("NOT_FOUND");
    expect(await code(other.records.delete({ type: "deals", id: f.alpha.dealIds[0]! }))).toBe("NOT_FOUND");
    // nor hand a record to someone else, nor filter their way into another's rows
    expect(await code(other.records.create({ type: "accounts", data: { name: "Gift", ownerId: f.alpha.users.SALES_REP.userId } }))).toBe("BAD_REQUEST");
    expect((await other.records.list({ type: "deals", filters: { ownerId: f.alpha.users.SALES_REP.userId } })).total).toBe(0);
    expect(await fingerprint(t.db, f.alpha.organizationId)).toBe(before);
    // what they create is theirs
    const { id } = await other.records.create({ type: "accounts", data: { name: "Mine" } });
    expect((await other.records.get({ type: "accounts", id })).record.values.ownerId).toBe(rep2.userId);
  });

  it("staff cannot open record types without an owner, nor see deleted rows", async () => {
    const rep = callerAs(t.db, f.alpha, "SALES_REP");
    expect(await code(rep.records.list({ type: "campaigns" }))).toBe("FORBIDDEN");
    expect(await code(rep.records.get({ type: "campaigns", id: alphaCampaignId }))).toBe("FORBIDDEN");
    expect(await code(rep.records.list({ type: "deals", deleted: true }))).toBe("FORBIDDEN");
  });

  it("a manager of the other family is refused", async () => {
    const support = callerAs(t.db, f.alpha, "SUPPORT_MANAGER");
    const sales = callerAs(t.db, f.alpha, "SALES_MANAGER");
    expect(await code(support.records.get({ type: "deals", id: f.alpha.dealIds[0]! }))).toBe("FORBIDDEN");
    expect(await code(support.records.update({ type: "accounts", id: f.alpha.accountIds[0]!, data: { name: "x" } }))).toBe("FORBIDDEN");
    expect(await code(sales.records.update({ type: "tickets", id: f.alpha.ticketIds[0]!, data: { priority: "LOW" } }))).toBe("FORBIDDEN");
    expect(await code(sales.records.list({ type: "tickets" }))).toBe("FORBIDDEN");
    // tasks: a ticket's task belongs to support, a deal's to sales
    const agent = callerAs(t.db, f.alpha, "SUPPORT_AGENT");
    const { id: ticketTask } = await agent.records.create({ type: "activities", data: { subject: "Call back", type: "CALL", ticketId: f.alpha.ticketIds[0] } });
    expect(await code(sales.records.get({ type: "activities", id: ticketTask }))).toBe("NOT_FOUND");
    expect((await support.records.get({ type: "activities", id: ticketTask })).record.id).toBe(ticketTask);
    expect(await code(support.records.get({ type: "activities", id: f.alpha.activityIds[0]! }))).toBe("NOT_FOUND");
  });

  it("another organization cannot read, change or delete Alpha's records by id, for any type", async () => {
    const alphaCrm = callerAs(t.db, f.alpha, "CRM_MANAGER");
    const cost = await alphaCrm.records.create({ type: "costs", data: { kind: "SALES", category: "Salaries", amount: 1, periodStart: "2026-01-01", periodEnd: "2026-01-31" } });
    const purchase = await alphaCrm.records.create({ type: "purchases", data: { accountId: f.alpha.accountIds[0], purchasedAt: "2026-01-05", amount: 10 } });
    const ids: Record<RecordType, string> = {
      accounts: f.alpha.accountIds[0]!, contacts: f.alpha.contactIds[0]!, leads: f.alpha.leadIds[0]!, deals: f.alpha.dealIds[0]!,
      activities: f.alpha.activityIds[0]!, campaigns: alphaCampaignId, costs: cost.id, purchases: purchase.id, tickets: f.alpha.ticketIds[0]!,
    };
    const beta = callerAs(t.db, f.beta, "CRM_MANAGER");
    const before = await fingerprint(t.db, f.alpha.organizationId);
    for (const type of RECORD_TYPES) {
      expect(await code(beta.records.get({ type, id: ids[type] })), type).toBe("NOT_FOUND");
      expect(await code(beta.records.update({ type, id: ids[type], data: {} })), type).toBe("NOT_FOUND");
      expect(await code(beta.records.delete({ type, id: ids[type] })), type).toBe("NOT_FOUND");
      expect(await code(beta.records.restore({ type, id: ids[type] })), type).toBe("NOT_FOUND");
      expect(JSON.stringify(await beta.records.list({ type, pageSize: 100 }))).not.toContain(ALPHA_SECRET);
    }
    // nor link its records to Alpha's
    expect(await code(beta.records.create({ type: "contacts", data: { firstName: "a", lastName: "b", accountId: f.alpha.accountIds[0] } }))).toBe("BAD_REQUEST");
    expect(await code(beta.records.create({ type: "accounts", data: { name: "b", ownerId: f.alpha.users.SALES_REP.userId } }))).toBe("BAD_REQUEST");
    expect(await fingerprint(t.db, f.alpha.organizationId)).toBe(before);
  });
});

describe("bad input: a clear message naming the field, nothing changed", () => {
  it("refuses invalid values, read-only fields and unknown fields", async () => {
    const api = callerAs(t.db, f.alpha, "SALES_MANAGER");
    const before = await fingerprint(t.db, f.alpha.organizationId);
    const msg = await message(api.records.create({ type: "deals", data: { name: " ", amount: "12abc" } }));
    expect(msg).toContain("name: Name is required.");
    expect(msg).toContain("amount: Amount must be a number.");
    expect(await message(api.records.create({ type: "deals", data: {} }))).toBe("name: Name is required.; amount: Amount is required.");
    expect(await message(api.records.create({ type: "deals", data: { name: "x", amount: "1.234" } }))).toContain("amount: Amount can have at most 2 decimals.");
    expect(await message(api.records.create({ type: "accounts", data: { name: "x", status: "GONE" } }))).toContain("status: Status must be one of PROSPECT, ACTIVE, CHURNED.");
    expect(await message(api.records.create({ type: "contacts", data: { firstName: "a", lastName: "b", email: "not-an-email" } }))).toContain("email: Email must be a valid email address.");
    expect(await message(api.records.create({ type: "campaigns", data: { name: "c", channel: "x", startDate: "2026-05-01", endDate: "2026-04-01" } }))).toBe("endDate: Ends cannot be before Starts.");
    expect(await message(api.records.create({ type: "campaigns", data: { name: `${ALPHA_SECRET} Spring`, channel: "x", startDate: "2026-05-01" } }))).toContain("name: a campaign named");
    expect(await message(api.records.create({ type: "deals", data: { name: "x", amount: 1, accountId: "00000000-0000-4000-8000-000000000000" } }))).toBe("accountId: no such account in this organization.");
    // the stage moves only on the pipeline board; a ticket's dates only through its actions; leads convert through "Convert to deal"
    expect(await message(api.records.update({ type: "deals", id: f.alpha.dealIds[0]!, data: { stageId: f.alpha.wonStageId } }))).toBe("stageId: Stage cannot be changed here.");
    expect(await message(api.records.update({ type: "leads", id: f.alpha.leadIds[0]!, data: { status: "CONVERTED" } }))).toContain("status: Status must be one of NEW, CONTACTED, QUALIFIED, NURTURE, LOST.");
    expect(await message(api.records.update({ type: "deals", id: f.alpha.dealIds[0]!, data: { colour: "red" } }))).toBe('colour: Deals have no field "colour".');
    expect(await message(api.records.update({ type: "deals", id: f.alpha.dealIds[0]!, data: { name: "" } }))).toBe("name: Name is required.");
    const support = callerAs(t.db, f.alpha, "SUPPORT_MANAGER");
    expect(await message(support.records.update({ type: "tickets", id: f.alpha.ticketIds[0]!, data: { resolvedAt: "2026-01-01" } }))).toBe("resolvedAt: Resolved cannot be changed here.");
    expect(await code(api.records.list({ type: "deals", sort: "secret" }))).toBe("BAD_REQUEST");
    expect(await code(api.records.list({ type: "deals", filters: { name: "x" } }))).toBe("BAD_REQUEST");
    expect(await code(api.records.list({ type: "deals", filters: { status: "MAYBE" } }))).toBe("BAD_REQUEST");
    expect(await code(api.records.list({ type: "deals", pageSize: 101 }))).toBe("BAD_REQUEST");
    expect(await fingerprint(t.db, f.alpha.organizationId)).toBe(before);
  });

  it("dates a lead marked lost, and clears the date when it is reopened", async () => {
    const api = callerAs(t.db, f.alpha, "SALES_MANAGER");
    const { id } = await api.records.create({ type: "leads", data: { firstName: "L", lastName: "Lost", source: "web" } });
    await api.records.update({ type: "leads", id, data: { status: "LOST" } });
    expect((await api.records.get({ type: "leads", id })).record.values.lostAt).toBeInstanceOf(Date);
    await api.records.update({ type: "leads", id, data: { status: "NURTURE" } });
    expect((await api.records.get({ type: "leads", id })).record.values.lostAt).toBeNull();
  });

  it("a new deal starts in the first open stage with its first stage-history row", async () => {
    const api = callerAs(t.db, f.alpha, "SALES_REP");
    const { id } = await api.records.create({ type: "deals", data: { name: "Staged", amount: 10 } });
    const deal = await t.db.deal.findUniqueOrThrow({ where: { id } });
    expect(deal).toMatchObject({ stageId: f.alpha.stageIds[0], status: "OPEN", ownerId: f.alpha.users.SALES_REP.userId });
    const changes = await t.db.dealStageChange.findMany({ where: { dealId: id } });
    expect(changes).toMatchObject([{ fromStageId: null, toStageId: f.alpha.stageIds[0] }]);
  });
});

describe("lists: search, filters, sort, pages", () => {
  it("searches case-insensitively with % and _ taken literally", async () => {
    const api = callerAs(t.db, f.alpha, "SALES_MANAGER");
    for (const name of ["100% Club", "1000 Club", "a_b Trading", "axb Trading"]) await api.records.create({ type: "accounts", data: { name } });
    expect((await api.records.list({ type: "accounts", q: "100%" })).rows.map((r) => r.values.name)).toEqual(["100% Club"]);
    expect((await api.records.list({ type: "accounts", q: "A_B" })).rows.map((r) => r.values.name)).toEqual(["a_b Trading"]);
  });

  it("filters, sorts and pages on the server with a total", async () => {
    const api = callerAs(t.db, f.alpha, "CRM_MANAGER");
    const all = await api.records.list({ type: "deals", sort: "amount", dir: "desc", pageSize: 100 });
    const amounts = all.rows.map((r) => r.values.amount as number);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const p1 = await api.records.list({ type: "deals", sort: "amount", dir: "desc", pageSize: 2, page: 1 });
    const p2 = await api.records.list({ type: "deals", sort: "amount", dir: "desc", pageSize: 2, page: 2 });
    expect(p1.total).toBe(all.total);
    expect([...p1.rows, ...p2.rows].map((r) => r.id)).toEqual(all.rows.slice(0, 4).map((r) => r.id));
    const won = await api.records.list({ type: "deals", filters: { status: "WON" } });
    expect(won.rows.length).toBeGreaterThan(0);
    expect(won.rows.every((r) => r.values.status === "WON")).toBe(true);
    // names of linked records come with the rows
    const d = won.rows.find((r) => r.id === f.alpha.dealIds[2]);
    expect(d?.labels.accountId).toBe(`${ALPHA_SECRET} Account 3`);
    expect(d?.labels.ownerId).toBe(f.alpha.users.SALES_REP.name);
  });

  it("names every linked record of a page, of every type, as the per-type lookup does (one statement for all)", async () => {
    let checked = 0;
    for (const type of RECORD_TYPES) {
      const page = await callerAs(t.db, f.alpha, "CRM_MANAGER").records.list({ type, pageSize: 100 }).catch(() => null);
      if (!page?.rows.length) continue;
      for (const key of Object.keys(page.rows[0]!.labels)) {
        // the expected names, by the SQL each type's name is made of
        for (const r of page.rows) {
          const id = r.values[key];
          if (typeof id !== "string") expect(r.labels[key]).toBeNull();
          else {
            expect(r.labels[key], `${type}.${key}`).toBe(await expectedName(id));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe("record history", () => {
  it("names the linked records a change moved between, and nothing for a value that is not an id", async () => {
    const api = callerAs(t.db, f.alpha, "CRM_MANAGER");
    const [a1, a2] = [f.alpha.accountIds[0]!, f.alpha.accountIds[1]!];
    const deal = (await api.records.create({ type: "deals", data: { name: "History names", amount: 10 } })).id;
    await api.records.update({ type: "deals", id: deal, data: { accountId: a1 } });
    await api.records.update({ type: "deals", id: deal, data: { accountId: a2 } });
    // an audit entry whose linked value is not an id (e.g. written by an older version)
    await t.db.auditLog.create({ data: { organizationId: f.alpha.organizationId, action: "update", entityType: "Deal", entityId: deal, changes: { accountId: { from: "legacy-42", to: a2 } } } });
    const got = await api.records.get({ type: "deals", id: deal });
    expect(got.historyLabels[a1]).toBe(await expectedName(a1));
    expect(got.historyLabels[a2]).toBe(await expectedName(a2));
    expect(got.historyLabels["legacy-42"]).toBeUndefined();
  });
});

/** The display name of a record of any type, looked up the slow way (which table holds the id). */
async function expectedName(id: string): Promise<string | null> {
  const [row] = await t.db.$queryRawUnsafe<{ label: string }[]>(
    `SELECT label FROM (
       SELECT name AS label FROM "User" WHERE id = $1::uuid
       UNION ALL SELECT name FROM "Account" WHERE id = $1::uuid
       UNION ALL SELECT name FROM "Campaign" WHERE id = $1::uuid
       UNION ALL SELECT name FROM "Deal" WHERE id = $1::uuid
       UNION ALL SELECT name FROM "PipelineStage" WHERE id = $1::uuid
       UNION ALL SELECT subject FROM "Ticket" WHERE id = $1::uuid
       UNION ALL SELECT concat_ws(' ', NULLIF("firstName", ''), NULLIF("lastName", '')) FROM "Contact" WHERE id = $1::uuid
       UNION ALL SELECT concat_ws(' ', NULLIF("firstName", ''), NULLIF("lastName", '')) || COALESCE(' (' || NULLIF(company, '') || ')', '') FROM "Lead" WHERE id = $1::uuid) x`,
    id,
  );
  return row?.label ?? null;
}

describe("CSV export", () => {
  const who = (org: OrgFixture, role: Role) => ({ userId: org.users[role].userId, organizationId: org.organizationId });

  it("exports the whole filtered list with a header and escapes formula cells", async () => {
    const api = callerAs(t.db, f.alpha, "SALES_MANAGER");
    await api.records.create({ type: "accounts", data: { name: '=HYPERLINK("http://evil.test","Click")', status: "ACTIVE", industry: "@risk" } });
    await api.records.create({ type: "accounts", data: { name: "Prospect Only Ltd", status: "PROSPECT" } });
    const r = await exportRecords(t.db, who(f.alpha, "SALES_MANAGER"), "accounts", new URLSearchParams({ status: "ACTIVE", sort: "name" }));
    expect(r.status).toBe(200);
    if (r.status !== 200) return;
    const csv = await readAll(r.body);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("ID,Name,Status,Segment,Industry,Employees,Website,Customer since,Churned on,Owner,Campaign,Created,Deleted at");
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.test"",""Click"")",ACTIVE,,'@risk`);
    expect(csv).not.toContain("Prospect Only Ltd");
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    const active = await api.records.list({ type: "accounts", filters: { status: "ACTIVE" }, pageSize: 100 });
    expect(lines).toHaveLength(active.total + 1);
  });

  it("applies the caller's scope and refuses who may not export", async () => {
    const rep = await exportRecords(t.db, who(f.alpha, "SALES_REP"), "deals", new URLSearchParams());
    expect(rep.status).toBe(200);
    if (rep.status === 200) {
      const csv = await readAll(rep.body);
      const repDeals = await t.db.deal.count({ where: { organizationId: f.alpha.organizationId, ownerId: f.alpha.users.SALES_REP.userId, deletedAt: null } });
      expect(csv.trimEnd().split("\r\n")).toHaveLength(repDeals + 1);
    }
    expect((await exportRecords(t.db, null, "deals", new URLSearchParams())).status).toBe(401);
    expect((await exportRecords(t.db, who(f.alpha, "SUPPORT_AGENT"), "deals", new URLSearchParams())).status).toBe(403);
    expect((await exportRecords(t.db, who(f.alpha, "SALES_REP"), "deals", new URLSearchParams({ deleted: "1" }))).status).toBe(403);
    expect((await exportRecords(t.db, who(f.alpha, "SALES_MANAGER"), "nope", new URLSearchParams())).status).toBe(404);
    expect((await exportRecords(t.db, who(f.alpha, "SALES_MANAGER"), "deals", new URLSearchParams({ sort: "secret" }))).status).toBe(400);
    expect((await exportRecords(t.db, who(f.alpha, "SALES_MANAGER"), "deals", new URLSearchParams({ from: "yesterday" }))).status).toBe(400);
    // a member of Beta claiming Alpha's organization, and Beta's own export
    expect((await exportRecords(t.db, { userId: f.beta.users.CRM_MANAGER.userId, organizationId: f.alpha.organizationId }, "deals", new URLSearchParams())).status).toBe(403);
    const beta = await exportRecords(t.db, who(f.beta, "CRM_MANAGER"), "deals", new URLSearchParams());
    if (beta.status !== 200) throw new Error("beta export refused");
    const csv = await readAll(beta.body);
    expect(csv).not.toContain(ALPHA_SECRET);
    for (const id of f.alpha.dealIds) expect(csv).not.toContain(id);
  });
});

describe("list counts are capped", () => {
  it("past 1,000 rows a list says 1,000+ (capped) and still pages on; the page asked for is always counted", async () => {
    const org = f.beta.organizationId;
    await t.db.$executeRawUnsafe(`INSERT INTO "Account" ("organizationId", name, status) SELECT $1::uuid, 'Bulk ' || i, 'PROSPECT' FROM generate_series(1, 1050) i`, org);
    try {
      const api = callerAs(t.db, f.beta, "CRM_MANAGER");
      const exact = await api.records.list({ type: "accounts", q: "Bulk 100" }); // Bulk 100, 1000..1009
      expect(exact).toMatchObject({ total: 11, capped: false });
      const first = await api.records.list({ type: "accounts", pageSize: 25 });
      expect(first).toMatchObject({ total: 1_000, capped: true });
      expect(first.rows).toHaveLength(25);
      // the last page (rows 1,001-1,100 asked for): counted exactly, since the count reaches the page asked for
      const all = await t.db.account.count({ where: { organizationId: org, deletedAt: null } });
      expect(all).toBeGreaterThan(1_050);
      expect(all).toBeLessThan(1_100);
      const far = await api.records.list({ type: "accounts", pageSize: 100, page: 11 });
      expect(far).toMatchObject({ total: all, capped: false });
      expect(far.rows).toHaveLength(all - 1_000);
    } finally {
      await t.db.$executeRawUnsafe(`DELETE FROM "Account" WHERE "organizationId" = $1::uuid AND name LIKE 'Bulk %'`, org);
    }
  }, 120_000);
});
