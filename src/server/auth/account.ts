// The signed-in user's own account: change the password, sign out everywhere. Both bump the user's
// sessionVersion, which every session read compares with its token's (src/server/auth/options.ts): every
// session of the user, this one included, ends at once.
import type { PrismaClient } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit/record";
import { UserError } from "@/server/errors";
import { hashPassword, verifyPassword } from "./password";
import { passwordProblem } from "./password-rules";

type Scope = { baseDb: PrismaClient; userId: string; organizationId: string };

/** Ends every session of the user (every browser and device). */
export async function signOutEverywhere(s: Scope) {
  return s.baseDb.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id: s.userId }, data: { sessionVersion: { increment: 1 } }, select: { sessionVersion: true } });
    await recordAudit(
      { auditLog: { create: (args) => tx.auditLog.create({ data: { ...args.data, organizationId: s.organizationId } }) } },
      { actorId: s.userId, action: "update", entityType: "User", entityId: s.userId, changes: { signedOutEverywhere: true } },
    );
    return { sessionVersion: u.sessionVersion };
  });
}

/** Changes the password after checking the current one; ends every session (sign in again with the new one). */
export async function changePassword(s: Scope, input: { currentPassword: string; newPassword: string }) {
  const user = await s.baseDb.user.findUnique({ where: { id: s.userId }, select: { email: true, passwordHash: true } });
  if (!user) throw new UserError("Your account no longer exists.");
  const problem = passwordProblem(input.newPassword, user.email);
  if (problem) throw new UserError(`newPassword: ${problem}`);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new UserError("currentPassword: The current password is not correct.");
  const passwordHash = await hashPassword(input.newPassword);
  return s.baseDb.$transaction(async (tx) => {
    await tx.user.update({ where: { id: s.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAudit(
      { auditLog: { create: (args) => tx.auditLog.create({ data: { ...args.data, organizationId: s.organizationId } }) } },
      { actorId: s.userId, action: "update", entityType: "User", entityId: s.userId, changes: { passwordChanged: true } },
    );
    return { ok: true as const };
  });
}
