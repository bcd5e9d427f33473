// Ticket workflow on a real database: respond / log a contact / resolve / reopen write exactly the fields the
// support KPIs read, so first contact resolution, first response time and reopen rate follow from the work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { applyTicketAction } from "@/server/tickets/workflow";
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
  return (await callerAs(t.db, f.alpha, "SUPPORT_MANAGER").kpi.get({ kpiId: id, period })).kpi.current.value;
}
async function code(p: Promise<unknown>) {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
}
const HOUR = 3_600_000;
async function newTicket(subject: string, assigneeId: string | null = f.alpha.users.SUPPORT_AGENT.userId, openedAt = new Date(Date.now() - 2 * HOUR)) {
  return t.db.ticket.create({ data: { organizationId: f.alpha.organizationId, subject, channel: "EMAIL", assigneeId, openedAt }, select: { id: true } });
}
/** FCR and reopen rate by hand over the tickets resolved this month. */
async function byHand() {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const resolved = await t.db.ticket.findMany({ where: { organizationId: f.alpha.organizationId, deletedAt: null, resolvedAt: { gte: start } }, select: { contactCount: true, reopenCount: true } });
  return {
    fcr: resolved.length ? (resolved.filter((x) => x.contactCount === 1).length / resolved.length) * 100 : null,
    reopen: resolved.length ? (resolved.filter((x) => x.reopenCount > 0).length / resolved.length) * 100 : null,
  };
}

describe("ticket workflow (pure)", () => {
  const open = { status: "OPEN" as const, firstResponseAt: null, resolvedAt: null, contactCount: 0, reopenCount: 0 };
  const now = new Date("2026-03-01T10:00:00Z");
  it("sets the first response once and counts every contact", () => {
    expect(applyTicketAction(open, "respond", now)).toEqual({ contactCount: 1, firstResponseAt: now, status: "PENDING" });
    const later = new Date("2026-03-01T11:00:00Z");
    expect(applyTicketAction({ ...open, firstResponseAt: now, contactCount: 1 }, "logContact", later)).toEqual({ contactCount: 2 });
  });
  it("resolving without a contact is resolution on first contact; resolving twice changes nothing", () => {
    expect(applyTicketAction(open, "resolve", now)).toEqual({ status: "RESOLVED", resolvedAt: now, contactCount: 1, firstResponseAt: now });
    expect(applyTicketAction({ ...open, status: "RESOLVED", resolvedAt: now, contactCount: 1 }, "resolve", now)).toBeNull();
  });
  it("reopens only a resolved ticket and refuses to answer a resolved one", () => {
    expect(applyTicketAction({ ...open, status: "RESOLVED", resolvedAt: now, contactCount: 1 }, "reopen", now)).toEqual({ status: "OPEN", resolvedAt: null, reopenCount: 1 });
    expect(applyTicketAction(open, "reopen", now)).toBeNull();
    expect(() => applyTicketAction({ ...open, status: "RESOLVED", resolvedAt: now }, "respond", now)).toThrow(/Reopen it first/);
  });
});

describe("tickets procedures and the support KPIs", () => {
  it("resolving on first contact raises first contact resolution; a second contact lowers it", async () => {
    const agent = callerAs(t.db, f.alpha, "SUPPORT_AGENT").tickets;
    const one = await newTicket("Solved at once");
    await agent.respond({ ticketId: one.id });
    await agent.resolve({ ticketId: one.id });
    let expected = await byHand();
    expect(await kpi("first_contact_resolution")).toBeCloseTo(expected.fcr!, 6);
    const row = await t.db.ticket.findUniqueOrThrow({ where: { id: one.id } });
    expect(row).toMatchObject({ status: "RESOLVED", contactCount: 1, reopenCount: 0 });
    expect(row.firstResponseAt).not.toBeNull();
    expect(row.resolvedAt).not.toBeNull();

    const fcrBefore = await kpi("first_contact_resolution");
    const two = await newTicket("Needed two contacts");
    await agent.respond({ ticketId: two.id });
    await agent.logContact({ ticketId: two.id });
    await agent.resolve({ ticketId: two.id });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: two.id } })).contactCount).toBe(2);
    expected = await byHand();
    const fcrAfter = await kpi("first_contact_resolution");
    expect(fcrAfter).toBeCloseTo(expected.fcr!, 6);
    expect(fcrAfter!).toBeLessThan(fcrBefore!);
  });

  it("sets the first response time from the first answer only", async () => {
    const openedAt = new Date(Date.now() - 5 * HOUR);
    const tk = await newTicket("Timed", f.alpha.users.SUPPORT_AGENT.userId, openedAt);
    await callerAs(t.db, f.alpha, "SUPPORT_AGENT").tickets.respond({ ticketId: tk.id });
    const first = (await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).firstResponseAt!;
    await callerAs(t.db, f.alpha, "SUPPORT_MANAGER").tickets.respond({ ticketId: tk.id });
    const again = await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } });
    expect(again.firstResponseAt!.getTime()).toBe(first.getTime());
    expect(again.contactCount).toBe(2);
    expect((first.getTime() - openedAt.getTime()) / HOUR).toBeGreaterThanOrEqual(5);
    // the KPI's mean over every ticket first answered this month, by hand
    const now = new Date();
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const answered = await t.db.ticket.findMany({ where: { organizationId: f.alpha.organizationId, deletedAt: null, firstResponseAt: { gte: start } }, select: { openedAt: true, firstResponseAt: true } });
    const mean = answered.reduce((s, x) => s + (x.firstResponseAt!.getTime() - x.openedAt.getTime()) / HOUR, 0) / answered.length;
    expect(await kpi("first_response_time_mean")).toBeCloseTo(mean, 4);
  });

  it("reopening clears the resolution, counts the reopen and the ticket is no longer first-contact", async () => {
    const agent = callerAs(t.db, f.alpha, "SUPPORT_AGENT").tickets;
    const tk = await newTicket("Came back");
    await agent.resolve({ ticketId: tk.id });
    const backlogBefore = await kpi("ticket_backlog");
    await agent.reopen({ ticketId: tk.id });
    const r = await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } });
    expect(r).toMatchObject({ status: "OPEN", resolvedAt: null, reopenCount: 1, contactCount: 1 });
    expect(await kpi("ticket_backlog")).toBe(backlogBefore! + 1);
    await agent.respond({ ticketId: tk.id });
    await agent.resolve({ ticketId: tk.id });
    const done = await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } });
    expect(done).toMatchObject({ contactCount: 2, reopenCount: 1 });
    const expected = await byHand();
    expect(await kpi("reopen_rate")).toBeCloseTo(expected.reopen!, 6);
    expect(await kpi("first_contact_resolution")).toBeCloseTo(expected.fcr!, 6);
    const audits = await t.db.auditLog.findMany({ where: { entityType: "Ticket", entityId: tk.id } });
    expect(audits.map((a) => (a.changes as { workflow: { to: string } }).workflow.to).sort()).toEqual(["reopen", "resolve", "resolve", "respond"]);
    expect(audits.every((a) => a.actorId === f.alpha.users.SUPPORT_AGENT.userId && a.action === "update")).toBe(true);
  });

  it("keeps agents to their assigned tickets and refuses answering a resolved ticket, changing nothing", async () => {
    const other = await newTicket("Someone else's", f.alpha.users.SUPPORT_MANAGER.userId);
    expect(await code(callerAs(t.db, f.alpha, "SUPPORT_AGENT").tickets.respond({ ticketId: other.id }))).toBe("FORBIDDEN");
    expect(await code(callerAs(t.db, f.alpha, "SUPPORT_AGENT").tickets.resolve({ ticketId: other.id }))).toBe("FORBIDDEN");
    const mine = await newTicket("Resolved already");
    await callerAs(t.db, f.alpha, "SUPPORT_AGENT").tickets.resolve({ ticketId: mine.id });
    const before = await t.db.ticket.findUniqueOrThrow({ where: { id: mine.id } });
    expect(await code(callerAs(t.db, f.alpha, "SUPPORT_AGENT").tickets.respond({ ticketId: mine.id }))).toBe("BAD_REQUEST");
    expect(await t.db.ticket.findUniqueOrThrow({ where: { id: mine.id } })).toEqual(before);
    expect(await t.db.ticket.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ contactCount: 0, resolvedAt: null });
    expect(await t.db.auditLog.count({ where: { entityId: other.id } })).toBe(0);
    // the list shows an agent only their own tickets
    const list = await callerAs(t.db, f.alpha, "SUPPORT_AGENT").tickets.list({ view: "all" });
    expect(list.tickets.every((x) => x.assigneeId === f.alpha.users.SUPPORT_AGENT.userId)).toBe(true);
    const all = await callerAs(t.db, f.alpha, "SUPPORT_MANAGER").tickets.list({ view: "all" });
    expect(all.tickets.some((x) => x.id === other.id)).toBe(true);
  });
});
