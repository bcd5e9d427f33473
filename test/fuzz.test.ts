// Bad input, property-based (fast-check): every procedure of the router (enumerated like the access sweep) is
// fed random and hostile input — the valid input of test/procedure-inputs.ts with one field (or the whole input)
// replaced by huge strings, wrong types, SQL and script fragments, NUL bytes, NaN/Infinity, far and invalid dates,
// deep objects, prototype keys — as Alpha's CRM manager (allowed everything, so the input reaches validation and
// the domain logic). Every call must either succeed (a mutation that is still valid) or fail with a 4xx-class
// TRPCError (BAD_REQUEST, NOT_FOUND, FORBIDDEN, ...): never INTERNAL_SERVER_ERROR, never another exception. A
// refused mutation changes nothing (a checksum of every table before and after).
// FUZZ_RUNS (default 10 per procedure) and FUZZ_SEED (a failure prints the seed to replay) tune the run.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { appRouter } from "@/server/api/root";
import type { Caller } from "@/server/api/trpc";
import { createTestDb, type TestDb } from "./db";
import { callerFor, createFixtures, type Fixtures } from "./fixtures";
import { databaseChecksum } from "./support/checksum";
import { waitForJob } from "@/server/import/jobs";
import { PROCEDURE_INPUTS, casesOf } from "./procedure-inputs";

const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

type ProcDef = { _def: { meta?: { public?: boolean }; type: string } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcDef>).map(([path, p]) => ({
  path,
  type: p._def.type,
  isPublic: p._def.meta?.public === true,
}));

function deep(levels: number): unknown {
  let v: unknown = "bottom";
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Values no form would send. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    "", " ", "x".repeat(100_000), "é".repeat(20_000), "\u0000", "a\u0000b", "\uD800", "%", "_", "\\", "'", "\"",
    "' OR 1=1 --", "'; DROP TABLE \"Deal\"; --", "1; SELECT pg_sleep(5)", "$1", "${7*7}", "<script>alert(1)</script>", "javascript:alert(1)",
    "../../../../etc/passwd", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "not-a-uuid", "=HYPERLINK(\"x\")",
    NaN, Infinity, -Infinity, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -1, 0, 1.5, 2 ** 31, -(2 ** 31) - 1,
    new Date(8.64e15), new Date(-8.64e15), new Date(NaN), new Date(Date.UTC(9999, 11, 31)), new Date(Date.UTC(1, 0, 1)),
    "9999-12-31", "0001-01-01", "2026-02-30", "+275760-09-13", "1e400",
    true, false, null, undefined, [], {}, [null], { __proto__: { polluted: true } }, JSON.parse('{"__proto__": {"polluted": true}}'),
    deep(200), Array.from({ length: 10_000 }, (_, i) => i), Array.from({ length: 2_000 }, () => "00000000-0000-0000-0000-000000000000"),
    BigInt(2) ** BigInt(70), new Map([["a", 1]]), new Set([1]),
  ),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 100 }),
  fc.double(),
  fc.integer(),
  fc.date({ noInvalidDate: false }),
  fc.anything({ maxDepth: 3 }),
);

type Path = (string | number)[];
/** Every path into a value (objects and arrays), the value itself being []. */
function pathsOf(v: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (v && typeof v === "object" && !(v instanceof Date)) {
    for (const [k, child] of Object.entries(v)) out.push(...pathsOf(child, [...prefix, Array.isArray(v) ? Number(k) : k]));
  }
  return out;
}
function setAt(root: unknown, p: Path, value: unknown): unknown {
  if (p.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of p.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[p[p.length - 1]!] = value;
  return copy;
}

const CLIENT_ERRORS = ["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "PRECONDITION_FAILED", "PAYLOAD_TOO_LARGE", "UNPROCESSABLE_CONTENT", "TOO_MANY_REQUESTS", "METHOD_NOT_SUPPORTED"];

let t: TestDb;
let f: Fixtures;
beforeAll(async () => {
  t = await createTestDb();
  f = await createFixtures(t.db);
});
afterAll(async () => {
  await t?.close();
});

async function call(who: Caller, path: string, input: unknown): Promise<unknown> {
  let fn: unknown = callerFor(t.db, who);
  for (const key of path.split(".")) fn = (fn as Record<string, unknown>)[key];
  return (fn as (i: unknown) => Promise<unknown>)(input);
}

describe.each(procedures)("$path ($type)", ({ path, type, isPublic }) => {
  it(`answers hostile input with a 4xx, never a 500, and a refused ${type} changes nothing`, async () => {
    const entry = PROCEDURE_INPUTS[path];
    expect(entry, `${path} has no entry in test/procedure-inputs.ts`).toBeDefined();
    const valid = casesOf(entry!)[0]!.input(f.alpha, `fuzz${Date.now().toString(36)}`);
    const who: Caller = isPublic ? null : { userId: f.alpha.users.CRM_MANAGER.userId, organizationId: f.alpha.organizationId };
    const paths = pathsOf(valid);
    const extraKeys = ["__proto__", "constructor", "organizationId", "deletedAt", "id", "zz_unknown"];
    const input = fc.oneof(
      { arbitrary: fc.tuple(fc.constantFrom(...paths), hostile).map(([p, v]) => setAt(valid, p, v)), weight: 4 },
      { arbitrary: hostile, weight: 1 },
      {
        arbitrary: fc.tuple(fc.constantFrom(...extraKeys), hostile).map(([k, v]) => (valid && typeof valid === "object" ? { ...(valid as object), [k]: v } : valid)),
        weight: 1,
      },
    );
    await fc.assert(
      fc.asyncProperty(input, async (bad) => {
        const before = type === "mutation" ? await databaseChecksum(t.db) : null;
        let code = "OK";
        let detail = "";
        try {
          await call(who, path, bad);
        } catch (e) {
          if (!(e instanceof TRPCError)) throw new Error(`${path} threw a non-tRPC error: ${String(e)}`);
          code = e.code;
          detail = `${e.message} ${e.cause instanceof Error ? e.cause.stack ?? e.cause.message : ""}`.slice(0, 1500);
        }
        // a successful import.validate/commit goes on in the background: let it finish before the next checksum
        if (code === "OK") return void (await Promise.all(f.alpha.allIds.concat(Object.values(f.beta.importJobs)).map((id) => waitForJob(id))));
        expect(CLIENT_ERRORS, `${path} answered ${code}: ${detail}`).toContain(code);
        if (before) expect(await databaseChecksum(t.db), `${path}: refused (${code}) but changed the database`).toBe(before);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 120_000);
});

// Regressions found by this fuzzer (each was an INTERNAL_SERVER_ERROR before its fix).
describe("fuzz regressions", () => {
  const crm = () => callerFor(t.db, { userId: f.alpha.users.CRM_MANAGER.userId, organizationId: f.alpha.organizationId });

  it("refuses text with half of a surrogate pair with BAD_REQUEST naming the field, and stores nothing (was: invalid input syntax for type json)", async () => {
    const before = await databaseChecksum(t.db);
    await expect(crm().surveys.create({ type: "CSAT", name: "\ud800" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "name: text contains an invalid character (half of a UTF-16 surrogate pair)." });
    await expect(crm().records.create({ type: "accounts", data: { name: "Co \udc00", status: "PROSPECT" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await databaseChecksum(t.db)).toBe(before);
    // a whole pair (an emoji) is text
    await expect(crm().surveys.create({ type: "CSAT", name: "Support 😀 survey" })).resolves.toBeTruthy();
  });

  it("refuses text with a NUL character with BAD_REQUEST naming the field, and stores nothing (was: PostgreSQL 22021)", async () => {
    const before = await databaseChecksum(t.db);
    await expect(crm().records.create({ type: "accounts", data: { name: "Nul\u0000Co", status: "PROSPECT" } })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "data.name: text cannot contain the NUL character." });
    await expect(crm().goals.create({ ...(casesOf(PROCEDURE_INPUTS["goals.create"]!)[0]!.input(f.alpha, "nul") as object), title: "a\u0000b" } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await databaseChecksum(t.db)).toBe(before);
  });

  it("records.list with an empty sort uses the default order (was: Prisma 'unexpected empty path')", async () => {
    const withEmpty = await crm().records.list({ type: "accounts", q: "Account", sort: "" });
    const byDefault = await crm().records.list({ type: "accounts", q: "Account" });
    expect(withEmpty.rows.length).toBeGreaterThan(0);
    expect(withEmpty.rows).toEqual(byDefault.rows);
  });
});
