// Data-quality view and merges on a real database: completeness per field agrees with the data-completeness
// KPI, duplicate groups follow the duplicate-rate KPI's rule, and a merge moves every child to the record kept,
// soft-deletes the others, is audited, and moves the duplicate-rate KPI.
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
async function kpi(id: string) {
  return (await callerAs(t.db, f.alpha, "CRM_MANAGER").kpi.get({ kpiId: id, period })).kpi.current.value;
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
const crm = () => callerAs(t.db, f.alpha, "CRM_MANAGER").dataQuality;

describe("dataQuality.getOverview", () => {
  it("completeness per field, counted by hand, and its overall share equals the data-completeness KPI", async () => {
    await t.db.account.create({ data: { organizationId: org(), name: "Blank fields", segment: "  " } });
    const o = await crm().getOverview();
    const accounts = await t.db.account.findMany({ where: { organizationId: org(), deletedAt: null } });
    const acc = o.completeness.find((c) => c.entity === "Account")!;
    expect(acc.total).toBe(accounts.length);
    expect(acc.fields.find((x) => x.field === "segment")!.filled).toBe(accounts.filter((a) => a.segment?.trim()).length);
    expect(acc.fields.find((x) => x.field === "owner")!.filled).toBe(accounts.filter((a) => a.ownerId).length);
    const contacts = await t.db.contact.findMany({ where: { organizationId: org(), deletedAt: null } });
    const con = o.completeness.find((c) => c.entity === "Contact")!;
    expect(con.fields.find((x) => x.field === "phone")).toMatchObject({ filled: contacts.filter((c) => c.phone?.trim()).length, missing: contacts.filter((c) => !c.phone?.trim()).length });
    expect(o.overallCompleteness).toBeCloseTo((await kpi("data_completeness"))!, 6);
  });

  it("groups contacts sharing an email (any case and spaces), contacts with the same name in an account, accounts with the same name", async () => {
    const a1 = await t.db.account.create({ data: { organizationId: org(), name: "Globex  Corp" } });
    await t.db.account.create({ data: { organizationId: org(), name: "globex corp " } });
    await t.db.contact.createMany({
      data: [
        { organizationId: org(), firstName: "Dup", lastName: "One", email: `same-${f.run}@dup.test`, accountId: a1.id },
        { organizationId: org(), firstName: "Dup", lastName: "Two", email: ` SAME-${f.run}@dup.test ` },
        { organizationId: org(), firstName: "Hank", lastName: "Hill", accountId: a1.id },
        { organizationId: org(), firstName: "hank ", lastName: "hill", accountId: a1.id },
        { organizationId: org(), firstName: "Hank", lastName: "Hill" }, // no account: not the same person
      ],
    });
    const o = await crm().getOverview();
    const byKind = Object.fromEntries(o.duplicates.map((d) => [d.kind, d]));
    const emailGroup = byKind.contact_email!.groups.find((g) => g.key === `same-${f.run}@dup.test`)!;
    expect(emailGroup.records.map((r) => r.name).sort()).toEqual(["Dup One", "Dup Two"]);
    const hank = byKind.contact_name!.groups.find((g) => g.key.startsWith("hank hill|"))!;
    expect(hank.records).toHaveLength(2);
    const globex = byKind.account_name!.groups.find((g) => g.key === "globex corp")!;
    expect(globex.records).toHaveLength(2);
    // the duplicate-rate KPI counts the same email groups
    const withEmail = await t.db.contact.findMany({ where: { organizationId: org(), deletedAt: null, email: { not: null } }, select: { email: true } });
    const keys = withEmail.map((c) => c.email!.trim().toLowerCase()).filter(Boolean);
    const dupContacts = keys.filter((k) => keys.filter((x) => x === k).length > 1).length;
    expect(byKind.contact_email!.recordCount).toBe(dupContacts);
    expect(await kpi("duplicate_rate")).toBeCloseTo((dupContacts / keys.length) * 100, 6);
  });
});

describe("merges", () => {
  it("merges duplicate accounts: children move, blanks are filled, duplicates soft-deleted, audited, one customer", async () => {
    const day = 86_400_000;
    const keep = await t.db.account.create({ data: { organizationId: org(), name: "Initech", startDate: new Date(Date.now() - 10 * day), status: "ACTIVE" } });
    const dup = await t.db.account.create({ data: { organizationId: org(), name: "INITECH", segment: "SMB", industry: "Software", startDate: new Date(Date.now() - 40 * day), status: "ACTIVE" } });
    await t.db.contact.create({ data: { organizationId: org(), firstName: "Peter", lastName: "Gibbons", accountId: dup.id } });
    await t.db.deal.create({ data: { organizationId: org(), name: "Initech TPS", amount: 900, stageId: f.alpha.stageIds[0]!, accountId: dup.id } });
    await t.db.ticket.create({ data: { organizationId: org(), subject: "Stapler", channel: "PHONE", accountId: dup.id } });
    await t.db.purchase.create({ data: { organizationId: org(), accountId: dup.id, purchasedAt: new Date(), amount: 300 } });
    const customersBefore = await kpi("active_customers");

    const r = await crm().mergeAccounts({ survivorId: keep.id, duplicateIds: [dup.id] });
    expect(r.moved).toMatchObject({ contacts: 1, deals: 1, tickets: 1, purchases: 1 });
    const kept = await t.db.account.findUniqueOrThrow({ where: { id: keep.id } });
    expect(kept).toMatchObject({ name: "Initech", segment: "SMB", industry: "Software", deletedAt: null });
    expect(kept.startDate!.getTime()).toBe(dup.startDate!.getTime());
    expect((await t.db.account.findUniqueOrThrow({ where: { id: dup.id } })).deletedAt).not.toBeNull();
    for (const n of [t.db.contact.count({ where: { accountId: dup.id } }), t.db.deal.count({ where: { accountId: dup.id } }), t.db.ticket.count({ where: { accountId: dup.id } }), t.db.purchase.count({ where: { accountId: dup.id } })]) expect(await n).toBe(0);
    expect(await t.db.contact.count({ where: { accountId: keep.id } })).toBe(1);
    const audits = await t.db.auditLog.findMany({ where: { organizationId: org(), entityId: { in: [keep.id, dup.id] } }, select: { action: true, entityId: true, actorId: true } });
    expect(audits.map((a) => `${a.entityId === keep.id ? "keep" : "dup"}:${a.action}`).sort()).toEqual(["dup:delete", "keep:merge"]);
    expect(audits.every((a) => a.actorId === f.alpha.users.CRM_MANAGER.userId)).toBe(true);
    // two customer records were one customer
    expect(await kpi("active_customers")).toBe(customersBefore! - 1);
    // merging again: the duplicate is gone
    expect(await code(crm().mergeAccounts({ survivorId: keep.id, duplicateIds: [dup.id] }))).toBe("BAD_REQUEST");
  });

  it("merges duplicate contacts and the duplicate-rate KPI drops", async () => {
    const email = `merge-${f.run}@dup.test`;
    const keep = await t.db.contact.create({ data: { organizationId: org(), firstName: "Mia", lastName: "Merge", email } });
    const dup = await t.db.contact.create({ data: { organizationId: org(), firstName: "Mia", lastName: "Merge", email: email.toUpperCase(), phone: "+1 555 0100", emailOptInAt: new Date(Date.now() - 86_400_000) } });
    const tk = await t.db.ticket.create({ data: { organizationId: org(), subject: "Mia's ticket", channel: "EMAIL", contactId: dup.id } });
    const rateBefore = (await kpi("duplicate_rate"))!;
    await crm().mergeContacts({ survivorId: keep.id, duplicateIds: [dup.id] });
    expect(await t.db.contact.findUniqueOrThrow({ where: { id: keep.id } })).toMatchObject({ phone: "+1 555 0100", emailOptInAt: dup.emailOptInAt });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).contactId).toBe(keep.id);
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: dup.id } })).deletedAt).not.toBeNull();
    expect((await kpi("duplicate_rate"))!).toBeLessThan(rateBefore);
  });

  it("refuses bad merges (self, unknown, other organization) and changes nothing", async () => {
    const a = f.alpha.accountIds[1]!;
    const before = await t.db.account.findMany({ where: { organizationId: org() }, orderBy: { id: "asc" } });
    expect(await code(crm().mergeAccounts({ survivorId: a, duplicateIds: [a] }))).toBe("BAD_REQUEST");
    expect(await code(crm().mergeAccounts({ survivorId: a, duplicateIds: [f.beta.accountIds[0]!] }))).toBe("BAD_REQUEST");
    expect(await code(crm().mergeAccounts({ survivorId: f.beta.accountIds[0]!, duplicateIds: [a] }))).toBe("BAD_REQUEST");
    expect(await code(callerAs(t.db, f.alpha, "SALES_MANAGER").dataQuality.mergeAccounts({ survivorId: a, duplicateIds: [f.alpha.accountIds[2]!] }))).toBe("FORBIDDEN");
    expect(await t.db.account.findMany({ where: { organizationId: org() }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await t.db.account.count({ where: { organizationId: f.beta.organizationId, deletedAt: { not: null } } })).toBe(0);
  });
});
