import type { PrismaClient } from "@/generated/prisma/client";

// The one place that applies organizationId to tenant queries. Every procedure that touches
// organization data gets `tenantDb(db, organizationId)` in its context: reads and writes on the
// models below are filtered by (and created in) that organization, whatever the caller passes.
// Raw SQL (the KPI engine) takes organizationId as its first parameter instead.
export const TENANT_MODELS = new Set([
  "Team", "Membership", "AuditLog", "LoginEvent",
  "Account", "Contact", "Purchase",
  "Lead", "LeadScoreWeight", "PipelineStage", "Deal", "DealStageChange", "Activity", "Campaign", "Cost",
  "Ticket", "Survey", "SurveyResponse", "SurveyLink",
  "Goal", "GoalCheckIn",
  "ImportJob",
  "AutomationRule", "AutomationRun", "CampaignMember", "Notification",
]);

const WHERE_OPS = new Set([
  "findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany",
  "count", "aggregate", "groupBy", "update", "updateMany", "updateManyAndReturn", "delete", "deleteMany", "upsert",
]);

type Args = Record<string, unknown> & { where?: Record<string, unknown>; data?: unknown; create?: Record<string, unknown> };

function scoped(args: Args | undefined, operation: string, organizationId: string): Args {
  const a: Args = { ...(args ?? {}) };
  if (WHERE_OPS.has(operation)) a.where = { ...(a.where ?? {}), organizationId };
  if (operation === "create") a.data = { ...(a.data as object), organizationId };
  if (operation === "createMany" || operation === "createManyAndReturn") {
    const rows = Array.isArray(a.data) ? a.data : [a.data];
    a.data = rows.map((r) => ({ ...(r as object), organizationId }));
  }
  // an update may never move a row into another organization
  if (operation === "update" || operation === "updateMany" || operation === "updateManyAndReturn") {
    if (a.data && typeof a.data === "object") {
      const { organization: _relation, ...data } = a.data as Record<string, unknown>;
      a.data = "organizationId" in data ? { ...data, organizationId } : data;
    }
  }
  if (operation === "upsert") {
    a.create = { ...(a.create ?? {}), organizationId };
    const u = (a as { update?: Record<string, unknown> }).update;
    if (u && "organizationId" in u) (a as { update?: Record<string, unknown> }).update = { ...u, organizationId };
  }
  return a;
}

export function tenantDb(db: PrismaClient, organizationId: string) {
  return db.$extends({
    name: "tenant",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!TENANT_MODELS.has(model)) return query(args);
          return query(scoped(args as Args, operation, organizationId) as typeof args);
        },
      },
    },
  });
}

export type TenantDb = ReturnType<typeof tenantDb>;
