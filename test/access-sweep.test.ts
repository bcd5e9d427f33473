// THE access sweep: every procedure of the router, called as every kind of caller.
// - no entry in test/procedure-inputs.ts          -> the sweep fails (every new procedure gets one)
// - public procedures                              -> exactly PUBLIC_PROCEDURES
// - non-public procedures without meta.permission  -> AUTHED_ONLY (signed-in, any organization), or their
//                                                     cases say which permission/roles each input needs
//                                                     (per-input checks, e.g. a KPI's family) or anyMember
// For every non-public procedure and case: anonymous -> UNAUTHORIZED; each role the permission table does
// not allow -> FORBIDDEN; each allowed role -> succeeds with the valid input; Beta's CRM manager calling
// with Alpha's ids -> refused or nothing of Alpha's in the answer, and Alpha's rows unchanged; a
// deactivated member and a caller who is not a member of the organization -> FORBIDDEN.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { appRouter } from "@/server/api/root";
import { ACTIONS, ROLES, can, type Action, type Role } from "@/server/auth/permissions";
import type { Caller } from "@/server/api/trpc";
import { createTestDb, type TestDb } from "./db";
import { ALPHA_SECRET, callerFor, createFixtures, fingerprint, fixturePasswordHash, type Fixtures } from "./fixtures";
import { PROCEDURE_INPUTS, casesOf, type ProcedureCase } from "./procedure-inputs";

/** Procedures anyone may call without signing in. Adding one is a security decision: update this list. */
const PUBLIC_PROCEDURES = ["auth.signUp"];
/** Signed-in procedures that need no organization permission (they only read the caller's own data). */
const AUTHED_ONLY = ["me.get"];

type ProcDef = { _def: { meta?: { permission?: Action; public?: boolean }; type: string } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcDef>).map(([path, p]) => ({
  path,
  type: p._def.type,
  permission: p._def.meta?.permission,
  isPublic: p._def.meta?.public === true,
}));
const guarded = procedures.filter((p) => !p.isPublic);

/** Who may call a procedure with a case's input, from the permission table (or the case's explicit list). */
function allowedRoles(metaPermission: Action | undefined, c: ProcedureCase): Role[] {
  if (c.allowedRoles) return c.allowedRoles;
  const permission = metaPermission ?? c.permission;
  return permission ? ROLES.filter((r) => can(r, permission)) : [...ROLES];
}
const sweepCases = guarded.flatMap((p) =>
  (PROCEDURE_INPUTS[p.path] ? casesOf(PROCEDURE_INPUTS[p.path]!) : []).map((c) => ({
    ...p,
    case: c,
    label: c.label,
    needs: p.permission ?? c.permission ?? (c.allowedRoles ? `roles ${c.allowedRoles.join("/")}` : c.anyMember ? "membership" : "sign-in"),
    authedOnly: AUTHED_ONLY.includes(p.path),
  })),
);

let uniqCounter = 0;
const uniq = () => `${Date.now().toString(36)}${(uniqCounter++).toString(36)}`;

/** Calls a procedure by its dotted path with a caller built for `who`. */
async function call(t: TestDb, who: Caller, path: string, input: unknown): Promise<unknown> {
  let fn: unknown = callerFor(t.db, who);
  for (const key of path.split(".")) fn = (fn as Record<string, unknown>)[key];
  return (fn as (i: unknown) => Promise<unknown>)(input);
}

/** The TRPCError code of a call, or "OK" with its result. */
async function outcome(p: Promise<unknown>): Promise<{ code: string; result?: unknown; message?: string }> {
  try {
    return { code: "OK", result: await p };
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code, message: e.message };
    throw e;
  }
}

let t: TestDb;
let f: Fixtures;
let deactivated: { userId: string; organizationId: string };

beforeAll(async () => {
  t = await createTestDb();
  f = await createFixtures(t.db);
  // an Alpha member who had every permission but was deactivated
  const u = await t.db.user.create({ data: { email: `gone-${f.run}@alpha.test`, name: "Deactivated manager", passwordHash: await fixturePasswordHash() } });
  await t.db.membership.create({ data: { organizationId: f.alpha.organizationId, userId: u.id, role: "CRM_MANAGER", active: false } });
  deactivated = { userId: u.id, organizationId: f.alpha.organizationId };
});
afterAll(async () => {
  await t?.close();
});

describe("router inventory", () => {
  it("finds the procedures", () => {
    expect(procedures.length).toBeGreaterThan(0);
  });

  it("has a valid-input builder for every procedure (add new procedures to test/procedure-inputs.ts)", () => {
    const missing = procedures.map((p) => p.path).filter((p) => !(p in PROCEDURE_INPUTS));
    expect(missing, `procedures without an entry in test/procedure-inputs.ts: ${missing.join(", ")}`).toEqual([]);
    const stale = Object.keys(PROCEDURE_INPUTS).filter((k) => !procedures.some((p) => p.path === k));
    expect(stale, `entries in test/procedure-inputs.ts for procedures that no longer exist: ${stale.join(", ")}`).toEqual([]);
  });

  it("exposes exactly the expected public procedures", () => {
    expect(procedures.filter((p) => p.isPublic).map((p) => p.path).sort()).toEqual([...PUBLIC_PROCEDURES].sort());
  });

  it("gives every other procedure a permission from the permission table (or per-input rules, or lists it as AUTHED_ONLY)", () => {
    for (const p of guarded) {
      if (p.permission) expect(ACTIONS).toContain(p.permission);
      const cases = PROCEDURE_INPUTS[p.path] ? casesOf(PROCEDURE_INPUTS[p.path]!) : [];
      for (const c of cases) {
        if (c.permission) expect(ACTIONS).toContain(c.permission);
        if (p.permission && c.permission) expect(c.permission, `${p.path}: case permission differs from meta.permission`).toBe(p.permission);
        const declared = !!(p.permission || c.permission || c.allowedRoles || c.anyMember);
        expect(declared || AUTHED_ONLY.includes(p.path), `${p.path} (${c.label}) declares no permission: set meta.permission (roleProcedure) or describe its per-input rule in test/procedure-inputs.ts`).toBe(true);
      }
    }
  });

  it("denies every action to an unknown role", () => {
    for (const action of ACTIONS) {
      expect(can("NOT_A_ROLE", action)).toBe(false);
      expect(can(undefined, action)).toBe(false);
      expect(can(null, action)).toBe(false);
      expect(can("crm_manager", action)).toBe(false);
    }
  });
});

describe.each(sweepCases)("$path [$label] ($type, needs $needs)", ({ path, permission, case: c, authedOnly }) => {
  const input = () => c.input(f.alpha, uniq());
  const allowed = allowedRoles(permission, c);

  it("refuses an anonymous caller with UNAUTHORIZED", async () => {
    const r = await outcome(call(t, null, path, input()));
    expect(r.code).toBe("UNAUTHORIZED");
  });

  it.each([...ROLES])("as %s: FORBIDDEN unless allowed, else succeeds", async (role) => {
    const who = { userId: f.alpha.users[role].userId, organizationId: f.alpha.organizationId };
    const r = await outcome(call(t, who, path, input()));
    if (allowed.includes(role)) expect(r, `${role} should be allowed ${path} with a valid input`).toMatchObject({ code: "OK" });
    else expect(r.code, `${role} must not be allowed ${path}`).toBe("FORBIDDEN");
  });

  it("refuses a deactivated member with FORBIDDEN", async () => {
    const r = await outcome(call(t, deactivated, path, input()));
    if (authedOnly) {
      // may answer (it echoes the session's organization id), but must not list the organization the
      // member was removed from nor show anything of it
      expect(r.code).toBe("OK");
      const me = r.result as { organizations: { id: string }[] };
      expect(me.organizations.map((o) => o.id)).not.toContain(f.alpha.organizationId);
      expect(JSON.stringify(me)).not.toContain(ALPHA_SECRET);
    } else expect(r.code).toBe("FORBIDDEN");
  });

  it("refuses a caller who is not a member of the organization they claim (Beta's CRM manager as Alpha)", async () => {
    const who = { userId: f.beta.users.CRM_MANAGER.userId, organizationId: f.alpha.organizationId };
    const before = await fingerprint(t.db, f.alpha.organizationId);
    const r = await outcome(call(t, who, path, input()));
    if (authedOnly) expect(JSON.stringify(r.result ?? null)).not.toContain(ALPHA_SECRET);
    else expect(r.code).toBe("FORBIDDEN");
    expect(await fingerprint(t.db, f.alpha.organizationId)).toBe(before);
  });

  it("never lets Beta's CRM manager read or change Alpha's data with Alpha's ids", async () => {
    const who = { userId: f.beta.users.CRM_MANAGER.userId, organizationId: f.beta.organizationId };
    const before = await fingerprint(t.db, f.alpha.organizationId);
    const r = await outcome(call(t, who, path, input()));
    if (r.code !== "OK") expect(["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"], `${path}: ${r.code} ${r.message}`).toContain(r.code);
    else {
      const json = JSON.stringify(r.result ?? null);
      expect(json).not.toContain(ALPHA_SECRET);
      for (const id of f.alpha.allIds) expect(json, `${path} leaked Alpha id ${id}`).not.toContain(id);
      for (const s of f.alpha.secrets) expect(json, `${path} leaked ${s}`).not.toContain(s);
    }
    expect(await fingerprint(t.db, f.alpha.organizationId), `${path} changed Alpha's data`).toBe(before);
  });
});

describe.each(procedures.filter((p) => p.isPublic))("public $path", ({ path }) => {
  it("works for an anonymous caller with a valid input", async () => {
    const r = await outcome(call(t, null, path, casesOf(PROCEDURE_INPUTS[path]!)[0]!.input(f.alpha, uniq())));
    expect(r).toMatchObject({ code: "OK" });
  });

  it("does not touch Alpha's data", async () => {
    const before = await fingerprint(t.db, f.alpha.organizationId);
    const r = await outcome(call(t, null, path, casesOf(PROCEDURE_INPUTS[path]!)[0]!.input(f.alpha, uniq())));
    expect(JSON.stringify(r.result ?? null)).not.toContain(ALPHA_SECRET);
    expect(await fingerprint(t.db, f.alpha.organizationId)).toBe(before);
  });
});
