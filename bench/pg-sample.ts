// Where the database spends its time during a run: samples pg_stat_activity every PG_SAMPLE_MS (10) ms and
// counts the active statements (by their first 160 characters, whitespace folded) and wait events. Run it
// beside a load test; stop it with Ctrl-C (or SIGTERM) and it prints the table, sorted by samples.
//   npx tsx bench/pg-sample.ts [database]      (default sasaran_load)
import pg from "pg";

const DB = process.argv[2] ?? "sasaran_load";
const EVERY_MS = Number(process.env.PG_SAMPLE_MS ?? 10);

const client = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/postgres" });
const statements = new Map<string, number>();
const waits = new Map<string, number>();
let samples = 0;
let busy = 0;

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

async function sample() {
  const { rows } = await client.query<{ query: string; wait: string | null }>(
    `SELECT query, wait_event_type || ':' || wait_event AS wait FROM pg_stat_activity
      WHERE state = 'active' AND datname = $1 AND pid <> pg_backend_pid()`,
    [DB],
  );
  samples++;
  busy += rows.length;
  for (const r of rows) {
    bump(statements, r.query.replace(/\s+/g, " ").slice(0, 160));
    bump(waits, r.wait ?? "CPU");
  }
}

function report() {
  const table = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, n]) => `${((n / busy) * 100).toFixed(1).padStart(5)}%  ${k}`).join("\n");
  console.log(`${samples} samples, ${(busy / Math.max(1, samples)).toFixed(2)} active backends on average\n`);
  console.log(`wait events (share of busy samples):\n${table(waits)}\n`);
  console.log(`statements (share of busy samples):\n${table(statements)}`);
}

await client.connect();
let running = true;
const stop = () => (running = false);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
while (running) {
  await sample();
  await new Promise((r) => setTimeout(r, EVERY_MS));
}
report();
await client.end();
