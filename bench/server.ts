// The app as a benchmark sees it: a production build (`next build` into its own dist dir) served by `next start`
// on a given database, and next-auth sign-in over plain HTTP. Shared by bench/dashboard.ts, bench/load.ts and
// scripts/faults.ts.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";

export const BENCH_SECRET = "sasaran-bench-secret-not-for-production-0123456789";

export type AppOptions = { databaseUrl: string; port: number; dist: string; env?: Record<string, string> };

export function appEnv(o: AppOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: o.databaseUrl,
    NEXTAUTH_URL: `http://127.0.0.1:${o.port}`,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? BENCH_SECRET,
    NEXT_DIST_DIR: o.dist,
    NODE_ENV: "production",
    ...o.env,
  };
}

/** `next build` into o.dist unless `skip` and a build is already there. */
export function buildApp(o: AppOptions, skip: boolean) {
  if (skip && existsSync(`${o.dist}/BUILD_ID`)) return;
  const b = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: appEnv(o) });
  spawnSync("git", ["checkout", "--", "tsconfig.json"], { stdio: "ignore" }); // next build adds its dist dir to tsconfig
  if (b.status !== 0) throw new Error("next build failed");
}

export type App = {
  base: string;
  child: ChildProcess;
  /** pids of the server's process group (scripts/start.mjs and its next-server processes) */
  pids(): number[];
  /** resident memory of the whole process group, in bytes */
  rss(): number;
  /** CPU time (user + system) used so far by each live process of the group, in seconds */
  cpu(): Map<number, number>;
  stop(signal?: NodeJS.Signals): Promise<void>;
};

/** Starts `npm start`'s server (scripts/start.mjs: next start) on 127.0.0.1:o.port in its own process group and waits until /login answers. */
export async function startApp(o: AppOptions, quiet = true): Promise<App> {
  const base = `http://127.0.0.1:${o.port}`;
  // `npm start`'s script: next start, as WEB_CONCURRENCY processes on PostgreSQL (default 1)
  const child = spawn("node", ["scripts/start.mjs", "-p", String(o.port), "-H", "127.0.0.1"], {
    stdio: ["ignore", quiet ? "ignore" : "inherit", "inherit"],
    env: appEnv(o),
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pids = () => (child.pid ? processGroup(child.pid) : []);
  const app: App = {
    base,
    child,
    pids,
    rss: () => pids().reduce((s, pid) => s + rssOf(pid), 0),
    cpu: () => cpuByPid(pids()),
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    },
  };
  try {
    await waitForServer(base, child);
  } catch (e) {
    await app.stop("SIGKILL");
    throw e;
  }
  return app;
}

export async function waitForServer(base: string, child: ChildProcess, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("next start exited");
    try {
      const r = await fetch(`${base}/login`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`next start did not answer within ${timeoutMs / 1000} s`);
}

/** /proc/<pid>/stat after "(comm) ": state ppid pgrp ... (comm may contain spaces: split after the last ')'); null once gone */
function statFields(pid: number | string): { comm: string; fields: string[] } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return { comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), fields: stat.slice(stat.lastIndexOf(")") + 2).split(" ") };
  } catch {
    return null;
  }
}

function processGroup(pgid: number): number[] {
  return readdirSync("/proc").filter((d) => /^\d+$/.test(d) && Number(statFields(d)?.fields[2]) === pgid).map(Number);
}

/** The pids of this machine's PostgreSQL server processes (the postmaster and every backend). */
export function postgresPids(): number[] {
  return readdirSync("/proc").filter((d) => /^\d+$/.test(d) && statFields(d)?.comm === "postgres").map(Number);
}

/** User + system CPU seconds of each given live process (utime and stime, in clock ticks of 1/100 s). */
export function cpuByPid(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const f = statFields(pid)?.fields;
    if (f) out.set(pid, (Number(f[11]) + Number(f[12])) / 100);
  }
  return out;
}

/** CPU seconds used between two snapshots by the processes alive at the second (one started meanwhile counts whole). */
export const cpuBetween = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((s, [pid, t]) => s + t - (before.get(pid) ?? 0), 0);

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Signs in through next-auth's credentials provider; returns the Cookie header value carrying the session. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const r = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/`, json: "true" }),
  });
  keep(r);
  if (![...jar.keys()].some((k) => k.endsWith("next-auth.session-token"))) throw new Error(`sign-in of ${email} failed (HTTP ${r.status})`);
  return cookie();
}

/** tRPC over HTTP (no batching, superjson): a query as GET, a mutation as POST. */
export function trpcRequest(kind: "query" | "mutation", path: string, input: unknown): { method: "GET" | "POST"; path: string; body?: string } {
  const payload = JSON.stringify({ json: input });
  return kind === "query"
    ? { method: "GET", path: `/api/trpc/${path}?input=${encodeURIComponent(payload)}` }
    : { method: "POST", path: `/api/trpc/${path}`, body: payload };
}

/** Calls a tRPC procedure with fetch; returns the HTTP status and the decoded result (or error). */
export async function trpc<T = unknown>(base: string, cookie: string, kind: "query" | "mutation", path: string, input: unknown): Promise<{ status: number; data: T | null; error: { message: string; code?: string } | null }> {
  const req = trpcRequest(kind, path, input);
  const r = await fetch(base + req.path, { method: req.method, headers: { cookie, "content-type": "application/json" }, body: req.body });
  const text = await r.text();
  let body: { result?: { data?: { json?: T } }; error?: { json?: { message: string; data?: { code?: string } } } } = {};
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: an HTML error page */
  }
  const err = body.error?.json;
  return { status: r.status, data: body.result?.data?.json ?? null, error: err ? { message: err.message, code: err.data?.code } : r.ok ? null : { message: text.slice(0, 200) } };
}
