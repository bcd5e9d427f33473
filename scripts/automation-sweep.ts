// One pass of the idle-rule sweep: tsx scripts/automation-sweep.ts (npm run automation:sweep), e.g. from cron.
// On PGlite only while the app is stopped (one process per data directory); on PostgreSQL at any time.
import { createDb, DatabaseUnavailableError } from "../src/server/db/client";
import { sweepIdleRules } from "../src/server/automation/sweep";

const url = process.env.DATABASE_URL;
try {
  if (!url) throw new DatabaseUnavailableError("DATABASE_URL is not set.");
  const db = await createDb(url);
  const t0 = Date.now();
  const r = await sweepIdleRules(db);
  console.log(`automation sweep: ${r.rules} idle rules, ${r.fired} runs (${r.failed} failed) in ${Date.now() - t0} ms`);
  await db.$disconnect();
  process.exit(0);
} catch (e) {
  console.error(`automation sweep: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
