// The one way a mutation is written to the audit log: call recordAudit with the same transaction client
// that made the change, so the change and its audit row commit (or roll back) together.
// The audit log is append-only: nothing in the app updates or deletes AuditLog rows.

export type AuditAction = "create" | "update" | "delete" | "restore" | "import" | "merge";

/** field -> { from, to } for the fields whose value changed. */
export type AuditChanges = Record<string, { from: unknown; to: unknown }>;

type AuditWriter = {
  auditLog: {
    create(args: {
      data: {
        organizationId?: string;
        actorId: string | null;
        action: string;
        entityType: string;
        entityId: string | null;
        changes?: object;
      };
    }): Promise<unknown>;
  };
};

export type AuditEntry = {
  /** needed only on a client that is not tenant-scoped (the automation sweep); a tenant client stamps its own */
  organizationId?: string;
  actorId: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  changes?: AuditChanges | Record<string, unknown>;
};

/** Appends one audit row. `tx` is a tenant-scoped client (it stamps organizationId) or a transaction on one. */
export async function recordAudit(tx: AuditWriter, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      ...(entry.organizationId ? { organizationId: entry.organizationId } : {}),
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      ...(entry.changes ? { changes: toJson(entry.changes) } : {}),
    },
  });
}

/** The fields of `after` whose value differs from `before` (dates compared by instant). */
export function diffChanges(before: Record<string, unknown>, after: Record<string, unknown>): AuditChanges {
  const changes: AuditChanges = {};
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[field];
    if (!sameValue(from, to)) changes[field] = { from: from ?? null, to: to ?? null };
  }
  return changes;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    const ta = a instanceof Date ? a.getTime() : a == null ? null : new Date(a as string).getTime();
    const tb = b instanceof Date ? b.getTime() : b == null ? null : new Date(b as string).getTime();
    return ta === tb;
  }
  // Prisma Decimal and numbers compare by their numeric value (before the object case: a Decimal is an object)
  if (a != null && b != null && (typeof a === "number" || typeof b === "number")) return Number(a) === Number(b);
  if (a != null && b != null && typeof a === "object") return JSON.stringify(a) === JSON.stringify(b);
  return (a ?? null) === (b ?? null);
}

function toJson(value: unknown): object {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v))) as object;
}
