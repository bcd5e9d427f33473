// CSV export of a record list with the list's own filters. Route handlers are outside tRPC, so this checks
// everything itself: a signed-in caller, an active membership (role read from the database), the type's
// permission and the role's row scope, on the tenant client of the caller's organization.
import type { PrismaClient } from "@/generated/prisma/client";
import type { Caller } from "@/server/api/trpc";
import { findMembership } from "@/server/auth/login";
import { isRole } from "@/server/auth/permissions";
import { csvRow } from "@/server/csv/write";
import { tenantDb } from "@/server/db/tenant";
import { ForbiddenError, UserError } from "@/server/errors";
import { isRecordType, definitionOf } from "./registry";
import { listQueryFromSearch, listQuerySchema } from "./list-params";
import { allRecords, allowedDefinition, listOrderBy, listWhere, type RecordCtx } from "./service";

export type ExportResult = { status: 200; filename: string; body: AsyncGenerator<string> } | { status: 400 | 401 | 403 | 404; message: string };

export async function exportRecords(baseDb: PrismaClient, caller: Caller, type: string, params: URLSearchParams, now = new Date()): Promise<ExportResult> {
  if (!caller) return { status: 401, message: "Sign in to export." };
  if (!isRecordType(type)) return { status: 404, message: `There is no list called "${type}".` };
  const m = await findMembership(baseDb, caller.userId, caller.organizationId);
  if (!m || !isRole(m.role)) return { status: 403, message: "You are not a member of this organization." };
  const ctx: RecordCtx = { db: tenantDb(baseDb, caller.organizationId), baseDb, organizationId: caller.organizationId, userId: caller.userId, role: m.role };

  const parsed = listQuerySchema.safeParse(listQueryFromSearch(params));
  if (!parsed.success) return { status: 400, message: parsed.error.issues.map((i) => i.message).join(" ") };
  const query = parsed.data;
  try {
    // every check that can fail runs before the first byte is sent
    const def = allowedDefinition(ctx, type);
    listWhere(ctx, def, query);
    listOrderBy(def, query);
  } catch (e) {
    if (e instanceof ForbiddenError) return { status: 403, message: e.message };
    if (e instanceof UserError) return { status: 400, message: e.message };
    throw e;
  }
  const def = definitionOf(type);
  async function* lines() {
    yield csvRow(["ID", ...def.fields.map((f) => f.label), "Deleted at"]);
    for await (const rows of allRecords(ctx, type as Parameters<typeof allRecords>[1], query)) {
      for (const r of rows) {
        const cells = def.fields.map((f) => (f.kind === "ref" ? (r.labels[f.key] ?? r.values[f.key] ?? null) : r.values[f.key]));
        yield csvRow([r.id, ...cells, r.deletedAt]);
      }
    }
  }
  return { status: 200, filename: `${def.type}-${now.toISOString().slice(0, 10)}.csv`, body: lines() };
}

/** Collects an export body (tests). */
export async function readAll(body: AsyncGenerator<string>): Promise<string> {
  let s = "";
  for await (const chunk of body) s += chunk;
  return s;
}
