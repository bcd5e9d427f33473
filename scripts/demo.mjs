#!/usr/bin/env node
// `npm run demo`: the whole app on the embedded database (PGlite) with a generated demo company.
//   1. apply migrations   2. generate demo data (once; --reset to regenerate)   3. build   4. next start
// Settings come from the environment or .env (see .env.example); the defaults need no server at all.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";

if (existsSync(".env")) process.loadEnvFile(".env");
const env = process.env;
env.DATABASE_URL ||= "pglite:./.data/pglite";
const port = env.PORT || "3000";
env.NEXTAUTH_URL ||= `http://localhost:${port}`;
if (!env.NEXTAUTH_SECRET) {
  // a random secret, kept beside the demo database so sessions survive restarts
  mkdirSync(".data", { recursive: true });
  const file = ".data/nextauth-secret";
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  env.NEXTAUTH_SECRET = readFileSync(file, "utf8").trim();
}
const reset = process.argv.includes("--reset");

function step(title, cmd, args) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

console.log(`Sasaran demo — database: ${env.DATABASE_URL}`);
step("Applying database migrations", "node", ["scripts/migrate.mjs", "deploy"]);
step("Generating the demo company (first run only)", "npx", ["tsx", "scripts/seed.ts", "--size", "demo", ...(reset ? ["--reset"] : [])]);
if (env.DEMO_SKIP_BUILD !== "1" || !existsSync(".next/BUILD_ID")) step("Building the app", "npx", ["next", "build"]);

console.log(`\n▶ Starting Sasaran on ${env.NEXTAUTH_URL}`);
const server = spawn("npx", ["next", "start", "-p", port], { stdio: ["inherit", "pipe", "inherit"], env });
let announced = false;
server.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /Ready|started server|Local:/i.test(String(chunk))) {
    announced = true;
    console.log(`
  Sasaran is running: ${env.NEXTAUTH_URL}

  Demo logins (password for all: sasaran-demo)
    crm@northwind.test       CRM manager (sees everything)
    sales@northwind.test     Sales & marketing manager
    support@northwind.test   Customer support manager
    rep@northwind.test       Sales rep
    agent@northwind.test     Support agent
    crm@contoso.test         CRM manager of a second organization

  Stop with Ctrl+C.`);
  }
});
for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => server.kill(s));
server.on("exit", (code) => process.exit(code ?? 0));
