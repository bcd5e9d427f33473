// References between records: their display names (one query for all referenced types, never per row) and the
// check that an id given in a form exists in the caller's organization.
import type { PrismaClient } from "@/generated/prisma/client";
import type { TenantDb } from "@/server/db/tenant";
import type { RefTarget } from "./fields";
import { isUuid } from "@/server/uuid";

type Db = { db: TenantDb; baseDb: PrismaClient; organizationId: string };
type Named = { id: string; label: string };

const joinName = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(" ");
/** a lead's display name: its person, and its company in brackets */
const leadName = (first: string | null, last: string | null, company: string | null) => joinName(first, last) + (company ? ` (${company})` : "");

/**
 * id -> display name of the given records of one type (only those in the organization). `liveOnly`: only records
 * that may be linked now (not deleted; active members).
 */
export async function labelsOf(s: Db, target: RefTarget, ids: string[], opts: { liveOnly?: boolean } = {}): Promise<Map<string, string>> {
  if (!opts.liveOnly) return (await labelsOfMany(s, new Map([[target, ids]]))).get(target)!;
  const rows = ids.length ? await findNamed(s, target, { id: { in: [...new Set(ids)] } }, ids.length, true) : [];
  return new Map(rows.map((r) => [r.id, r.label]));
}

/** SQL of each type's display name parts, for labelsOfMany ($1 the organization, $2 the ids). */
const LABEL_SQL: Record<RefTarget, string> = {
  // users are not tenant rows: only members of this organization
  user: `SELECT u.id, u.name, NULL AS first, NULL AS last, NULL AS company FROM "User" u
          WHERE u.id = ANY($2::uuid[]) AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = u.id AND m."organizationId" = $1::uuid)`,
  account: `SELECT x.id, x.name, NULL, NULL, NULL FROM "Account" x WHERE x."organizationId" = $1::uuid AND x.id = ANY($2::uuid[])`,
  campaign: `SELECT x.id, x.name, NULL, NULL, NULL FROM "Campaign" x WHERE x."organizationId" = $1::uuid AND x.id = ANY($2::uuid[])`,
  deal: `SELECT x.id, x.name, NULL, NULL, NULL FROM "Deal" x WHERE x."organizationId" = $1::uuid AND x.id = ANY($2::uuid[])`,
  stage: `SELECT x.id, x.name, NULL, NULL, NULL FROM "PipelineStage" x WHERE x."organizationId" = $1::uuid AND x.id = ANY($2::uuid[])`,
  ticket: `SELECT x.id, x.subject, NULL, NULL, NULL FROM "Ticket" x WHERE x."organizationId" = $1::uuid AND x.id = ANY($2::uuid[])`,
  contact: `SELECT x.id, NULL, x."firstName", x."lastName", NULL FROM "Contact" x WHERE x."organizationId" = $1::uuid AND x.id = ANY($2::uuid[])`,
  lead: `SELECT x.id, NULL, x."firstName", x."lastName", x.company FROM "Lead" x WHERE x."organizationId" = $1::uuid AND x.id = ANY($2::uuid[])`,
};

/**
 * id -> display name per type, for the records of several types at once (a list's references), in ONE statement:
 * the same names labelsOf gives (deleted records included), without a round trip per type.
 */
export async function labelsOfMany(s: Db, wanted: Map<RefTarget, string[]>): Promise<Map<RefTarget, Map<string, string>>> {
  const out = new Map<RefTarget, Map<string, string>>([...wanted.keys()].map((t) => [t, new Map()]));
  const branches: string[] = [];
  const params: unknown[] = [s.organizationId];
  for (const [target, ids] of wanted) {
    // a value that is not a UUID names no record (audit history holds whatever a field once held)
    const valid = [...new Set(ids.filter(isUuid))];
    if (!valid.length) continue;
    params.push(valid);
    // each branch reads its own ids ($2, $3, ...): renumber the template's $2
    branches.push(`SELECT '${target}' AS target, b.* FROM (${LABEL_SQL[target].replaceAll("$2", `$${params.length}`)}) AS b(id, name, first, last, company)`);
  }
  if (!branches.length) return out;
  type Row = { target: RefTarget; id: string; name: string | null; first: string | null; last: string | null; company: string | null };
  const rows = await s.baseDb.$queryRawUnsafe<Row[]>(branches.join(" UNION ALL "), ...params);
  for (const r of rows) {
    const label = r.name ?? (r.target === "lead" ? leadName(r.first, r.last, r.company) : joinName(r.first, r.last));
    out.get(r.target)!.set(r.id, label);
  }
  return out;
}

/** Up to `take` records of a type whose name matches `q` (pickers in the forms). */
export function searchNamed(s: Db, target: RefTarget, q: string, take = 20): Promise<Named[]> {
  const like = q.trim() ? { contains: q.trim(), mode: "insensitive" as const } : undefined;
  const where: Record<string, unknown> = {};
  if (like) {
    if (target === "user") where.name = like;
    else if (target === "contact" || target === "lead") where.OR = [{ firstName: like }, { lastName: like }, { email: like }];
    else if (target === "ticket") where.subject = like;
    else where.name = like;
  }
  return findNamed(s, target, where, take, true);
}

async function findNamed(s: Db, target: RefTarget, where: Record<string, unknown>, take: number, liveOnly: boolean): Promise<Named[]> {
  const live = liveOnly ? { deletedAt: null } : {};
  switch (target) {
    case "user": {
      // users are not tenant rows: only members (active ones, for new links) of this organization
      const rows = await s.baseDb.user.findMany({
        where: { ...where, memberships: { some: { organizationId: s.organizationId, ...(liveOnly ? { active: true } : {}) } } },
        select: { id: true, name: true },
        orderBy: { name: "asc" },
        take,
      });
      return rows.map((r) => ({ id: r.id, label: r.name }));
    }
    case "account":
      return (await s.db.account.findMany({ where: { ...where, ...live }, select: { id: true, name: true }, orderBy: { name: "asc" }, take })).map((r) => ({ id: r.id, label: r.name }));
    case "campaign":
      return (await s.db.campaign.findMany({ where: { ...where, ...live }, select: { id: true, name: true }, orderBy: { name: "asc" }, take })).map((r) => ({ id: r.id, label: r.name }));
    case "deal":
      return (await s.db.deal.findMany({ where: { ...where, ...live }, select: { id: true, name: true }, orderBy: { name: "asc" }, take })).map((r) => ({ id: r.id, label: r.name }));
    case "stage":
      return (await s.db.pipelineStage.findMany({ where, select: { id: true, name: true }, orderBy: { position: "asc" }, take })).map((r) => ({ id: r.id, label: r.name }));
    case "ticket":
      return (await s.db.ticket.findMany({ where: { ...where, ...live }, select: { id: true, subject: true }, orderBy: { openedAt: "desc" }, take })).map((r) => ({ id: r.id, label: r.subject }));
    case "contact":
      return (await s.db.contact.findMany({ where: { ...where, ...live }, select: { id: true, firstName: true, lastName: true }, orderBy: { lastName: "asc" }, take })).map((r) => ({ id: r.id, label: joinName(r.firstName, r.lastName) }));
    case "lead":
      return (await s.db.lead.findMany({ where: { ...where, ...live }, select: { id: true, firstName: true, lastName: true, company: true }, orderBy: { lastName: "asc" }, take })).map((r) => ({
        id: r.id,
        label: leadName(r.firstName, r.lastName, r.company),
      }));
  }
}
