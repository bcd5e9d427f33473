import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import { can, isRole, type Action } from "./permissions";
import type { Caller } from "@/server/api/trpc";

/** The session of the request (server components, route handlers), or null. */
export async function getSession() {
  return getServerSession(authOptions);
}

export function callerFrom(session: Awaited<ReturnType<typeof getSession>>): Caller {
  const u = session?.user;
  return u?.id && u.organizationId ? { userId: u.id, organizationId: u.organizationId } : null;
}

/** For pages: signed in, or off to the login page. */
export async function requireSession() {
  const session = await getSession();
  if (!session?.user?.id || !isRole(session.user.role)) redirect("/login");
  return session;
}

/** For pages: the role must be allowed the action; otherwise a 403 page (not just a hidden link). */
export async function requirePermission(action: Action) {
  const session = await requireSession();
  if (!can(session.user.role, action)) redirect("/forbidden");
  return session;
}
