// Two instances on ONE PostgreSQL database (A: `next start`; B: `npm start` as two processes, WEB_CONCURRENCY=2) (npm run test:instances; PostgreSQL only: PGlite is one
// process per data directory). Builds once into $NEXT_DIST_DIR (default .next-instances) unless a build is there.
// Shows over real HTTP: a session made on A works on B; login rate limits count across both; "sign out everywhere"
// on B refuses the old cookie on A; import progress and cancel work from the other instance (nothing held only in
// one process's memory); next-auth refuses a sign-in POST without its CSRF token; the security headers are sent;
// the client bundle holds no secret.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDb, type TestDb } from "../db";
import { PASSWORD, createFixtures, type Fixtures } from "../fixtures";
import { SERVER_ONLY_MARKERS, scanClientBundle } from "../support/bundle";

const ROOT = process.cwd();
const DIST = process.env.NEXT_DIST_DIR ?? ".next-instances";
const SERVER_URL = process.env.TEST_DATABASE_URL?.startsWith("postgres") ? process.env.TEST_DATABASE_URL : "postgresql://postgres@127.0.0.1:5432/postgres";
const BASE_PORT = Number(process.env.INSTANCES_PORT ?? 3310);
const SECRET = "sasaran-instances-secret-0123456789-abcdefghijklmnop";
// canaries: if the build runs here, they are in its environment and must not reach the client bundle
const CANARY_DB = "postgresql://canary-user:canary-pass-7f3a@db.canary.invalid:5432/canary";
const A = `http://127.0.0.1:${BASE_PORT}`;
const B = `http://127.0.0.1:${BASE_PORT + 1}`;

let t: TestDb;
let f: Fixtures;
let built = false;
const servers: ChildProcess[] = [];

async function waitFor(url: string, ms = 120_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url, { redirect: "manual" })).status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer in ${ms} ms`);
}

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, DIST, "BUILD_ID"))) {
    const r = spawnSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], {
      stdio: "inherit",
      // vitest runs with NODE_ENV=test: a production build (and its production-only headers, HSTS) needs it said
      env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: DIST, NEXTAUTH_SECRET: SECRET, DATABASE_URL: CANARY_DB },
    });
    if (r.status !== 0) throw new Error("next build failed");
    built = true;
  }
  t = await createPostgresDb(SERVER_URL);
  f = await createFixtures(t.db);
  const importDir = mkdtempSync(path.join(tmpdir(), "sasaran-instances-"));
  for (const port of [BASE_PORT, BASE_PORT + 1]) {
    // A is `next start`; B is `npm start`'s script with WEB_CONCURRENCY=2: two server processes on one port
    const [cmd, args] = port === BASE_PORT ? [path.join(ROOT, "node_modules/.bin/next"), ["start"]] : [process.execPath, ["scripts/start.mjs"]];
    const child = spawn(cmd, [...args, "-p", String(port), "-H", "127.0.0.1"], {
      env: {
        ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: DIST, DATABASE_URL: t.url, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: A,
        IMPORT_DIR: importDir, // both instances share the upload folder, as a shared volume would
        WEB_CONCURRENCY: "2",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => process.env.INSTANCES_VERBOSE && process.stdout.write(`[${port}] ${d}`));
    child.stderr?.on("data", (d) => process.stderr.write(`[${port}] ${d}`));
    servers.push(child);
  }
  await Promise.all([waitFor(`${A}/login`), waitFor(`${B}/login`)]);
}, 900_000);

afterAll(async () => {
  for (const s of servers) s.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await t?.close();
});

/** Cookie jar of one browser: name -> value, from Set-Cookie headers. */
class Jar {
  cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === "" || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  get session() {
    return this.cookies.get("next-auth.session-token");
  }
}

async function fetchIn(jar: Jar, url: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (jar.cookies.size) headers.set("cookie", jar.header());
  return jar.take(await fetch(url, { ...init, headers, redirect: "manual" }));
}

/** Signs in through next-auth's credentials endpoint (CSRF token included); returns the error shown, if any. */
async function signIn(jar: Jar, base: string, email: string, password: string, opts: { csrf?: boolean; ip?: string } = {}) {
  const { csrfToken } = (await (await fetchIn(jar, `${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  const body = new URLSearchParams({ email, password, json: "true", callbackUrl: `${base}/` });
  if (opts.csrf !== false) body.set("csrfToken", csrfToken);
  const res = await fetchIn(jar, `${base}/api/auth/callback/credentials`, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", ...(opts.ip ? { "x-forwarded-for": opts.ip } : {}) },
  });
  const text = await res.text();
  const url = res.headers.get("location") ?? (text.startsWith("{") ? (JSON.parse(text) as { url?: string }).url : "") ?? "";
  return { status: res.status, url, error: new URL(url, base).searchParams.get("error") };
}

async function trpc(jar: Jar, base: string, proc: string, input?: unknown, method: "GET" | "POST" = "GET") {
  const url = method === "GET" ? `${base}/api/trpc/${proc}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}` : `${base}/api/trpc/${proc}`;
  const res = await fetchIn(jar, url, method === "POST" ? { method, body: JSON.stringify({ json: input ?? null }), headers: { "content-type": "application/json" } } : {});
  const json = (await res.json()) as { result?: { data?: { json?: unknown } }; error?: { json?: { message?: string; data?: { code?: string } } } };
  return { status: res.status, data: json.result?.data?.json as Record<string, unknown> | undefined, error: json.error?.json };
}

describe("two instances, one database", () => {
  it("a session made on A works on B", async () => {
    const jar = new Jar();
    const r = await signIn(jar, A, f.alpha.users.CRM_MANAGER.email, PASSWORD, { ip: "192.0.2.10" });
    expect(r.error).toBeNull();
    expect(jar.session).toBeTruthy();
    const session = (await (await fetchIn(jar, `${B}/api/auth/session`)).json()) as { user?: { email?: string; organizationId?: string } };
    expect(session.user).toMatchObject({ email: f.alpha.users.CRM_MANAGER.email, organizationId: f.alpha.organizationId });
    const me = await trpc(jar, B, "me.get");
    expect(me.status).toBe(200);
    expect(me.data).toMatchObject({ email: f.alpha.users.CRM_MANAGER.email });
  });

  it("counts login failures across both instances: 3 on A + 2 on B lock the account on A, with the unknown-email message", async () => {
    const email = f.alpha.users.SALES_REP.email;
    const errors: (string | null)[] = [];
    for (const [i, base] of [A, A, A, B, B].entries()) errors.push((await signIn(new Jar(), base, email, `wrong-password-${i}`, { ip: `192.0.2.${20 + i}` })).error);
    expect(errors).toEqual(Array(5).fill("Email or password is incorrect."));
    const jar = new Jar();
    const locked = await signIn(jar, A, email, PASSWORD, { ip: "192.0.2.30" });
    expect(locked.error).toBe("Too many failed sign-in attempts. Wait 15 minutes and try again.");
    expect(jar.session).toBeUndefined();
    // an unknown email gets the same two answers
    const unknown: (string | null)[] = [];
    for (let i = 0; i < 6; i++) unknown.push((await signIn(new Jar(), i % 2 ? A : B, `nobody-${f.run}@nowhere.test`, "wrong-password", { ip: `192.0.2.${40 + i}` })).error);
    expect(unknown).toEqual([...Array(5).fill("Email or password is incorrect."), "Too many failed sign-in attempts. Wait 15 minutes and try again."]);
  });

  it("refuses a sign-in POST without the CSRF token (no session cookie)", async () => {
    const jar = new Jar();
    const r = await signIn(jar, A, f.alpha.users.SUPPORT_MANAGER.email, PASSWORD, { csrf: false, ip: "192.0.2.50" });
    expect(jar.session).toBeUndefined();
    expect(r.url).toContain("csrf=true");
    expect(((await (await fetchIn(jar, `${A}/api/auth/session`)).json()) as object)).toEqual({});
  });

  it("sign out everywhere on B refuses the old cookie on A (and on B)", async () => {
    const jar = new Jar();
    expect((await signIn(jar, A, f.beta.users.SALES_MANAGER.email, PASSWORD, { ip: "192.0.2.60" })).error).toBeNull();
    const old = new Jar();
    old.cookies.set("next-auth.session-token", jar.session!);
    expect((await trpc(old, A, "me.get")).status).toBe(200);
    expect((await trpc(jar, B, "me.signOutEverywhere", undefined, "POST")).status).toBe(200);
    expect((await trpc(old, A, "me.get")).status).toBe(401);
    expect((await trpc(old, B, "home.getSummary")).status).toBe(401);
    expect(await (await fetchIn(old, `${A}/api/auth/session`)).json()).toEqual({});
    expect((await fetchIn(old, `${A}/api/export/deals`)).status).toBe(401);
  });

  it("import: progress started on A is read on B (running, never 'interrupted'), and a cancel on B stops A's commit", async () => {
    const jar = new Jar();
    expect((await signIn(jar, A, f.alpha.users.SALES_MANAGER.email, PASSWORD, { ip: "192.0.2.70" })).error).toBeNull();
    const rows = Number(process.env.INSTANCES_IMPORT_ROWS ?? 400_000);
    const csv = `Name,Amount,Stage\n${Array.from({ length: rows }, (_, i) => `Instance deal ${i},${(i % 900) + 100},Prospecting`).join("\n")}\n`;
    const upload = async () => {
      const res = await fetchIn(jar, `${A}/api/import/upload?type=deal&name=instances.csv`, { method: "POST", body: csv, headers: { "content-type": "text/csv" } });
      expect(res.status).toBe(201);
      return ((await res.json()) as { jobId: string }).jobId;
    };
    const jobId = await upload();
    const started = await trpc(jar, A, "import.validate", { jobId }, "POST");
    expect(started.status, JSON.stringify(started.error)).toBe(200);
    const seen: { status: string; running: boolean; processedRows: number }[] = [];
    for (let i = 0; i < 600; i++) {
      const j = (await trpc(jar, B, "import.getJob", { jobId })).data as { status: string; running: boolean; processedRows: number };
      seen.push({ status: j.status, running: j.running, processedRows: j.processedRows });
      if (j.status !== "VALIDATING") break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(seen.some((s) => s.status === "FAILED"), JSON.stringify(seen.slice(-3))).toBe(false);
    expect(seen.at(-1)?.status).toBe("VALIDATED");
    const whileRunning = seen.filter((s) => s.status === "VALIDATING");
    expect(whileRunning.length).toBeGreaterThan(0);
    expect(whileRunning.every((s) => s.running)).toBe(true);
    console.log(`[instances] B polled ${whileRunning.length} times while A validated ${rows} rows; processedRows seen on B: ${[...new Set(whileRunning.map((s) => s.processedRows))].slice(0, 8).join(", ")}…`);

    // the commit, cancelled from B: A sees the request at its next heartbeat (every 2 s) and rolls everything back.
    // (A validation of this file can end before the first heartbeat on a fast machine; the commit takes longer.)
    const count = async () => Number((await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "Deal" WHERE name LIKE 'Instance deal %'`))[0]!.n);
    expect((await trpc(jar, A, "import.commit", { jobId }, "POST")).status).toBe(200);
    const cancelled = await trpc(jar, B, "import.cancel", { jobId }, "POST");
    expect(cancelled.status).toBe(200);
    let status = "";
    for (let i = 0; i < 240 && status !== "CANCELLED" && status !== "DONE"; i++) {
      status = String(((await trpc(jar, A, "import.getJob", { jobId })).data as { status: string }).status);
      if (status !== "CANCELLED") await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe("CANCELLED");
    expect(await count()).toBe(0);
  });

  it("B (npm start, WEB_CONCURRENCY=2) is two server processes on one port, and answers through both", async () => {
    const primary = servers[1]!.pid!;
    const children = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).filter((d) => {
      try {
        // /proc/<pid>/stat: pid (comm) state ppid ...; comm may hold spaces, so read after the last ')'
        return Number(readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]!.split(" ")[1]) === primary;
      } catch {
        return false;
      }
    });
    expect(children).toHaveLength(2);
    const statuses = await Promise.all(Array.from({ length: 12 }, () => fetch(`${B}/login`).then((r) => r.status)));
    expect(statuses.every((x) => x === 200)).toBe(true);
  });

  it("sends the security headers", async () => {
    const res = await fetch(`${A}/login`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(res.headers.get("x-powered-by")).toBeNull();
    // API answers carry them too
    expect((await fetch(`${B}/api/auth/session`)).headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("the auth endpoints give an anonymous caller nothing", async () => {
    const jar = new Jar();
    expect(await (await fetchIn(jar, `${A}/api/auth/session`)).json()).toEqual({});
    const providers = (await (await fetchIn(jar, `${A}/api/auth/providers`)).json()) as Record<string, unknown>;
    expect(Object.keys(providers)).toEqual(["credentials"]);
    expect(JSON.stringify(providers)).not.toContain(f.alpha.organizationId);
  });
});

describe("client bundle", () => {
  it("holds no secret, database URL or server-only module", () => {
    const needles = [
      SECRET, ...SERVER_ONLY_MARKERS, "server-only",
      ...(process.env.NEXTAUTH_SECRET ? [process.env.NEXTAUTH_SECRET] : []),
      ...(built ? [CANARY_DB, "canary-pass-7f3a"] : []),
    ];
    const { files, bytes, found } = scanClientBundle(DIST, needles);
    expect(files).toBeGreaterThan(0);
    console.log(`[bundle] scanned ${files} files (${(bytes / 1e6).toFixed(1)} MB) of ${DIST}/static for ${needles.length} markers${built ? " (built here with canary secrets)" : ""}`);
    expect(found).toEqual([]);
  });
});
