import type { PrismaClient } from "@/generated/prisma/client";
import { verifyPassword } from "./password";
import type { Role } from "./permissions";
import { UserError } from "@/server/errors";

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

// A fixed hash so an unknown email costs as much time as a wrong password (no user enumeration by timing).
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FzYXJhbi1kdW1teQ$Z1SE3cL3x0n1T1+Vb4d6xXzA4bWUu4m3wJ6cQpXg5kU";

/** Checks email + password and picks the organization to sign into (the preferred one if given). */
export async function authenticate(
  db: PrismaClient,
  input: { email: string; password: string; ip?: string | null; organizationId?: string | null },
): Promise<SessionIdentity> {
  const email = input.email.trim().toLowerCase();
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
    data: { email, userId: user?.id ?? null, organizationId: ok ? (membership?.organizationId ?? null) : null, success: ok && !!membership, ip: input.ip ?? null },
  });
  if (!user || !ok) throw new UserError(BAD_CREDENTIALS);
  if (!membership) throw new UserError(NO_MEMBERSHIP);
  return {
    userId: user.id, email: user.email, name: user.name,
    organizationId: membership.organizationId, organizationName: membership.organization.name,
    role: membership.role, sessionVersion: user.sessionVersion,
  };
}

/** The user's active membership in an organization, or null. Used to switch organization and on every request. */
export async function findMembership(db: PrismaClient, userId: string, organizationId: string) {
  return db.membership.findFirst({
    where: { userId, organizationId, active: true },
    select: { role: true, teamId: true, organization: { select: { name: true } }, user: { select: { sessionVersion: true, name: true, email: true } } },
  });
}
