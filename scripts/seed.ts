// Demo data: tsx scripts/seed.ts [--size test|demo|bench] [--seed 42] [--reset]
// Fills DATABASE_URL (migrated first: node scripts/migrate.mjs deploy) with the generated demo company.
// Without --reset an existing demo organization is left untouched.
import { createDb, DatabaseUnavailableError } from "../src/server/db/client";
import { generateDemo, type DemoSize } from "../src/server/demo/generate";
import { DEMO_EMAIL_DOMAINS, DEMO_ORGS, DEMO_USERS } from "../src/server/demo/users";
import type { PrismaClient } from "../src/generated/prisma/client";

function fail(msg: string): never {
  console.error(`seed: ${msg}`);
  process.exit(1);
}

function parseArgs(argv: string[]): { size: DemoSize; seed: number; reset: boolean } {
  let size: DemoSize = "demo";
  let seed = 42;
  let reset = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [key, inline] = a.includes("=") ? (a.split("=", 2) as [string, string]) : [a, undefined];
    const value = () => inline ?? argv[++i] ?? fail(`${key} needs a value`);
    if (key === "--size") {
      const v = value();
      if (v !== "test" && v !== "demo" && v !== "bench") fail(`--size must be test, demo or bench (got "${v}")`);
      size = v;
    } else if (key === "--seed") {
      const v = value();
      if (!/^\d+$/.test(v)) fail(`--seed must be a non-negative integer (got "${v}")`);
      seed = Number(v);
    } else if (key === "--reset") reset = true;
    else if (key === "--help" || key === "-h") {
      console.log("usage: tsx scripts/seed.ts [--size test|demo|bench] [--seed 42] [--reset]");
      process.exit(0);
    } else fail(`unknown argument "${a}" (usage: tsx scripts/seed.ts [--size test|demo|bench] [--seed 42] [--reset])`);
  }
  return { size, seed, reset };
}

/** Deletes the demo organizations (rows cascade) and the demo users. */
async function resetDemo(db: PrismaClient): Promise<void> {
  const orgs = await db.organization.findMany({ where: { slug: { in: DEMO_ORGS.map((o) => o.slug) } }, select: { id: true } });
  const orgIds = orgs.map((o) => o.id);
  const members = await db.membership.findMany({ where: { organizationId: { in: orgIds } }, select: { userId: true } });
  // LoginEvent has no foreign key to the organization
  await db.loginEvent.deleteMany({ where: { organizationId: { in: orgIds } } });
  // Deal and DealStageChange reference PipelineStage with ON DELETE RESTRICT: remove them before the cascade
  await db.dealStageChange.deleteMany({ where: { organizationId: { in: orgIds } } });
  await db.deal.deleteMany({ where: { organizationId: { in: orgIds } } });
  await db.organization.deleteMany({ where: { id: { in: orgIds } } });
  // demo users: the fixed logins and generated staff, unless they still belong to another organization
  await db.user.deleteMany({
    where: {
      OR: [
        { id: { in: members.map((m) => m.userId) } },
        { email: { in: DEMO_USERS.map((u) => u.email) } },
        ...DEMO_EMAIL_DOMAINS.map((d) => ({ email: { endsWith: d } })),
      ],
      memberships: { none: {} },
    },
  });
}

async function main(): Promise<void> {
  const { size, seed, reset } = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url) fail("DATABASE_URL is not set (e.g. DATABASE_URL=pglite:./.data/pglite or postgresql://...)");
  const started = performance.now();
  let db: PrismaClient;
  try {
    db = await createDb(url);
    await db.$queryRawUnsafe("SELECT 1");
  } catch (e) {
    fail(`cannot reach the database at DATABASE_URL: ${e instanceof DatabaseUnavailableError ? e.message : oneLine(e)}`);
  }
  try {
    try {
      const existing = await db.organization.findUnique({ where: { slug: "northwind" }, select: { id: true } });
      if (existing && !reset) {
        console.log("seed: demo organization \"northwind\" already exists; nothing to do (use --reset to recreate it)");
        return;
      }
    } catch (e) {
      fail(`database is not migrated? (${oneLine(e)}); run: node scripts/migrate.mjs deploy`);
    }
    if (reset) {
      console.log("seed: deleting the existing demo organizations and users ...");
      await resetDemo(db);
    }
    // today at UTC midnight: reruns on the same day give identical data
    const d = new Date();
    const now = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    console.log(`seed: generating size=${size} seed=${seed} now=${now.toISOString().slice(0, 10)} ...`);
    const summary = await generateDemo(db, { seed, size, now, onProgress: (m) => console.log(`  [${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${m}`) });
    for (const o of summary.organizations) {
      console.log(`\n${o.name} (${o.slug}):`);
      for (const [t, n] of Object.entries(o.counts)) console.log(`  ${t.padEnd(16)} ${n.toLocaleString("en-US").padStart(10)}`);
    }
    const total = Object.values(summary.totals).reduce((a, b) => a + b, 0);
    console.log(`\nseed: ${total.toLocaleString("en-US")} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(`seed: logins (password "${DEMO_USERS[0]?.password}"): ${DEMO_USERS.map((u) => u.email).join(", ")}`);
  } finally {
    await db.$disconnect();
  }
}

function oneLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split("\n").map((l) => l.trim()).filter(Boolean).slice(-1)[0] ?? "unknown error";
}

main().then(
  () => process.exit(0),
  (e) => fail(oneLine(e)),
);
