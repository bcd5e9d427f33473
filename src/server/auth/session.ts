import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import { can, isRole, type Action } from "./permissions";
import { findMembership } from "./login";
import type { Caller } from "@/server/api/trpc";
import { db } from "@/server/db/client";
import { forPages } from "@/server/errors";

/** The session of the request (server components, route handlers), or null; read once per server render. */
export const getSession = cache(async () => getServerSession(authOptions));

export function callerFrom(session: Awaited<ReturnType<typeof getSession>>): Caller {
  const u = session?.user;
  return u?.id && u.organizationId ? { userId: u.id, organizationId: u.organizationId } : null;
}

/** A member's membership, read once per server render (the page's session check and its procedures share it). */
export const readMembership = cache(async (userId: string, organizationId: string) => findMembership(await db(), userId, organizationId));

/**
 * For pages: signed in, or off to the login page. The role and organization name come from the
 * database on every request (once per request, cached), so a changed role or a removed member takes
 * effect at once, not when the cookie expires.
 */
export const requireSession = cache(async () => {
  const session = await getSession();
  if (!session?.user?.id || !session.user.organizationId) redirect("/login");
  const m = await readMembership(session.user.id, session.user.organizationId).catch((e: unknown) => {
    throw forPages(e); // the first database read of every signed-in page
  });
  if (!m || !isRole(m.role)) redirect("/no-access");
  return { ...session, user: { ...session.user, role: m.role, organizationName: m.organization.name, name: m.user.name, teamId: m.teamId } };
});

/** For pages: the role must be allowed the action; otherwise the 403 page (not just a hidden link). */
export async function requirePermission(action: Action) {
  const session = await requireSession();
  if (!can(session.user.role, action)) redirect("/forbidden");
  return session;
}

/**
 * The session of a route handler's request, read from the request's own cookies (next-auth's
 * (req, res, options) form), so the handler depends only on its Request — the same session, expiry and
 * "sign out everywhere" check as getSession().
 */
export async function getRequestSession(req: Request) {
  const cookies: Record<string, string> = {};
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const raw = part.slice(i + 1).trim();
    try {
      cookies[part.slice(0, i).trim()] = decodeURIComponent(raw);
    } catch {
      cookies[part.slice(0, i).trim()] = raw; // not percent-encoded: as it is (a bad token is then simply invalid)
    }
  }
  const reqLike = { headers: Object.fromEntries(req.headers), cookies };
  const resLike = { getHeader() {}, setCookie() {}, setHeader() {} };
  return getServerSession(reqLike as never, resLike as never, authOptions);
}
