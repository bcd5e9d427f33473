import type { PrismaClient, Role as MembershipRole } from "@/generated/prisma/client";
import { verifyPassword } from "./password";
import type { Role } from "./permissions";
import { UserError } from "@/server/errors";
import { isUuid } from "@/server/uuid";

export type SessionIdentity = {
  userId: string;
  email: string;
  name: string;
  organizationId: string;
  organizationName: string;
  role: Role;
  sessionVersion: number;
};

export const BAD_CREDENTIALS = "Email or password is incorrect.";
export const NO_MEMBERSHIP = "This account does not belong to any organization any more. Ask your CRM manager to add you.";

// Login rate limits, counted in SQL over LoginEvent (so they hold across app instances and restarts): a sliding
// window of LOGIN_WINDOW_MINUTES; an account (email, known or not) is locked after MAX_FAILURES_PER_ACCOUNT failed
// attempts in the window, an IP address after MAX_FAILURES_PER_IP. Attempts refused by the limit count as failures.
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 50;
// the same message whether the email exists or not
export const TOO_MANY_ATTEMPTS = `Too many failed sign-in attempts. Wait ${LOGIN_WINDOW_MINUTES} minutes and try again.`;

/** Failed sign-in attempts in the window for this email and this IP (one statement, indexed on both). */
export async function recentFailures(db: PrismaClient, email: string, ip: string | null, now = new Date()) {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  // an account's count starts again after its last successful sign-in; an address's does not
  const rows = await db.$queryRaw<{ byEmail: number; byIp: number }[]>`
    WITH w AS (
      SELECT greatest(${since}::timestamp, coalesce((SELECT max("createdAt") FROM "LoginEvent" WHERE email = ${email} AND success), ${since}::timestamp)) AS since
    )
    SELECT (SELECT count(*) FROM "LoginEvent", w WHERE email = ${email} AND NOT success AND "createdAt" > w.since)::int AS "byEmail",
           (SELECT count(*) FROM "LoginEvent" WHERE ip = ${ip} AND NOT success AND "createdAt" > ${since}::timestamp)::int AS "byIp"`;
  return rows[0] ?? { byEmail: 0, byIp: 0 };
}

// A fixed hash so an unknown email costs as much time as a wrong password (no user enumeration by timing).
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FzYXJhbi1kdW1teQ$Z1SE3cL3x0n1T1+Vb4d6xXzA4bWUu4m3wJ6cQpXg5kU";

/** Checks email + password and picks the organization to sign into (the preferred one if given). */
export async function authenticate(
  db: PrismaClient,
  input: { email: string; password: string; ip?: string | null; organizationId?: string | null },
): Promise<SessionIdentity> {
  const email = input.email.trim().toLowerCase().slice(0, 320);
  const ip = input.ip?.slice(0, 100) || null;
  const failures = await recentFailures(db, email, ip);
  if (failures.byEmail >= MAX_FAILURES_PER_ACCOUNT || failures.byIp >= MAX_FAILURES_PER_IP) {
    // no password check at all (a correct password does not unlock), the same for a known or unknown email
    await db.loginEvent.create({ data: { email, userId: null, organizationId: null, success: false, ip } });
    throw new UserError(TOO_MANY_ATTEMPTS);
  }
  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true, email: true, name: true, passwordHash: true, sessionVersion: true,
      memberships: {
        where: { active: true },
        orderBy: { createdAt: "asc" },
        select: { organizationId: true, role: true, organization: { select: { name: true } } },
      },
    },
  });
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, input.password);
  const membership = user?.memberships.find((m) => m.organizationId === input.organizationId) ?? user?.memberships[0];
  await db.loginEvent.create({
    data: { email, userId: user?.id ?? null, organizationId: ok ? (membership?.organizationId ?? null) : null, success: ok && !!membership, ip },
  });
  if (!user || !ok) throw new UserError(BAD_CREDENTIALS);
  if (!membership) throw new UserError(NO_MEMBERSHIP);
  return {
    userId: user.id, email: user.email, name: user.name,
    organizationId: membership.organizationId, organizationName: membership.organization.name,
    role: membership.role, sessionVersion: user.sessionVersion,
  };
}

export type Membership = {
  role: MembershipRole;
  teamId: string | null;
  organization: { name: string };
  user: { sessionVersion: number; name: string; email: string };
};

/**
 * The user's active membership in an organization, or null. Used to switch organization and on every request:
 * one statement (Prisma reads each related model with a statement of its own: three per request).
 */
export async function findMembership(db: PrismaClient, userId: string, organizationId: string): Promise<Membership | null> {
  if (!isUuid(userId) || !isUuid(organizationId)) return null;
  const [m] = await db.$queryRaw<{ role: MembershipRole; teamId: string | null; organizationName: string; sessionVersion: number; name: string; email: string }[]>`
    SELECT m.role::text AS role, m."teamId"::text AS "teamId", o.name AS "organizationName", u."sessionVersion", u.name, u.email
      FROM "Membership" m JOIN "Organization" o ON o.id = m."organizationId" JOIN "User" u ON u.id = m."userId"
     WHERE m."userId" = ${userId}::uuid AND m."organizationId" = ${organizationId}::uuid AND m.active
     LIMIT 1`;
  return m ? { role: m.role, teamId: m.teamId, organization: { name: m.organizationName }, user: { sessionVersion: Number(m.sessionVersion), name: m.name, email: m.email } } : null;
}
