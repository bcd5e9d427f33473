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

describe("work.getMyQueue", () => {
  it("lists only the caller's own open deals, open tickets and due tasks", async () => {
    const rep = f.alpha.users.SALES_REP.userId;
    const agent = f.alpha.users.SUPPORT_AGENT.userId;
    const org = f.alpha.organizationId;
    const day = 86_400_000;
    await t.db.activity.createMany({
      data: [
        { organizationId: org, type: "CALL", subject: "Call back (overdue)", ownerId: rep, dueAt: new Date(Date.now() - 2 * day) },
        { organizationId: org, type: "TASK", subject: "Next week", ownerId: rep, dueAt: new Date(Date.now() + 7 * day) },
        { organizationId: org, type: "CALL", subject: "Done already", ownerId: rep, dueAt: new Date(Date.now() - day), doneAt: new Date() },
        { organizationId: org, type: "CALL", subject: "Someone else's", ownerId: agent, dueAt: new Date(Date.now() - day) },
        { organizationId: f.beta.organizationId, type: "CALL", subject: "Other organization", ownerId: rep, dueAt: new Date(Date.now() - day) },
      ],
    });
    const q = await callerAs(t.db, f.alpha, "SALES_REP").work.getMyQueue();
    const subjects = q.tasks.map((x) => x.subject);
    expect(subjects).toContain("Call back (overdue)");
    expect(q.tasks.find((x) => x.subject === "Call back (overdue)")?.overdue).toBe(true);
    for (const other of ["Next week", "Done already", "Someone else's", "Other organization"]) expect(subjects).not.toContain(other);
    const now = new Date();
    const endOfToday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    const due = await t.db.activity.count({ where: { organizationId: org, ownerId: rep, doneAt: null, deletedAt: null, dueAt: { lt: endOfToday } } });
    expect(q.taskCount).toBe(due);
    const own = await t.db.deal.count({ where: { organizationId: org, ownerId: rep, status: "OPEN", deletedAt: null } });
    expect(q.dealCount).toBe(own);
    expect(q.deals.length).toBe(Math.min(own, 10));
    const ownTickets = await t.db.ticket.count({ where: { organizationId: org, assigneeId: rep, status: { in: ["OPEN", "PENDING"] }, deletedAt: null } });
    expect(q.ticketCount).toBe(ownTickets);
  });
});

describe("kpi.getFilterOptions", () => {
  it("lists the organization's members of the asked roles and their teams, nothing from another organization", async () => {
    const o = await callerAs(t.db, f.alpha, "SALES_MANAGER").kpi.getFilterOptions({ roles: ["SALES_REP"] });
    expect(o.owners.map((x) => x.id)).toEqual([f.alpha.users.SALES_REP.userId]);
    expect(JSON.stringify(o)).not.toContain(f.beta.organizationId);
  });
});
