import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// Markers that must never appear in the browser half of a build (<dist>/static): secrets, database URLs and
// server-only code. Used by e2e/bundle.spec.ts (every e2e build) and `npm run test:instances` (a canary build).
export const SERVER_ONLY_MARKERS = [
  "postgresql://", "postgres://", "pglite:", "DATABASE_URL", "NEXTAUTH_SECRET", "PrismaClient", "$queryRawUnsafe",
  "@node-rs/argon2", "passwordHash", "BEGIN PRIVATE KEY",
];

/** Every file under `<dist>/static` that contains one of `needles`, as "file: needle", plus what was scanned. */
export function scanClientBundle(dist: string, needles: string[]) {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else files.push(path.join(d, e.name));
    }
  };
  walk(path.join(process.cwd(), dist, "static"));
  const found: string[] = [];
  let bytes = 0;
  let scripts = 0;
  for (const file of files) {
    if (statSync(file).size > 20_000_000) continue;
    if (file.endsWith(".js")) scripts++;
    const text = readFileSync(file, "latin1");
    bytes += text.length;
    for (const n of needles) if (text.includes(n)) found.push(`${path.relative(process.cwd(), file)}: ${n}`);
  }
  return { files: files.length, scripts, bytes, found };
}
