// Everything a file's cells may refer to, loaded in bulk before the rows are read (one query per kind,
// never one per row): accounts by name and external id, members by email and name, campaigns, stages,
// surveys, contacts by email, deals, tickets, the category lists, and the existing rows' duplicate keys.
import type { PrismaClient } from "@/generated/prisma/client";
import { DEFAULT_CATEGORIES, typeDef, type CategoryList, type FieldDef, type ImportType, type RefKind } from "./fields";
import { categoryKey, type CategoryValues } from "./convert";

/** Several rows may share a name: a lookup by name keeps every id so an ambiguous name is reported. */
type Multi = Map<string, string[]>;

export type Lookups = {
  accounts: { byExternalId: Map<string, string>; byName: Multi };
  users: { byEmail: Map<string, string>; byName: Multi };
  campaigns: Map<string, string>;
  stages: Map<string, { id: string; kind: "OPEN" | "WON" | "LOST"; name: string }>;
  stageNames: string[];
  surveys: { byName: Map<string, { id: string; type: string }[]>; byType: Map<string, { id: string; type: string }[]> };
  contacts: Multi;
  deals: { byExternalId: Map<string, string>; byName: Multi };
  tickets: Map<string, string>;
  categories: Record<CategoryList, CategoryValues>;
};

export const nameKey = (s: string) => {
  const t = s.trim().toLowerCase();
  // only a run of whitespace or a whitespace other than a space changes
  return /\s\s|[^\S ]/.test(t) ? t.replace(/\s+/g, " ") : t;
};

function push(m: Multi, key: string, id: string) {
  const list = m.get(key);
  if (list) {
    if (!list.includes(id)) list.push(id);
  } else m.set(key, [id]);
}

/** Loads the lookups the mapped fields need (a deal file does not load tickets). */
export async function loadLookups(db: PrismaClient, organizationId: string, type: ImportType, mappedFields: FieldDef[]): Promise<Lookups> {
  const refs = new Set<RefKind>(mappedFields.flatMap((fd) => (fd.kind === "ref" ? [fd.ref] : [])));
  if (type === "surveyResponse") refs.add("survey"); // the survey may come from the type column alone
  const where = { organizationId };
  const live = { organizationId, deletedAt: null };
  const l: Lookups = {
    accounts: { byExternalId: new Map(), byName: new Map() },
    users: { byEmail: new Map(), byName: new Map() },
    campaigns: new Map(),
    stages: new Map(),
    stageNames: [],
    surveys: { byName: new Map(), byType: new Map() },
    contacts: new Map(),
    deals: { byExternalId: new Map(), byName: new Map() },
    tickets: new Map(),
    categories: { leadSource: new Map(), campaignChannel: new Map() },
  };
  const jobs: Promise<void>[] = [];
  if (refs.has("account")) {
    jobs.push(db.account.findMany({ where: live, select: { id: true, name: true, externalId: true } }).then((rows) => {
      for (const r of rows) {
        push(l.accounts.byName, nameKey(r.name), r.id);
        if (r.externalId) l.accounts.byExternalId.set(r.externalId.trim(), r.id);
      }
    }));
  }
  if (refs.has("user")) {
    jobs.push(db.membership.findMany({ where: { ...where, active: true }, select: { userId: true, user: { select: { email: true, name: true } } } }).then((rows) => {
      for (const r of rows) {
        l.users.byEmail.set(r.user.email.toLowerCase(), r.userId);
        push(l.users.byName, nameKey(r.user.name), r.userId);
      }
    }));
  }
  if (refs.has("campaign")) {
    jobs.push(db.campaign.findMany({ where: live, select: { id: true, name: true } }).then((rows) => {
      for (const r of rows) l.campaigns.set(nameKey(r.name), r.id);
    }));
  }
  if (refs.has("stage")) {
    jobs.push(db.pipelineStage.findMany({ where, orderBy: { position: "asc" }, select: { id: true, name: true, kind: true } }).then((rows) => {
      for (const r of rows) l.stages.set(categoryKey(r.name), { id: r.id, kind: r.kind, name: r.name });
      l.stageNames = rows.map((r) => r.name);
    }));
  }
  if (refs.has("survey")) {
    jobs.push(db.survey.findMany({ where, select: { id: true, name: true, type: true, active: true } }).then((rows) => {
      for (const r of rows) {
        const s = { id: r.id, type: r.type };
        l.surveys.byName.set(nameKey(r.name), [...(l.surveys.byName.get(nameKey(r.name)) ?? []), s]);
        if (r.active) l.surveys.byType.set(r.type, [...(l.surveys.byType.get(r.type) ?? []), s]);
      }
    }));
  }
  if (refs.has("contact")) {
    jobs.push(db.contact.findMany({ where: { ...live, email: { not: null } }, select: { id: true, email: true } }).then((rows) => {
      for (const r of rows) push(l.contacts, r.email!.trim().toLowerCase(), r.id);
    }));
  }
  if (refs.has("deal")) {
    jobs.push(db.deal.findMany({ where: live, select: { id: true, name: true, externalId: true } }).then((rows) => {
      for (const r of rows) {
        push(l.deals.byName, nameKey(r.name), r.id);
        if (r.externalId) l.deals.byExternalId.set(r.externalId.trim(), r.id);
      }
    }));
  }
  if (refs.has("ticket")) {
    jobs.push(db.ticket.findMany({ where: { ...live, externalId: { not: null } }, select: { id: true, externalId: true } }).then((rows) => {
      for (const r of rows) l.tickets.set(r.externalId!.trim(), r.id);
    }));
  }
  const lists = new Set(mappedFields.flatMap((fd) => (fd.kind === "category" ? [fd.list] : [])));
  for (const v of DEFAULT_CATEGORIES.leadSource) l.categories.leadSource.set(categoryKey(v), v);
  for (const v of DEFAULT_CATEGORIES.campaignChannel) l.categories.campaignChannel.set(categoryKey(v), v);
  // values the organization already uses are allowed too, in their existing spelling
  if (lists.has("leadSource")) {
    jobs.push(db.lead.groupBy({ by: ["source"], where }).then((rows) => {
      for (const r of rows) if (!l.categories.leadSource.has(categoryKey(r.source))) l.categories.leadSource.set(categoryKey(r.source), r.source);
    }));
  }
  if (lists.has("campaignChannel")) {
    jobs.push(db.campaign.groupBy({ by: ["channel"], where }).then((rows) => {
      for (const r of rows) if (!l.categories.campaignChannel.has(categoryKey(r.channel))) l.categories.campaignChannel.set(categoryKey(r.channel), r.channel);
    }));
  }
  // one at a time: PGlite is a single connection
  for (const j of jobs) await j;
  return l;
}

/** Normalised text of a value inside a duplicate key. */
export function keyPart(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return v == null ? "" : nameKey(String(v));
}

/**
 * The existing rows' duplicate keys: for each key (list of output columns), normalised key -> row id.
 * One query over the organization's live rows of the table.
 */
export async function loadExistingKeys(db: PrismaClient, organizationId: string, type: ImportType): Promise<Map<string, string>[]> {
  const def = typeDef(type);
  if (def.duplicateKeys.length === 0) return [];
  const columns = [...new Set(def.duplicateKeys.flat())];
  const sql = `SELECT "id"::text AS id, ${columns.map((c) => `"${c}" AS "${c}"`).join(", ")} FROM "${def.table}"
    WHERE "organizationId" = $1::uuid${def.softDelete ? ` AND "deletedAt" IS NULL` : ""}`;
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(sql, organizationId);
  const maps = def.duplicateKeys.map(() => new Map<string, string>());
  for (const r of rows) {
    def.duplicateKeys.forEach((key, i) => {
      if (key.some((c) => r[c] == null || r[c] === "")) return;
      const k = key.map((c) => keyPart(r[c])).join("\u0001");
      if (!maps[i]!.has(k)) maps[i]!.set(k, r.id as string);
    });
  }
  return maps;
}
