import "server-only";
import { callerFrom, getRequestSession } from "@/server/auth/session";
import { findMembership } from "@/server/auth/login";
import { can, isRole } from "@/server/auth/permissions";
import { db } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant";
import { ForbiddenError, NotFoundError, UserError, userFacingError } from "@/server/errors";
import type { ImportActor } from "./jobs";

// Route handlers (upload, report download) are outside tRPC: they check the session, the membership
// (role from the database, not the cookie) and the import permission themselves, like orgProcedure does.

export async function importActor(req: Request): Promise<ImportActor | Response> {
  const caller = callerFrom(await getRequestSession(req));
  if (!caller) return json({ error: "Sign in to continue." }, 401);
  const base = await db();
  const m = await findMembership(base, caller.userId, caller.organizationId);
  if (!m || !isRole(m.role)) return json({ error: "You are not a member of this organization." }, 403);
  if (!can(m.role, "records:import")) return json({ error: "Your role does not allow imports." }, 403);
  return { db: tenantDb(base, caller.organizationId), baseDb: base, organizationId: caller.organizationId, userId: caller.userId, role: m.role };
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/** Our errors as their status with the message; anything else a plain 500 without details. */
export function errorResponse(e: unknown): Response {
  if (e instanceof UserError) return json({ error: e.message }, 400);
  if (e instanceof ForbiddenError) return json({ error: e.message }, 403);
  if (e instanceof NotFoundError) return json({ error: e.message }, 404);
  console.error("[import route]", e);
  return json({ error: userFacingError(e) }, 500);
}
