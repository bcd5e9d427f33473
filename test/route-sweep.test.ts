// THE route-handler sweep: every src/app/**/route.ts, called the way a browser would (a Request with or without
// a real next-auth session cookie), as every kind of caller — the companion of test/access-sweep.test.ts, which
// does the same for every tRPC procedure.
// - a route file without an entry in ROUTES fails the sweep (every new handler gets one)
// - signed-in routes: anonymous -> 401; each role the permission table excludes -> 403 (or 404); each allowed role
//   -> the success status; a deactivated member, another organization's member claiming Alpha's organization and
//   a session revoked by "sign out everywhere" -> 401/403; Beta's CRM manager with Alpha's real ids -> refused or
//   nothing of Alpha's. A refusal's body never holds Alpha's data, and Alpha's rows are unchanged after every call.
// - the public survey answer route: the token is the only authority (unknown and guessed tokens 404, a used
//   single-use link records nothing more).
// - the next-auth route needs Next's request scope: it is swept over HTTP (e2e/security.spec.ts,
//   test/instances/instances.test.ts).
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/server/auth/permissions";
import { reportPath } from "@/server/import/storage";
import { newToken } from "@/server/surveys/tokens";
import { createTestDb, type TestDb } from "./db";
import { ALPHA_SECRET, callerAs, createFixtures, fingerprint, fixturePasswordHash, type Fixtures } from "./fixtures";
import { requestWith, sessionCookie, useTestAuth } from "./support/session";

const APP = path.join(process.cwd(), "src/app");

/** Every route handler file under src/app, relative to it ("api/export/[type]/route.ts"). */
function routeFiles(dir = APP): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js|mjs)$/.test(d.name) ? [path.relative(APP, full).split(path.sep).join("/")] : [];
  });
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type RouteCase = {
  label: string;
  method: "GET" | "POST";
  /** URL and route params for the call, from Alpha's fixture */
  url: (f: Fixtures) => string;
  params: (f: Fixtures) => Record<string, string | string[]>;
  body?: () => BodyInit;
  /** roles of Alpha that may call it (the rest must be refused) */
  allowed: readonly Role[];
  okStatus: number;
};
type RouteEntry = { cases: RouteCase[] } | { publicByToken: true } | { overHttp: string };

const SALES: Role[] = ["CRM_MANAGER", "SALES_MANAGER", "SALES_REP"];
const SUPPORT: Role[] = ["CRM_MANAGER", "SUPPORT_MANAGER", "SUPPORT_AGENT"];
const trpcGet = (proc: string, input: unknown) => `/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

export const ROUTES: Record<string, RouteEntry> = {
  "api/auth/[...nextauth]/route.ts": { overHttp: "sign-in, CSRF and session endpoints need Next's request scope: e2e/security.spec.ts and test/instances" },
  "api/export/[type]/route.ts": {
    cases: [
      { label: "deals of Alpha's rep", method: "GET", url: (f) => `/api/export/deals?ownerId=${f.alpha.users.SALES_REP.userId}`, params: () => ({ type: "deals" }), allowed: SALES, okStatus: 200 },
      { label: "tickets", method: "GET", url: () => "/api/export/tickets", params: () => ({ type: "tickets" }), allowed: SUPPORT, okStatus: 200 },
    ],
  },
  "api/import/upload/route.ts": {
    cases: [
      {
        label: "a deal file", method: "POST", url: () => "/api/import/upload?type=deal&name=sweep.csv", params: () => ({}),
        body: () => "Name,Amount\nSwept deal,10\n", allowed: ["CRM_MANAGER", "SALES_MANAGER"], okStatus: 201,
      },
      {
        label: "a ticket file", method: "POST", url: () => "/api/import/upload?type=ticket&name=sweep.csv", params: () => ({}),
        body: () => "Subject,Channel\nSwept ticket,email\n", allowed: ["CRM_MANAGER", "SUPPORT_MANAGER"], okStatus: 201,
      },
    ],
  },
  "api/import/[jobId]/report/route.ts": {
    cases: [
      { label: "Alpha's deal import report", method: "GET", url: (f) => `/api/import/${f.alpha.importJobs.dealDone}/report`, params: (f) => ({ jobId: f.alpha.importJobs.dealDone }), allowed: ["CRM_MANAGER", "SALES_MANAGER"], okStatus: 200 },
    ],
  },
  "api/trpc/[trpc]/route.ts": {
    cases: [
      { label: "records.get of Alpha's deal", method: "GET", url: (f) => trpcGet("records.get", { type: "deals", id: f.alpha.dealIds[0] }), params: () => ({ trpc: "records.get" }), allowed: SALES, okStatus: 200 },
      // the agent may drill into the backlog KPI: it sees its own tickets only (the procedure sweep checks the scope)
      { label: "kpi.drillDown of a support KPI", method: "GET", url: () => trpcGet("kpi.drillDown", { kpiId: "ticket_backlog", period: { preset: "this_year" } }), params: () => ({ trpc: "kpi.drillDown" }), allowed: ["CRM_MANAGER", "SUPPORT_MANAGER", "SUPPORT_AGENT"], okStatus: 200 },
    ],
  },
  "s/[token]/answer/route.ts": { publicByToken: true },
};

let t: TestDb;
let f: Fixtures;
let deactivated: { userId: string; organizationId: string };
const handlers = new Map<string, Record<string, Handler>>();

beforeAll(async () => {
  t = await createTestDb();
  f = await createFixtures(t.db);
  useTestAuth(t.db);
  process.env.IMPORT_DIR = mkdtempSync(path.join(tmpdir(), "sasaran-route-sweep-"));
  const u = await t.db.user.create({ data: { email: `gone-${f.run}@alpha.test`, name: "Deactivated manager", passwordHash: await fixturePasswordHash() } });
  await t.db.membership.create({ data: { organizationId: f.alpha.organizationId, userId: u.id, role: "CRM_MANAGER", active: false } });
  deactivated = { userId: u.id, organizationId: f.alpha.organizationId };
  // the finished deal import has a report on disk (the report route serves it)
  const job = await t.db.importJob.findUniqueOrThrow({ where: { id: f.alpha.importJobs.dealDone }, select: { filePath: true } });
  writeFileSync(reportPath(job.filePath), `row,column,problem\n2,Amount,${ALPHA_SECRET} report line\n`);
  for (const file of routeFiles()) handlers.set(file, (await import(path.join(APP, file))) as Record<string, Handler>);
});
afterAll(async () => {
  await t?.close();
});

async function call(file: string, c: RouteCase, cookie: string | null): Promise<{ status: number; body: string }> {
  const handler = handlers.get(file)![c.method]!;
  expect(handler, `${file} exports no ${c.method}`).toBeTypeOf("function");
  const res = await handler(new NextRequest(requestWith(c.url(f), cookie, { method: c.method, body: c.body?.() })), { params: Promise.resolve(c.params(f)) });
  return { status: res.status, body: await res.text() };
}

/** A refused call's body holds nothing of Alpha's: no name, email or id (other than what the URL itself carried). */
function expectNoAlphaData(body: string, c: RouteCase) {
  expect(body).not.toContain(ALPHA_SECRET);
  const inUrl = decodeURIComponent(c.url(f));
  for (const id of f.alpha.allIds) if (!inUrl.includes(id)) expect(body, `leaked Alpha id ${id}`).not.toContain(id);
  for (const s of f.alpha.secrets) expect(body).not.toContain(s);
}

const alphaAs = (role: Role) => ({ userId: f.alpha.users[role].userId, organizationId: f.alpha.organizationId });

describe("route inventory", () => {
  it("has a sweep entry for every route handler under src/app (add new ones to ROUTES)", () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(0);
    const missing = files.filter((r) => !(r in ROUTES));
    expect(missing, `route handlers without a sweep entry: ${missing.join(", ")}`).toEqual([]);
    const stale = Object.keys(ROUTES).filter((r) => !files.includes(r));
    expect(stale, `sweep entries for routes that no longer exist: ${stale.join(", ")}`).toEqual([]);
  });
});

const sweepCases = Object.entries(ROUTES).flatMap(([file, e]) => ("cases" in e ? e.cases.map((c) => ({ file, c, label: `${file} [${c.label}]` })) : []));

describe.each(sweepCases)("$label", ({ file, c }) => {
  it("refuses an anonymous caller with 401 and no data", async () => {
    const before = await fingerprint(t.db, f.alpha.organizationId);
    const r = await call(file, c, null);
    expect(r.status).toBe(401);
    expectNoAlphaData(r.body, c);
    expect(await fingerprint(t.db, f.alpha.organizationId)).toBe(before);
  });

  it.each([...ROLES])("as %s: refused (403/404, no data) unless allowed, else succeeds", async (role) => {
    const before = await fingerprint(t.db, f.alpha.organizationId);
    const r = await call(file, c, await sessionCookie(t.db, alphaAs(role)));
    if (c.allowed.includes(role)) expect(r.status, `${role}: ${r.body.slice(0, 300)}`).toBe(c.okStatus);
    else {
      expect([403, 404], `${role} must be refused: ${r.status} ${r.body.slice(0, 200)}`).toContain(r.status);
      expectNoAlphaData(r.body, c);
      expect(await fingerprint(t.db, f.alpha.organizationId)).toBe(before);
    }
  });

  it("refuses a deactivated member, a member of another organization claiming Alpha's, and a revoked session", async () => {
    const before = await fingerprint(t.db, f.alpha.organizationId);
    const betaAsAlpha = { userId: f.beta.users.CRM_MANAGER.userId, organizationId: f.alpha.organizationId };
    for (const [who, cookie] of [
      ["deactivated", await sessionCookie(t.db, deactivated)],
      ["Beta's CRM manager in Alpha's organization", await sessionCookie(t.db, betaAsAlpha)],
      ["Alpha's CRM manager, signed out everywhere since", await sessionCookie(t.db, alphaAs("CRM_MANAGER"), { sv: -1 })],
    ] as const) {
      const r = await call(file, c, cookie);
      expect([401, 403], `${who}: ${r.status}`).toContain(r.status);
      expectNoAlphaData(r.body, c);
    }
    expect(await fingerprint(t.db, f.alpha.organizationId)).toBe(before);
  });

  it("never gives Beta's CRM manager Alpha's data or changes Alpha's rows with Alpha's ids", async () => {
    const before = await fingerprint(t.db, f.alpha.organizationId);
    const r = await call(file, c, await sessionCookie(t.db, { userId: f.beta.users.CRM_MANAGER.userId, organizationId: f.beta.organizationId }));
    if (r.status >= 300) expect([400, 403, 404]).toContain(r.status);
    expectNoAlphaData(r.body, c);
    expect(await fingerprint(t.db, f.alpha.organizationId)).toBe(before);
  });
});

describe("s/[token]/answer: the token is the only authority", () => {
  const answer = async (token: string, score: string, cookie: string | null = null) => {
    const handler = handlers.get("s/[token]/answer/route.ts")!.POST!;
    const form = new URLSearchParams({ score });
    const res = await handler(
      // Next hands route handlers a NextRequest
      new NextRequest(requestWith(`/s/${encodeURIComponent(token)}/answer`, cookie, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } })),
      { params: Promise.resolve({ token }) },
    );
    return { status: res.status, location: res.headers.get("location") ?? "", body: await res.text() };
  };
  const responses = () => t.db.surveyResponse.count();

  it("answers 404 with no data for unknown, guessed and hostile tokens, and records nothing", async () => {
    const before = await responses();
    for (const token of [newToken(), `${f.alpha.key}-${f.run}-npx`, "' OR 1=1 --", "../../etc/passwd", "x".repeat(5000), "<script>alert(1)</script>", ""]) {
      const r = await answer(token, "9");
      expect(r.status, token.slice(0, 40)).toBe(404);
      expect(r.body).not.toContain(ALPHA_SECRET);
    }
    expect(await responses()).toBe(before);
  });

  it("records an answer on a survey's open link, for anyone (a signed-in member of another organization too)", async () => {
    const survey = await t.db.survey.findUniqueOrThrow({ where: { id: f.alpha.surveyIds[0] }, select: { publicToken: true } });
    const before = await responses();
    const r = await answer(survey.publicToken, "10", await sessionCookie(t.db, { userId: f.beta.users.CRM_MANAGER.userId, organizationId: f.beta.organizationId }));
    expect(r.status).toBe(303);
    expect(r.location).toContain("thanks=1");
    expect(await responses()).toBe(before + 1);
    const last = await t.db.surveyResponse.findFirst({ orderBy: { respondedAt: "desc" }, select: { organizationId: true, score: true } });
    expect(last).toEqual({ organizationId: f.alpha.organizationId, score: 10 });
  });

  it("refuses a used single-use link: the second answer records nothing", async () => {
    const { path: linkPath } = await callerAs(t.db, f.alpha, "SUPPORT_MANAGER").surveys.createLink({ surveyId: f.alpha.surveyIds[0]!, ticketId: f.alpha.ticketIds[0] });
    const token = linkPath.split("/").pop()!;
    const before = await responses();
    expect((await answer(token, "8")).location).toContain("thanks=1");
    const again = await answer(token, "0");
    expect(again.status).toBe(303);
    expect(again.location).toContain("state=already_answered");
    expect(await responses()).toBe(before + 1);
    // the single-use link stores only its hash: the token itself is nowhere in the database
    expect(JSON.stringify(await t.db.surveyLink.findMany())).not.toContain(token);
  });
});
