#!/usr/bin/env node
// `npm start`: the production server (`next start`, same arguments: -p, -H). On PostgreSQL, WEB_CONCURRENCY=N
// runs N server processes sharing the port (node:cluster hands each new connection to the next process):
// one Node process renders pages on one core, so on a machine with several cores one process leaves them idle.
// The app keeps no state in memory that several processes would break (sessions, rate limits, jobs and the KPI
// cache are in PostgreSQL; test/instances.test.ts runs two servers on one database).
// On the embedded database (DATABASE_URL=pglite:...) there is always one process: PGlite is opened by one process.
import cluster from "node:cluster";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const url = process.env.DATABASE_URL ?? "";
const embedded = !url || url.startsWith("pglite:");
const requested = Number(process.env.WEB_CONCURRENCY ?? "1");
if (!Number.isInteger(requested) || requested < 1) {
  console.error(`[start] WEB_CONCURRENCY must be a whole number of processes, 1 or more (got "${process.env.WEB_CONCURRENCY}")`);
  process.exit(2);
}
const workers = embedded ? 1 : requested;
if (embedded && requested > 1) console.warn("[start] WEB_CONCURRENCY is ignored on the embedded database (one process opens PGlite)");

/** Runs `next start` with this script's arguments in this process. */
async function runNext() {
  const bin = require.resolve("next/dist/bin/next");
  process.argv = [process.argv[0], bin, "start", ...process.argv.slice(2)];
  await import(bin);
}

if (workers === 1 || !cluster.isPrimary) {
  await runNext();
} else {
  let stopping = false;
  const fork = () => cluster.fork();
  console.log(`[start] ${workers} server processes`);
  for (let i = 0; i < workers; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // a crashed process is replaced; the others keep serving meanwhile
    console.error(`[start] server process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  for (const sig of ["SIGTERM", "SIGINT"]) {
    process.on(sig, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(sig);
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  }
}
