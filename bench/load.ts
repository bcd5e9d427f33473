// Load test (issue 8): LOAD_USERS (50) signed-in users across the five roles hit the app for LOAD_DURATION
// (60) seconds. Each user reads an answer, pauses LOAD_THINK_MS on average (default 1000: 0.5-1.5 s) and
// sends its next request. LOAD_THINK_MS=0 is the saturation run: autocannon, one connection per user, each
// sending its next request as soon as the last one is answered. Against a production build served by
// `next start` on PostgreSQL with the bench dataset. Not a test: it writes bench/results/load.{json,md}.
//
// Each user cycles through its role's actions (see SCENARIOS): its dashboard page, the KPI call behind it,
// record lists, and writes (an activity/task, a deal update, a deal moved to another stage, a ticket answer).
// Requests are grouped by class (dashboard page, KPI tRPC, list, mutation) for requests/s, p50/p95/p99 and
// errors (non-2xx and timeouts). The server's resident memory (the `next start` process group) is sampled
// every second. After the run, the activities created with a 2xx answer are counted in the database
// (acknowledged writes must all be there).
//
// Database: LOAD_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/sasaran_load). When that default
// database does not exist it is created as a copy of the bench dataset (CREATE DATABASE sasaran_load TEMPLATE
// sasaran_bench; make that with `npm run bench -- kpi` first) so the writes never touch sasaran_bench itself;
// LOAD_RECREATE=1 makes a fresh copy. Other env: LOAD_USERS, LOAD_DURATION (s), LOAD_PORT (3305),
// LOAD_DIST (.next-load), LOAD_SKIP_BUILD=1 (reuse the build), LOAD_TIMEOUT (s, default 30), LOAD_OUT (name of
// the result files, default "load"), WEB_CONCURRENCY (server processes, default 1: see scripts/start.mjs).
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import { buildApp, cpuBetween, cpuByPid, postgresPids, signIn, startApp, trpcRequest, type App } from "./server";
import { migrateAndVacuum } from "./dataset";
import { roleKpiIds } from "../src/server/kpi/role-sets";
import { DEMO_PASSWORD } from "../src/server/demo/users";
import type { Role } from "../src/server/auth/permissions";

const USERS = Number(process.env.LOAD_USERS ?? 50);
const DURATION = Number(process.env.LOAD_DURATION ?? 60);
const PORT = Number(process.env.LOAD_PORT ?? 3305);
const DIST = process.env.LOAD_DIST ?? ".next-load";
const TIMEOUT = Number(process.env.LOAD_TIMEOUT ?? 30);
const DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/sasaran_load";
const TEMPLATE = "sasaran_bench";
const TARGET_P95_MS = 500;
/** server processes (scripts/start.mjs); the load test passes it on to the server */
const SERVER_PROCESSES = Number(process.env.WEB_CONCURRENCY ?? 1);
const OUT = process.env.LOAD_OUT ?? "load"; // bench/results/<OUT>.{json,md}
/** each user's mean pause after an answer before its next request (0: none, the saturation run) */
const THINK_MS = Number(process.env.LOAD_THINK_MS ?? 1000);
const thinkLabel = (ms: number) => `${ms / 2000}-${(ms * 1.5) / 1000} s (mean ${ms / 1000} s)`;

/** How many of the users have each role (scaled to LOAD_USERS). */
const ROLE_SHARE: [Role, number][] = [["CRM_MANAGER", 4], ["SALES_MANAGER", 6], ["SUPPORT_MANAGER", 6], ["SALES_REP", 18], ["SUPPORT_AGENT", 16]];

export const CLASSES = ["dashboard page", "KPI (tRPC)", "list", "mutation"] as const;
type Class = (typeof CLASSES)[number];
type Req = { cls: Class; name: string; method: "GET" | "POST"; path: string; body?: string; activity?: string };

type Vu = {
  index: number;
  role: Role;
  userId: string;
  email: string;
  cookie: string;
  deals: { id: string; stageId: string }[];
  tickets: string[];
  step: number;
  last: Req | null;
  /** when the request now waiting for its answer was sent (null: none waiting) */
  sentAt: number | null;
};

type Ctx = { runId: string; openStages: string[]; dashboardIds: Record<Role, string[]> };

const q = (cls: Class, name: string, path: string, input: unknown): Req => ({ cls, name, ...trpcRequest("query", path, input) });
const m = (name: string, path: string, input: unknown, activity?: string): Req => ({ cls: "mutation", name, activity, ...trpcRequest("mutation", path, input) });
const page = (name: string, path: string): Req => ({ cls: "dashboard page", name, method: "GET", path });
const pick = <T>(xs: T[], i: number) => xs[i % xs.length]!;

function kpiCall(c: Ctx, role: Role): Req {
  return q("KPI (tRPC)", "kpi.getMany", "kpi.getMany", { kpiIds: c.dashboardIds[role], period: { preset: "this_quarter" }, grain: "month", filters: {}, series: true });
}
function newActivity(c: Ctx, v: Vu, type: "CALL" | "TASK"): Req {
  // unique per user and request: several users may share one login
  const data: Record<string, unknown> = { subject: `load ${c.runId} u${v.index} #${v.step} ${v.email}`, type, ownerId: v.userId };
  if (type === "TASK") data.dueAt = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
  if (v.tickets.length) data.ticketId = pick(v.tickets, v.step); // support staff's tasks belong to a ticket
  return m("records.create activity", "records.create", { type: "activities", data }, data.subject as string);
}
function updateDeal(v: Vu): Req {
  const d = pick(v.deals, v.step);
  return m("records.update deal", "records.update", { type: "deals", id: d.id, data: { amount: String(1000 + (v.step % 500) * 10) } });
}
function moveDeal(c: Ctx, v: Vu): Req {
  const d = pick(v.deals, v.step >> 3);
  const i = c.openStages.indexOf(d.stageId);
  const to = c.openStages[(i + 1) % c.openStages.length]!; // open stages only: the deal stays open
  d.stageId = to;
  return m("pipeline.moveDeal", "pipeline.moveDeal", { dealId: d.id, toStageId: to });
}
function respond(v: Vu): Req {
  return m("tickets.respond", "tickets.respond", { ticketId: pick(v.tickets, v.step) });
}
const list = (type: string, filters?: Record<string, string>) => q("list", `records.list ${type}`, "records.list", { type, page: 1, pageSize: 25, ...(filters ? { filters } : {}) });

/** One cycle of each role: a dashboard, its KPI call, lists, writes. */
const SCENARIOS: Record<Role, ((c: Ctx, v: Vu) => Req)[]> = {
  CRM_MANAGER: [() => page("/dashboards/crm", "/dashboards/crm"), (c) => kpiCall(c, "CRM_MANAGER"), () => list("deals"), () => list("accounts"), (c, v) => newActivity(c, v, "TASK"), (_c, v) => updateDeal(v)],
  SALES_MANAGER: [() => page("/dashboards/sales", "/dashboards/sales"), (c) => kpiCall(c, "SALES_MANAGER"), () => q("list", "pipeline.getBoard", "pipeline.getBoard", {}), () => list("deals"), (c, v) => newActivity(c, v, "TASK"), (c, v) => moveDeal(c, v), (_c, v) => updateDeal(v)],
  SUPPORT_MANAGER: [() => page("/dashboards/support", "/dashboards/support"), (c) => kpiCall(c, "SUPPORT_MANAGER"), () => q("list", "tickets.list", "tickets.list", { view: "open" }), () => list("tickets"), (c, v) => newActivity(c, v, "TASK"), (_c, v) => respond(v)],
  SALES_REP: [() => page("/ (home)", "/"), () => q("KPI (tRPC)", "home.getSummary", "home.getSummary", undefined), () => list("deals", { ownerId: "me" }), () => q("list", "pipeline.getBoard", "pipeline.getBoard", {}), (c, v) => newActivity(c, v, "CALL"), (c, v) => moveDeal(c, v), (_c, v) => updateDeal(v)],
  SUPPORT_AGENT: [() => page("/ (home)", "/"), () => q("KPI (tRPC)", "home.getSummary", "home.getSummary", undefined), () => q("list", "tickets.list", "tickets.list", { view: "open" }), () => list("activities", { ownerId: "me" }), (c, v) => newActivity(c, v, "TASK"), (_c, v) => respond(v)],
};

function nextRequest(c: Ctx, v: Vu): Req {
  const steps = SCENARIOS[v.role];
  const r = steps[v.step % steps.length]!(c, v);
  v.step++;
  v.last = r;
  return r;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The default database: a copy of the bench dataset (made once; LOAD_RECREATE=1 makes a fresh one). */
async function ensureLoadDatabase(url: string) {
  if (process.env.LOAD_DATABASE_URL) return;
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const name = new URL(url).pathname.slice(1);
  await withClient(admin.toString(), async (c) => {
    const exists = (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount;
    if (exists && process.env.LOAD_RECREATE !== "1") return;
    if (exists) await c.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    console.log(`[load] creating ${name} as a copy of ${TEMPLATE} (nobody may be connected to ${TEMPLATE}; retrying for 5 min)`);
    for (let i = 0; ; i++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE}"`);
        return;
      } catch (e) {
        if (i >= 60 || !/being accessed by other users/.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 5000));
      }
    }
  });
}

type Setup = { ctx: Ctx; vus: Vu[]; counts: Record<string, number>; orgId: string };

async function prepare(url: string, app: App): Promise<Setup> {
  const runId = Date.now().toString(36);
  return withClient(url, async (c) => {
    const org = (await c.query(`SELECT id FROM "Organization" WHERE slug = 'northwind'`)).rows[0]?.id as string | undefined;
    if (!org) throw new Error("no organization 'northwind' in the database: seed it first");
    const counts = (await c.query(`SELECT
      (SELECT count(*) FROM "Lead" WHERE "organizationId" = $1)::int AS leads, (SELECT count(*) FROM "Deal" WHERE "organizationId" = $1)::int AS deals,
      (SELECT count(*) FROM "Ticket" WHERE "organizationId" = $1)::int AS tickets, (SELECT count(*) FROM "Account" WHERE "organizationId" = $1)::int AS accounts,
      (SELECT count(*) FROM "Activity" WHERE "organizationId" = $1)::int AS activities`, [org])).rows[0] as Record<string, number>;
    const openStages = (await c.query(`SELECT id FROM "PipelineStage" WHERE "organizationId" = $1 AND kind = 'OPEN' ORDER BY position`, [org])).rows.map((r) => r.id as string);
    const members = (await c.query(`SELECT u.id, u.email, m.role FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE m."organizationId" = $1 ORDER BY u.email`, [org])).rows as { id: string; email: string; role: Role }[];
    const total = ROLE_SHARE.reduce((s, [, n]) => s + n, 0);
    const plan: { role: Role; user: { id: string; email: string } }[] = [];
    for (const [role, share] of ROLE_SHARE) {
      const users = members.filter((x) => x.role === role);
      if (!users.length) throw new Error(`no ${role} in northwind`);
      const n = Math.max(1, Math.round((share * USERS) / total));
      for (let i = 0; i < n && plan.length < USERS; i++) plan.push({ role, user: users[i % users.length]! });
    }
    while (plan.length < USERS) plan.push(plan[plan.length % Math.max(1, plan.length)]!);
    const cookies = new Map<string, string>();
    for (const p of plan) if (!cookies.has(p.user.email)) cookies.set(p.user.email, await signIn(app.base, p.user.email, DEMO_PASSWORD));
    const vus: Vu[] = [];
    for (const [i, p] of plan.entries()) {
      const sales = p.role === "SALES_REP" || p.role === "SALES_MANAGER" || p.role === "CRM_MANAGER";
      const own = p.role === "SALES_REP";
      const deals = sales
        ? (await c.query(`SELECT d.id, d."stageId" FROM "Deal" d JOIN "PipelineStage" s ON s.id = d."stageId" WHERE d."organizationId" = $1 AND d."deletedAt" IS NULL AND d.status = 'OPEN' AND s.kind = 'OPEN' ${own ? `AND d."ownerId" = $3` : ""} ORDER BY md5(d.id::text || $2) LIMIT 20`, own ? [org, `vu${i}`, p.user.id] : [org, `vu${i}`])).rows.map((r) => ({ id: r.id as string, stageId: r.stageId as string }))
        : [];
      const agent = p.role === "SUPPORT_AGENT";
      const tickets = p.role === "SUPPORT_AGENT" || p.role === "SUPPORT_MANAGER"
        // each user its own sample (as for deals): managers answering the same 20 tickets at once got "changed by
        // someone else in the meantime" (400), a conflict the test made, not one the server caused
        ? (await c.query(`SELECT id FROM "Ticket" WHERE "organizationId" = $1 AND "deletedAt" IS NULL AND "resolvedAt" IS NULL ${agent ? `AND "assigneeId" = $3` : ""} ORDER BY md5(id::text || $2) LIMIT 20`, agent ? [org, `vu${i}`, p.user.id] : [org, `vu${i}`])).rows.map((r) => r.id as string)
        : [];
      if (sales && p.role !== "CRM_MANAGER" && !deals.length) throw new Error(`${p.user.email} has no open deals to move`);
      if (tickets.length === 0 && (agent || p.role === "SUPPORT_MANAGER")) throw new Error(`${p.user.email} has no open tickets`);
      vus.push({ index: i, role: p.role, userId: p.user.id, email: p.user.email, cookie: cookies.get(p.user.email)!, deals, tickets, step: i, last: null, sentAt: null });
    }
    const dashboardIds = Object.fromEntries(ROLE_SHARE.map(([r]) => [r, roleKpiIds(r)])) as Record<Role, string[]>;
    return { ctx: { runId, openStages, dashboardIds }, vus, counts, orgId: org };
  });
}

const headersOf = (v: Vu) => ({ cookie: v.cookie, "content-type": "application/json", accept: "text/html,application/json" });

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : null);

type ClassStats = { requests: number; ok: number; errors: number; timeouts: number; rps: number; p50: number | null; p95: number | null; p99: number | null; max: number | null; errorSample: string[] };

/**
 * LOAD_SINGLE=1: each request of each role's cycle alone, one at a time (no concurrency), 5 times: what one
 * request costs the server when nothing else runs (the service time the load test's latencies queue behind).
 * Writes bench/results/request-costs.md.
 */
async function singleRequests(app: App, ctx: Ctx, vus: Vu[]) {
  const times = new Map<string, { cls: Class; role: Role; ms: number[] }>();
  for (const role of new Set(vus.map((v) => v.role))) {
    const src = vus.find((x) => x.role === role)!;
    const v = { ...src, step: 0, deals: src.deals.map((d) => ({ ...d })) } as Vu;
    for (let i = 0; i < SCENARIOS[role].length * 5; i++) {
      const r = nextRequest(ctx, v);
      const t = performance.now();
      const res = await fetch(app.base + r.path, { method: r.method, headers: headersOf(v), body: r.body });
      await res.arrayBuffer();
      const e = times.get(`${role} ${r.name}`) ?? { cls: r.cls, role, ms: [] };
      e.ms.push(performance.now() - t);
      times.set(`${role} ${r.name}`, e);
    }
  }
  const rows = [...times.entries()].map(([name, e]) => ({ name, cls: e.cls, p50: pct([...e.ms].sort((a, b) => a - b), 50)!, max: Math.max(...e.ms) }));
  const md = [
    `# One request at a time (${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, next start, PostgreSQL, load ${loadavg()[0]!.toFixed(2)})`,
    "",
    "Each request of each role's load-test cycle sent alone, 5 times, on the bench organization: the time it takes",
    "when nothing else runs (results of KPI reads come from the result cache after the first cycle unless a write of",
    "the cycle touched their tables).",
    "",
    "| role and request | class | p50 ms | max ms |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.name} | ${r.cls} | ${r.p50.toFixed(0)} | ${r.max.toFixed(0)} |`),
    "",
  ].join("\n");
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/request-costs.md", md);
  console.log(md);
}

/** What the run saw: latencies per class and route, errors, acknowledged activities. */
function recorder() {
  const lat = new Map<Class, number[]>(CLASSES.map((c) => [c, []]));
  const perName = new Map<string, { cls: Class; ms: number[]; errors: number; timeouts: number }>();
  const stats = new Map<Class, ClassStats>(CLASSES.map((c) => [c, { requests: 0, ok: 0, errors: 0, timeouts: 0, rps: 0, p50: null, p95: null, p99: null, max: null, errorSample: [] }]));
  const acked = new Set<string>();
  const route = (r: Req) => perName.get(r.name) ?? perName.set(r.name, { cls: r.cls, ms: [], errors: 0, timeouts: 0 }).get(r.name)!;
  const rec = {
    lat, perName, stats, acked, non2xx: 0,
    /** an answer to v's last request */
    answer(v: Vu, status: number, ms: number, body: string) {
      v.sentAt = null;
      const r = v.last!;
      const s = stats.get(r.cls)!;
      const n = route(r);
      s.requests++;
      lat.get(r.cls)!.push(ms);
      n.ms.push(ms);
      if (status >= 200 && status < 300) {
        s.ok++;
        if (r.activity) acked.add(r.activity);
        return;
      }
      s.errors++;
      n.errors++;
      rec.non2xx++;
      if (s.errorSample.length < 5) s.errorSample.push(`${r.name}: HTTP ${status} ${body.slice(0, 160).replace(/\s+/g, " ")}`);
    },
    /** no answer to v's last request within TIMEOUT (or the connection failed) */
    failure(v: Vu, why: string) {
      v.sentAt = null;
      const r = v.last;
      if (!r) return;
      const s = stats.get(r.cls)!;
      const n = route(r);
      s.requests++;
      s.errors++;
      s.timeouts++;
      n.errors++;
      n.timeouts++;
      if (s.errorSample.length < 5) s.errorSample.push(`${r.name}: ${why}`);
    },
  };
  return rec;
}
type Recorder = ReturnType<typeof recorder>;

/** No think time: autocannon, one connection per user, each sending its next request as soon as the last is answered. */
async function runAutocannon(base: string, ctx: Ctx, vus: Vu[], rec: Recorder) {
  let nextVu = 0;
  await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      {
        url: base,
        connections: vus.length,
        duration: DURATION,
        timeout: TIMEOUT,
        requests: [{ method: "GET", path: "/login" }], // replaced per connection in setupClient
        setupClient(client) {
          const v = vus[nextVu++ % vus.length]!;
          let body = "";
          client.setRequests([
            {
              setupRequest: (req) => {
                const r = nextRequest(ctx, v);
                v.sentAt = Date.now();
                return { ...req, method: r.method, path: r.path, body: r.body, headers: headersOf(v) };
              },
              onResponse: (_status, b) => {
                body = String(b);
              },
            },
          ]);
          client.on("response", (status: number, _bytes: number, ms: number) => rec.answer(v, status, ms, body));
          (client as NodeJS.EventEmitter).on("timeout", () => rec.failure(v, `no answer within ${TIMEOUT} s`));
        },
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    inst.on("error", reject);
  });
}

/** A pause of THINK_MS on average (uniform between half and one and a half times it), so users do not act in step. */
const thinkPause = () => new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));

/**
 * With think time: each user sends a request, reads the answer, pauses (thinkPause), and sends the next, for
 * DURATION seconds; requests still waiting at the end are left unanswered (reported as such, as with autocannon).
 */
/** Runs the users with think time; returns when the run stopped (Date.now()), before waiting for the users to wind down. */
async function runWithThinkTime(base: string, ctx: Ctx, vus: Vu[], rec: Recorder): Promise<number> {
  const stop = new AbortController();
  const end = Date.now() + DURATION * 1000;
  const user = async (v: Vu) => {
    await new Promise((r) => setTimeout(r, Math.random() * THINK_MS)); // start spread over one think time
    while (Date.now() < end) {
      const r = nextRequest(ctx, v);
      v.sentAt = Date.now();
      const t = performance.now();
      try {
        const res = await fetch(base + r.path, { method: r.method, body: r.body, headers: headersOf(v), signal: AbortSignal.any([stop.signal, AbortSignal.timeout(TIMEOUT * 1000)]) });
        const body = await res.text();
        if (stop.signal.aborted) return;
        rec.answer(v, res.status, performance.now() - t, body);
      } catch (e) {
        if (stop.signal.aborted) return; // the run ended while this request waited: counted as unanswered
        rec.failure(v, (e as Error).name === "TimeoutError" ? `no answer within ${TIMEOUT} s` : `connection failed: ${(e as Error).message}`);
      }
      await thinkPause();
    }
  };
  const users = Promise.all(vus.map(user));
  await new Promise((r) => setTimeout(r, DURATION * 1000));
  stop.abort();
  const stoppedAt = Date.now();
  // users pausing between requests finish their pause first (up to 1.5 s): not part of any request's age
  await users;
  return stoppedAt;
}

export async function benchLoad() {
  const url = process.env.LOAD_DATABASE_URL ?? DEFAULT_URL;
  await ensureLoadDatabase(url);
  // a copy made before the latest migrations gets them here (the app's code expects them)
  await migrateAndVacuum(url);
  const appOpts = { databaseUrl: url, port: PORT, dist: DIST };
  buildApp(appOpts, process.env.LOAD_SKIP_BUILD === "1");
  const app = await startApp(appOpts);
  const memory: { t: number; rssMb: number; load1: number }[] = [];
  try {
    const { ctx, vus, counts, orgId } = await prepare(url, app);
    console.log(`[load] ${vus.length} users signed in (${ROLE_SHARE.map(([r]) => `${vus.filter((v) => v.role === r).length} ${r}`).join(", ")}); dataset: ${JSON.stringify(counts)}`);

    // warm-up: each role's cycle once, one after the other (fills the connection pool and the caches)
    for (const role of new Set(vus.map((v) => v.role))) {
      const v = { ...vus.find((x) => x.role === role)!, step: 0, deals: [], tickets: [] } as Vu;
      v.deals = vus.find((x) => x.role === role)!.deals.map((d) => ({ ...d }));
      v.tickets = vus.find((x) => x.role === role)!.tickets;
      for (let i = 0; i < SCENARIOS[role].length; i++) {
        const r = nextRequest(ctx, v);
        if (r.activity) continue; // only the measured run writes activities (they are counted afterwards)
        await fetch(app.base + r.path, { method: r.method, headers: headersOf(v), body: r.body }).then((x) => x.arrayBuffer());
      }
    }

    if (process.env.LOAD_SINGLE === "1") return await singleRequests(app, ctx, vus);

    const rec = recorder();
    const cpuBefore = { server: app.cpu(), database: cpuByPid(postgresPids()), driver: process.cpuUsage() };
    const t0 = Date.now();
    const sampler = setInterval(() => memory.push({ t: Math.round((Date.now() - t0) / 1000), rssMb: Math.round(app.rss() / 1048576), load1: +loadavg()[0]!.toFixed(2) }), 1000);
    memory.push({ t: 0, rssMb: Math.round(app.rss() / 1048576), load1: +loadavg()[0]!.toFixed(2) });
    let stoppedAt: number;
    if (THINK_MS > 0) stoppedAt = await runWithThinkTime(app.base, ctx, vus, rec);
    else {
      await runAutocannon(app.base, ctx, vus, rec);
      stoppedAt = Date.now();
    }
    clearInterval(sampler);
    const elapsed = (Date.now() - t0) / 1000;
    const driverCpu = process.cpuUsage(cpuBefore.driver);
    // cores busy on average during the run: the app server, all of PostgreSQL, this load driver
    const cores = (s: number) => +(s / elapsed).toFixed(2);
    const cpu = { server: cores(cpuBetween(cpuBefore.server, app.cpu())), database: cores(cpuBetween(cpuBefore.database, cpuByPid(postgresPids()))), driver: cores((driverCpu.user + driverCpu.system) / 1e6) };
    // requests still waiting for their answer when the run stopped (slower than their age, never answered)
    const unfinished = vus.filter((v) => v.sentAt !== null && v.last).map((v) => ({ route: v.last!.name, cls: v.last!.cls, ageMs: stoppedAt - v.sentAt! }));

    const { stats, lat, perName, acked } = rec;
    for (const cls of CLASSES) {
      const s = stats.get(cls)!;
      const xs = lat.get(cls)!.sort((a, b) => a - b);
      Object.assign(s, { rps: +(s.requests / DURATION).toFixed(1), p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), max: xs.at(-1) ?? null });
    }
    // acknowledged writes: every activity created with a 2xx answer must be in the database
    const stored = await withClient(url, async (c) => new Set((await c.query(`SELECT subject FROM "Activity" WHERE "organizationId" = $1 AND subject LIKE $2`, [orgId, `load ${ctx.runId} %`])).rows.map((x) => x.subject as string)));
    const missing = [...acked].filter((s) => !stored.has(s)).length;
    const routes = [...perName].map(([name, n]) => {
      const xs = n.ms.sort((a, b) => a - b);
      return { route: name, cls: n.cls, requests: xs.length + n.timeouts, answered: xs.length, errors: n.errors, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99) };
    }).sort((a, b) => CLASSES.indexOf(a.cls) - CLASSES.indexOf(b.cls) || a.route.localeCompare(b.route));
    const all = CLASSES.flatMap((c) => lat.get(c)!).sort((a, b) => a - b);
    const timeouts = CLASSES.reduce((n, c) => n + stats.get(c)!.timeouts, 0);
    const total = { requests: all.length + timeouts, rps: +((all.length + timeouts) / DURATION).toFixed(1), p50: pct(all, 50), p97_5: pct(all, 97.5), p99: pct(all, 99), non2xx: rec.non2xx, timeouts };
    writeResults({ url, counts, users: vus.length, roles: Object.fromEntries(ROLE_SHARE.map(([r]) => [r, vus.filter((v) => v.role === r).length])), durationS: DURATION, elapsedS: +elapsed.toFixed(1), serverProcesses: SERVER_PROCESSES, thinkMs: THINK_MS, total, classes: Object.fromEntries(stats), routes, memory, cpu, activitiesAcked: acked.size, activitiesInDb: stored.size, activitiesMissing: missing, unfinished });
  } finally {
    await app.stop();
  }
}

type Out = {
  url: string; counts: Record<string, number>; users: number; roles: Record<string, number>; durationS: number; elapsedS: number; serverProcesses: number; thinkMs: number;
  total: { requests: number; rps: number; p50: number | null; p97_5: number | null; p99: number | null; non2xx: number; timeouts: number };
  classes: Record<string, ClassStats>; routes: { route: string; cls: Class; requests: number; answered: number; errors: number; p50: number | null; p95: number | null; p99: number | null }[];
  memory: { t: number; rssMb: number; load1: number }[];
  /** cores busy on average during the run */
  cpu: { server: number; database: number; driver: number };
  activitiesAcked: number; activitiesInDb: number; activitiesMissing: number;
  unfinished: { route: string; cls: Class; ageMs: number }[];
};

function writeResults(o: Out) {
  const date = new Date().toISOString().slice(0, 16).replace("T", " ");
  const t = o.total;
  const rss = o.memory.map((x) => x.rssMb);
  const loads = o.memory.map((x) => x.load1);
  const summary = {
    ...t,
    rssStartMb: rss[0], rssMaxMb: Math.max(...rss), rssEndMb: rss.at(-1), load1Min: Math.min(...loads), load1Max: Math.max(...loads),
  };
  mkdirSync("bench/results", { recursive: true });
  const { url: _u, total: _t, ...rest } = o;
  writeFileSync(`bench/results/${OUT}.json`, JSON.stringify({ date, database: new URL(o.url).pathname.slice(1), ...rest, summary }, null, 2) + "\n");
  const ms = (x: number | null | undefined) => (x == null ? "–" : `${Math.round(x)} ms`);
  const every = Math.max(1, Math.ceil(o.memory.length / 13));
  const md = [
    `# Load test (${date} UTC, ${o.thinkMs ? `think time ${thinkLabel(o.thinkMs)}` : "autocannon, no think time"}, npm start with WEB_CONCURRENCY=${o.serverProcesses} (next start processes), PostgreSQL)`,
    "",
    `${o.users} signed-in users (${Object.entries(o.roles).map(([k, n]) => `${n} ${k}`).join(", ")}), ${o.thinkMs ? `one request at a time each, pausing ${thinkLabel(o.thinkMs)} after every answer before its next request` : "one connection each, no think time (each sends its next request as soon as the last is answered)"}, ${o.durationS} s. Database ${new URL(o.url).pathname.slice(1)}, organization "northwind": ${Object.entries(o.counts).map(([k, n]) => `${k} ${Number(n).toLocaleString("en-US")}`).join(", ")}.`,
    `Load average (1 min, 2 cores shared with other jobs) during the run: ${summary.load1Min}–${summary.load1Max}.`,
    "",
    `Total: ${summary.requests.toLocaleString("en-US")} requests, ${summary.rps} requests/s, p50 ${ms(summary.p50)}, p97.5 ${ms(summary.p97_5)}, p99 ${ms(summary.p99)}; non-2xx ${summary.non2xx}, timeouts (> ${TIMEOUT} s) ${summary.timeouts}.`,
    "",
    `| class | answered + timeouts | requests/s | p50 | p95 | p99 | max | errors (non-2xx + timeouts) | unanswered at the end (oldest) | p95 < ${TARGET_P95_MS} ms |`,
    "|---|---|---|---|---|---|---|---|---|---|",
    ...CLASSES.map((c) => {
      const s = o.classes[c]!;
      const u = o.unfinished.filter((x) => x.cls === c);
      const ok = s.p95 !== null && s.p95 < TARGET_P95_MS && s.errors === 0 && u.every((x) => x.ageMs < TARGET_P95_MS);
      return `| ${c} | ${s.requests} | ${s.rps} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} | ${s.errors} (${s.timeouts} timeouts) | ${u.length}${u.length ? ` (${ms(Math.max(...u.map((x) => x.ageMs)))})` : ""} | ${ok ? "met" : "NOT met"} |`;
    }),
    "",
    "| route | class | answered | errors (non-2xx + timeouts) | p50 | p95 | p99 | unanswered at the end |",
    "|---|---|---|---|---|---|---|---|",
    ...[...new Set([...o.routes.map((x) => x.route), ...o.unfinished.map((x) => x.route)])].map((route) => {
      const x = o.routes.find((y) => y.route === route);
      const u = o.unfinished.filter((y) => y.route === route);
      return `| ${route} | ${x?.cls ?? u[0]!.cls} | ${x?.answered ?? 0} | ${x?.errors ?? 0} | ${ms(x?.p50)} | ${ms(x?.p95)} | ${ms(x?.p99)} | ${u.length ? `${u.length} (waiting ${u.map((y) => Math.round(y.ageMs / 1000)).join(", ")} s)` : "0"} |`;
    }),
    "",
    `Acknowledged writes: ${o.activitiesAcked} activities created with a 2xx answer; ${o.activitiesMissing} of them missing from the database afterwards${o.activitiesMissing ? " — LOST WRITES" : ""}. The database has ${o.activitiesInDb} (the others were still in flight when the run stopped: written, but the answer was not read).`,
    "",
    `CPU during the run (cores busy on average, of 2): the app server (next start) ${o.cpu.server}, PostgreSQL ${o.cpu.database}, this load driver ${o.cpu.driver}.`,
    "",
    `Server memory (RSS of the next start process group, sampled every second): ${summary.rssStartMb} MB at the start, peak ${summary.rssMaxMb} MB, ${summary.rssEndMb} MB at the end.`,
    "",
    "| t (s) | " + o.memory.filter((_, i) => i % every === 0).map((x) => x.t).join(" | ") + " |",
    "|---|" + o.memory.filter((_, i) => i % every === 0).map(() => "---").join("|") + "|",
    "| RSS MB | " + o.memory.filter((_, i) => i % every === 0).map((x) => x.rssMb).join(" | ") + " |",
    "| load 1m | " + o.memory.filter((_, i) => i % every === 0).map((x) => x.load1).join(" | ") + " |",
    "",
    ...Object.entries(o.classes).flatMap(([c, s]) => (s.errorSample.length ? [`Errors (${c}), first ones:`, "", ...s.errorSample.map((e) => `- ${e}`), ""] : [])),
  ].join("\n");
  writeFileSync(`bench/results/${OUT}.md`, md);
  console.log(md);
}

if (process.argv[1]?.endsWith("load.ts")) {
  benchLoad().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
