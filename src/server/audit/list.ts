// The audit log as the CRM manager reads it: filter by who, what type, which action, when; newest first,
// a page at a time. Read-only: nothing in the app updates or deletes audit rows.
import { z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import type { TenantDb } from "@/server/db/tenant";
import { UserError } from "@/server/errors";
import { labelsOf } from "@/server/records/refs";
import { LIST_COUNT_CAP } from "@/server/records/service";

export const AUDIT_ACTIONS = ["create", "update", "delete", "restore", "import", "merge"] as const;
export const AUDIT_MAX_PAGE_SIZE = 100;

const day = (label: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date (YYYY-MM-DD).`).optional();

export const auditListInput = z.object({
  actorId: z.uuid("actorId must be chosen from the list of people.").optional(),
  entityType: z.string().trim().max(50).optional(),
  action: z.enum(AUDIT_ACTIONS, { message: `action must be one of ${AUDIT_ACTIONS.join(", ")}.` }).optional(),
  entityId: z.string().max(100).optional(),
  from: day("From"),
  to: day("To"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(AUDIT_MAX_PAGE_SIZE, `pageSize is at most ${AUDIT_MAX_PAGE_SIZE}.`).default(50),
});
export type AuditListInput = z.infer<typeof auditListInput>;

type Ctx = { db: TenantDb; baseDb: PrismaClient; organizationId: string };

/**
 * The record types present in the organization's log, sorted: a skip scan over the (organization, type, id) index,
 * one probe per type, where SELECT DISTINCT read every entry.
 */
async function entityTypesOf(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.baseDb.$queryRaw<{ type: string | null }[]>`
    WITH RECURSIVE t(type) AS (
      SELECT min(a."entityType") FROM "AuditLog" a WHERE a."organizationId" = ${ctx.organizationId}::uuid
      UNION ALL
      SELECT (SELECT min(a."entityType") FROM "AuditLog" a WHERE a."organizationId" = ${ctx.organizationId}::uuid AND a."entityType" > t.type)
        FROM t WHERE t.type IS NOT NULL)
    SELECT type FROM t WHERE type IS NOT NULL ORDER BY type`;
  return rows.map((r) => r.type!);
}

export async function listAudit(ctx: Ctx, input: AuditListInput) {
  if (input.from && input.to && input.to < input.from) throw new UserError("to: the end date is before the start date.");
  const createdAt = {
    ...(input.from ? { gte: new Date(`${input.from}T00:00:00Z`) } : {}),
    ...(input.to ? { lt: new Date(new Date(`${input.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
  };
  const where = {
    ...(input.actorId ? { actorId: input.actorId } : {}),
    ...(input.entityType ? { entityType: input.entityType } : {}),
    ...(input.action ? { action: input.action } : {}),
    ...(input.entityId ? { entityId: input.entityId } : {}),
    ...(input.from || input.to ? { createdAt } : {}),
  };
  // like the record lists: count up to the cap (or the page asked for), "1,000+" past it
  const cap = Math.max(LIST_COUNT_CAP, input.page * input.pageSize);
  const [rows, counted, types, members] = await Promise.all([
    ctx.db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: { id: true, actorId: true, action: true, entityType: true, entityId: true, changes: true, createdAt: true },
    }),
    ctx.db.auditLog.count({ where, take: cap + 1 }),
    entityTypesOf(ctx),
    ctx.db.membership.findMany({ select: { userId: true, user: { select: { name: true } } }, orderBy: { user: { name: "asc" } } }),
  ]);
  const actors = await labelsOf(ctx, "user", rows.map((r) => r.actorId).filter((v): v is string => !!v));
  return {
    rows: rows.map((r) => ({ ...r, actorName: r.actorId ? (actors.get(r.actorId) ?? "Former member") : "System" })),
    total: Math.min(counted, cap),
    capped: counted > cap,
    page: input.page,
    pageSize: input.pageSize,
    entityTypes: types,
    people: members.map((m) => ({ id: m.userId, name: m.user.name })),
  };
}
