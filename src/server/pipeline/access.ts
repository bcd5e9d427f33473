import type { Role } from "@/server/auth/permissions";
import { isStaff } from "@/server/auth/permissions";
import type { TenantDb } from "@/server/db/tenant";
import { ForbiddenError } from "@/server/errors";
import { recordAudit, type AuditEntry } from "@/server/audit/record";

/** Who is acting: the procedure context (tenant-scoped db, caller, role). */
export type Actor = { db: TenantDb; userId: string; role: Role; organizationId: string };

/**
 * The one ownership rule of the workflows: staff (sales reps, support agents) work only on records they own
 * (deals, leads) or are assigned (tickets); their managers and the CRM manager work on all of them. The role's
 * permission for the record family is checked by the procedure before this.
 */
export function mayWork(a: Pick<Actor, "role" | "userId">, ownerId: string | null): boolean {
  return !isStaff(a.role) || ownerId === a.userId;
}

export function assertMayWork(a: Pick<Actor, "role" | "userId">, ownerId: string | null, what: string): void {
  if (!mayWork(a, ownerId)) throw new ForbiddenError(`You can only work on ${what} that are yours.`);
}

/** The owner filter of a list: staff always see their own; others may pick an owner (or see all). */
export function ownerScope(a: Pick<Actor, "role" | "userId">, ownerId?: string | null): string | undefined {
  return isStaff(a.role) ? a.userId : ownerId ?? undefined;
}

/**
 * recordAudit on a tenant-scoped client or transaction: the tenant client stamps organizationId on the audit row,
 * which Prisma's generated types cannot know (they ask for organizationId), hence the cast.
 */
export function audit(tx: unknown, entry: AuditEntry): Promise<void> {
  return recordAudit(tx as Parameters<typeof recordAudit>[0], entry);
}
