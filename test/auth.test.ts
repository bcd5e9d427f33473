// Sign-in, sign-up, membership management and tenant scoping against a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { authenticate, BAD_CREDENTIALS, NO_MEMBERSHIP } from "@/server/auth/login";
import { tenantDb } from "@/server/db/tenant";
import { DEFAULT_PIPELINE_STAGES } from "@/server/org/defaults";
import { createTestDb, type TestDb } from "./db";
import { ALPHA_SECRET, PASSWORD, callerAs, callerFor, createFixtures, fixturePasswordHash, type Fixtures } from "./fixtures";

let t: TestDb;
let f: Fixtures;

beforeAll(async () => {
  t = await createTestDb();
  f = await createFixtures(t.db);
});
afterAll(async () => {
  await t?.close();
});

/** The TRPCError of a failing call (fails the test if the call succeeds or throws something else). */
async function trpcError(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error("expected the call to fail");
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the call to fail");
}

describe("authenticate()", () => {
  it("signs in with the right password, case-insensitive email, into the user's organization", async () => {
    const u = f.alpha.users.SALES_MANAGER;
    const who = await authenticate(t.db, { email: `  ${u.email.toUpperCase()} `, password: PASSWORD, ip: "10.0.0.1" });
    expect(who).toMatchObject({ userId: u.userId, email: u.email, organizationId: f.alpha.organizationId, role: "SALES_MANAGER", organizationName: f.alpha.name });
    const ev = await t.db.loginEvent.findFirst({ where: { email: u.email }, orderBy: { createdAt: "desc" } });
    expect(ev).toMatchObject({ success: true, userId: u.userId, organizationId: f.alpha.organizationId, ip: "10.0.0.1" });
  });

  it("gives the same message for a wrong password and an unknown email, and records both failures", async () => {
    const u = f.alpha.users.SALES_REP;
    const wrong = await rejection(authenticate(t.db, { email: u.email, password: "not-the-password" }));
    const unknown = await rejection(authenticate(t.db, { email: `nobody-${f.run}@nowhere.test`, password: PASSWORD }));
    expect(wrong.message).toBe("Email or password is incorrect.");
    expect(unknown.message).toBe(BAD_CREDENTIALS);
    const evWrong = await t.db.loginEvent.findFirst({ where: { email: u.email, success: false } });
    expect(evWrong).toMatchObject({ success: false, userId: u.userId, organizationId: null });
    const evUnknown = await t.db.loginEvent.findFirst({ where: { email: `nobody-${f.run}@nowhere.test` } });
    expect(evUnknown).toMatchObject({ success: false, userId: null });
  });

  it("refuses a user whose only membership is deactivated", async () => {
    const u = await t.db.user.create({ data: { email: `inactive-${f.run}@alpha.test`, name: "Inactive", passwordHash: await fixturePasswordHash() } });
    await t.db.membership.create({ data: { organizationId: f.alpha.organizationId, userId: u.id, role: "SALES_REP", active: false } });
    const e = await rejection(authenticate(t.db, { email: u.email, password: PASSWORD }));
    expect(e.message).toBe(NO_MEMBERSHIP);
    const ev = await t.db.loginEvent.findFirst({ where: { email: u.email } });
    expect(ev?.success).toBe(false);
  });

  it("picks the preferred organization for a member of two", async () => {
    const u = f.alpha.users.SUPPORT_AGENT;
    await t.db.membership.create({ data: { organizationId: f.beta.organizationId, userId: u.userId, role: "SUPPORT_MANAGER" } });
    const first = await authenticate(t.db, { email: u.email, password: PASSWORD });
    expect(first.organizationId).toBe(f.alpha.organizationId);
    const beta = await authenticate(t.db, { email: u.email, password: PASSWORD, organizationId: f.beta.organizationId });
    expect(beta).toMatchObject({ organizationId: f.beta.organizationId, role: "SUPPORT_MANAGER" });
    await t.db.membership.deleteMany({ where: { organizationId: f.beta.organizationId, userId: u.userId } });
  });
});

describe("auth.signUp", () => {
  const anon = () => callerFor(t.db, null);

  it("creates the user, the organization, a CRM manager membership and the default pipeline", async () => {
    const email = `founder-${f.run}@new.test`;
    const r = await anon().auth.signUp({ name: "Founder", email: email.toUpperCase(), password: "long-enough-1", organizationName: "New Co" });
    const user = await t.db.user.findUnique({ where: { email } });
    expect(user?.id).toBe(r.userId);
    const org = await t.db.organization.findUnique({ where: { id: r.organizationId } });
    expect(org?.name).toBe("New Co");
    const ms = await t.db.membership.findMany({ where: { organizationId: r.organizationId } });
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({ userId: r.userId, role: "CRM_MANAGER", active: true });
    const stages = await t.db.pipelineStage.findMany({ where: { organizationId: r.organizationId }, orderBy: { position: "asc" } });
    expect(stages.map((s) => s.name)).toEqual(DEFAULT_PIPELINE_STAGES.map((s) => s.name));
    // and the new account can sign in
    const who = await authenticate(t.db, { email, password: "long-enough-1" });
    expect(who).toMatchObject({ organizationId: r.organizationId, role: "CRM_MANAGER" });
  });

  it("gives two organizations with the same name different slugs", async () => {
    const a = await anon().auth.signUp({ name: "A", email: `same1-${f.run}@new.test`, password: "long-enough-1", organizationName: "Same Name Ltd" });
    const b = await anon().auth.signUp({ name: "B", email: `same2-${f.run}@new.test`, password: "long-enough-1", organizationName: "Same Name Ltd" });
    const slugs = await t.db.organization.findMany({ where: { id: { in: [a.organizationId, b.organizationId] } }, select: { slug: true } });
    expect(new Set(slugs.map((s) => s.slug)).size).toBe(2);
  });

  it("refuses a duplicate email with BAD_REQUEST and a clear message", async () => {
    const e = await trpcError(anon().auth.signUp({ name: "Again", email: f.alpha.users.CRM_MANAGER.email, password: "long-enough-1", organizationName: "Dup Co" }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toMatch(/already exists/i);
    expect(await t.db.organization.count({ where: { name: "Dup Co" } })).toBe(0);
  });

  it("refuses invalid input with BAD_REQUEST naming the fields", async () => {
    const e = await trpcError(anon().auth.signUp({ name: "X", email: "not-an-email", password: "short", organizationName: "Bad Input Co" }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toContain("email");
    expect(e.message).toContain("password");
    expect(e.message).not.toContain("organizationName");
    expect(await t.db.organization.count({ where: { name: "Bad Input Co" } })).toBe(0);
  });
});

describe("org.addMember / org.updateMember", () => {
  const manager = () => callerAs(t.db, f.alpha, "CRM_MANAGER");

  it("creates a new user with the given password and role", async () => {
    const email = `newbie-${f.run}@alpha.test`;
    const r = await manager().org.addMember({ email, name: "Newbie", role: "SUPPORT_AGENT", teamId: f.alpha.teamId, password: "initial-pass-1" });
    expect(r.createdUser).toBe(true);
    const m = await t.db.membership.findUnique({ where: { id: r.membershipId } });
    expect(m).toMatchObject({ organizationId: f.alpha.organizationId, role: "SUPPORT_AGENT", teamId: f.alpha.teamId, active: true });
    expect(await authenticate(t.db, { email, password: "initial-pass-1" })).toMatchObject({ role: "SUPPORT_AGENT" });
    const audit = await t.db.auditLog.findFirst({ where: { entityId: r.membershipId } });
    expect(audit).toMatchObject({ organizationId: f.alpha.organizationId, actorId: f.alpha.users.CRM_MANAGER.userId, action: "create" });
  });

  it("requires an initial password for a new user", async () => {
    const e = await trpcError(manager().org.addMember({ email: `nopass-${f.run}@alpha.test`, name: "No Pass", role: "SALES_REP" }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toContain("password");
  });

  it("adds an existing user of another organization without touching their password", async () => {
    const beta = f.beta.users.SALES_REP;
    const before = await t.db.user.findUnique({ where: { id: beta.userId } });
    const r = await manager().org.addMember({ email: beta.email, name: "ignored", role: "SALES_MANAGER", password: "other-pass-99" });
    expect(r).toMatchObject({ userId: beta.userId, createdUser: false });
    const after = await t.db.user.findUnique({ where: { id: beta.userId } });
    expect(after?.passwordHash).toBe(before?.passwordHash);
    expect(after?.name).toBe(before?.name);
    // the Beta membership is unchanged
    const betaM = await t.db.membership.findUnique({ where: { id: beta.membershipId } });
    expect(betaM).toMatchObject({ organizationId: f.beta.organizationId, role: "SALES_REP", active: true });
    expect(await authenticate(t.db, { email: beta.email, password: PASSWORD, organizationId: f.alpha.organizationId })).toMatchObject({ role: "SALES_MANAGER" });
  });

  it("refuses to add someone who is already a member", async () => {
    const e = await trpcError(manager().org.addMember({ email: f.alpha.users.SALES_REP.email, name: "Again", role: "SALES_REP" }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toMatch(/already a member/);
  });

  it("refuses an invalid role and names the field", async () => {
    const e = await trpcError(
      manager().org.addMember({ email: `badrole-${f.run}@alpha.test`, name: "Bad Role", role: "OVERLORD" as never, password: "initial-pass-1" }),
    );
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toContain("role");
    expect(await t.db.user.count({ where: { email: `badrole-${f.run}@alpha.test` } })).toBe(0);
  });

  it("refuses another organization's team", async () => {
    const e = await trpcError(manager().org.addMember({ email: `wrongteam-${f.run}@alpha.test`, name: "Wrong Team", role: "SALES_REP", teamId: f.beta.teamId, password: "initial-pass-1" }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toContain("teamId");
  });

  it("never demotes or deactivates the last active CRM manager", async () => {
    const only = f.alpha.users.CRM_MANAGER.membershipId;
    const demote = await trpcError(manager().org.updateMember({ membershipId: only, role: "SALES_REP" }));
    expect(demote.code).toBe("BAD_REQUEST");
    expect(demote.message).toMatch(/at least one active CRM manager/);
    const deactivate = await trpcError(manager().org.updateMember({ membershipId: only, active: false }));
    expect(deactivate.code).toBe("BAD_REQUEST");
    expect(await t.db.membership.findUnique({ where: { id: only } })).toMatchObject({ role: "CRM_MANAGER", active: true });
  });

  it("lets a CRM manager step down once there is another one", async () => {
    const a = f.beta.users.CRM_MANAGER;
    const b = f.beta.users.SALES_MANAGER;
    const beta = callerAs(t.db, f.beta, "CRM_MANAGER");
    await beta.org.updateMember({ membershipId: b.membershipId, role: "CRM_MANAGER" });
    await beta.org.updateMember({ membershipId: a.membershipId, role: "SALES_MANAGER" });
    expect(await t.db.membership.findUnique({ where: { id: a.membershipId } })).toMatchObject({ role: "SALES_MANAGER" });
    // the former manager has lost the right immediately (role read from the database, not the cookie)
    const e = await trpcError(beta.org.listMembers());
    expect(e.code).toBe("FORBIDDEN");
    // restore
    const newManager = callerAs(t.db, f.beta, "SALES_MANAGER");
    await newManager.org.updateMember({ membershipId: a.membershipId, role: "CRM_MANAGER" });
    await beta.org.updateMember({ membershipId: b.membershipId, role: "SALES_MANAGER" });
  });

  it("a deactivated member loses access at once", async () => {
    const rep = f.alpha.users.SALES_REP;
    const repCaller = callerAs(t.db, f.alpha, "SALES_REP");
    await expect(repCaller.home.getSummary()).resolves.toBeTruthy();
    await manager().org.updateMember({ membershipId: rep.membershipId, active: false });
    expect((await trpcError(repCaller.home.getSummary())).code).toBe("FORBIDDEN");
    await manager().org.updateMember({ membershipId: rep.membershipId, active: true });
    await expect(repCaller.home.getSummary()).resolves.toBeTruthy();
  });

  it("lists only the organization's own members", async () => {
    const rows = await manager().org.listMembers();
    const ids = new Set(rows.map((r) => r.id));
    for (const u of Object.values(f.alpha.users)) expect(ids.has(u.membershipId)).toBe(true);
    for (const u of Object.values(f.beta.users)) expect(ids.has(u.membershipId)).toBe(false);
  });
});

describe("tenantDb scoping", () => {
  it("never returns another organization's rows, whatever the where clause says", async () => {
    const a = tenantDb(t.db, f.alpha.organizationId);
    const b = tenantDb(t.db, f.beta.organizationId);
    const alphaAccounts = await a.account.findMany({ select: { organizationId: true } });
    expect(alphaAccounts.length).toBe(f.alpha.accountIds.length);
    expect(alphaAccounts.every((r) => r.organizationId === f.alpha.organizationId)).toBe(true);
    // asking B's client for A's rows explicitly: the organizationId is replaced by B's, never A's rows
    const asked = await b.account.findMany({ where: { organizationId: f.alpha.organizationId }, select: { organizationId: true } });
    expect(asked.every((r) => r.organizationId === f.beta.organizationId)).toBe(true);
    expect(await b.deal.findMany({ where: { id: { in: f.alpha.dealIds } } })).toEqual([]);
    expect(await b.ticket.findFirst({ where: { id: f.alpha.ticketIds[0]! } })).toBeNull();
    expect(await b.lead.findUnique({ where: { id: f.alpha.leadIds[0]! } })).toBeNull();
    expect(await b.membership.count({ where: { id: { in: Object.values(f.alpha.users).map((u) => u.membershipId) } } })).toBe(0);
    expect(await b.deal.aggregate({ where: { id: { in: f.alpha.dealIds } }, _count: true })).toMatchObject({ _count: 0 });
    const names = (await b.account.findMany({ select: { name: true } })).map((r) => r.name);
    expect(names.some((n) => n.includes(ALPHA_SECRET))).toBe(false);
  });

  it("cannot update or delete another organization's rows", async () => {
    const b = tenantDb(t.db, f.beta.organizationId);
    const upd = await b.deal.updateMany({ where: { id: { in: f.alpha.dealIds } }, data: { name: "hijacked" } });
    expect(upd.count).toBe(0);
    const del = await b.ticket.deleteMany({ where: { id: { in: f.alpha.ticketIds } } });
    expect(del.count).toBe(0);
    await expect(b.account.update({ where: { id: f.alpha.accountIds[0]! }, data: { name: "hijacked" } })).rejects.toThrow();
    await expect(b.account.delete({ where: { id: f.alpha.accountIds[0]! } })).rejects.toThrow();
    expect(await t.db.deal.count({ where: { name: "hijacked" } })).toBe(0);
    expect(await t.db.account.count({ where: { id: { in: f.alpha.accountIds } } })).toBe(f.alpha.accountIds.length);
  });

  it("cannot move its own row into another organization with update data", async () => {
    const b = tenantDb(t.db, f.beta.organizationId);
    const team = await t.db.team.create({ data: { organizationId: f.beta.organizationId, name: `Mover ${f.run}` } });
    try {
      await b.team.update({ where: { id: team.id }, data: { organizationId: f.alpha.organizationId } }).catch(() => null);
      await b.team.updateMany({ where: { id: team.id }, data: { organizationId: f.alpha.organizationId } }).catch(() => null);
      await b.team.update({ where: { id: team.id }, data: { organization: { connect: { id: f.alpha.organizationId } } } }).catch(() => null);
      const row = await t.db.team.findUnique({ where: { id: team.id } });
      expect(row?.organizationId).toBe(f.beta.organizationId);
    } finally {
      await t.db.team.delete({ where: { id: team.id } });
    }
  });

  it("creates rows in its own organization even when the caller passes another organizationId", async () => {
    const b = tenantDb(t.db, f.beta.organizationId);
    const team = await b.team.create({ data: { name: `Smuggled ${f.run}`, organizationId: f.alpha.organizationId } });
    expect(team.organizationId).toBe(f.beta.organizationId);
    await b.account.createMany({ data: [{ name: `Smuggled account ${f.run}`, organizationId: f.alpha.organizationId }] });
    const acc = await t.db.account.findFirst({ where: { name: `Smuggled account ${f.run}` } });
    expect(acc?.organizationId).toBe(f.beta.organizationId);
    const up = await b.team.upsert({
      where: { organizationId_name: { organizationId: f.beta.organizationId, name: `Upserted ${f.run}` } },
      create: { name: `Upserted ${f.run}`, organizationId: f.alpha.organizationId },
      update: {},
    });
    expect(up.organizationId).toBe(f.beta.organizationId);
  });
});
