import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// The browser half of the build (<dist>/static, what any visitor downloads) must hold no secret, database URL or
// server-only code. The e2e server built it (scripts/e2e-server.mjs); `npm run test:instances` also builds one
// with canary secrets in the build's environment and scans it the same way.
const DIST = process.env.NEXT_DIST_DIR ?? ".next-e2e";

test("the client bundle holds no secret, database URL or server-only module", async () => {
  const dir = path.join(process.cwd(), DIST, "static");
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else files.push(path.join(d, e.name));
    }
  };
  walk(dir);
  expect(files.length).toBeGreaterThan(10);
  const needles = [
    "sasaran-e2e-secret-not-for-production", // the e2e server's NEXTAUTH_SECRET
    "postgresql://", "postgres://", "pglite:", "DATABASE_URL", "NEXTAUTH_SECRET", "PrismaClient", "$queryRawUnsafe",
    "@node-rs/argon2", "passwordHash", "BEGIN PRIVATE KEY",
  ];
  const found: string[] = [];
  let scripts = 0;
  for (const file of files) {
    if (statSync(file).size > 20_000_000) continue;
    if (file.endsWith(".js")) scripts++;
    const text = readFileSync(file, "latin1");
    for (const n of needles) if (text.includes(n)) found.push(`${path.relative(process.cwd(), file)}: ${n}`);
  }
  expect(scripts).toBeGreaterThan(5);
  expect(found).toEqual([]);
});
