import { emailKey, KEY_FIELDS } from "@/server/kpi/families/adoption";
import type { Actor } from "@/server/pipeline/access";

// The CRM manager's data-quality view, now: completeness of the key fields per record type (the same fields and
// "filled" rule as the data-completeness KPI) and groups of likely duplicates — contacts sharing an email (the
// duplicate-rate KPI's rule), contacts with the same name in the same account, accounts with the same name.
// Every number is an SQL aggregate over the organization's live (not deleted) records.

/** Names compare case-insensitively, ignoring surrounding and repeated spaces. */
export const nameKey = (col: string) => `lower(regexp_replace(btrim(${col}), '\\s+', ' ', 'g'))`;

export const DUPLICATE_KINDS = ["contact_email", "contact_name", "account_name"] as const;
export type DuplicateKind = (typeof DUPLICATE_KINDS)[number];
export const MAX_GROUPS = 50;

type Raw = Record<string, unknown>;

export async function completeness(a: Actor) {
  return Promise.all(
    KEY_FIELDS.map(async (k) => {
      const cols = k.missing.map(([, cond], i) => `count(*) FILTER (WHERE NOT (${cond})) AS f${i}`).join(", ");
      const [row] = await a.db.$queryRawUnsafe<Raw[]>(
        `SELECT count(*) AS total, ${cols} FROM "${k.table}" ${k.alias} WHERE ${k.alias}."organizationId" = $1::uuid AND ${k.alias}."deletedAt" IS NULL`,
        a.organizationId,
      );
      const total = Number(row?.total ?? 0);
      return {
        entity: k.table,
        total,
        fields: k.missing.map(([label], i) => {
          const filled = Number(row?.[`f${i}`] ?? 0);
          return { field: label, filled, missing: total - filled, percent: total ? (filled / total) * 100 : null };
        }),
      };
    }),
  );
}

const DUPLICATE_SQL: Record<DuplicateKind, { table: "Contact" | "Account"; key: string; label: string }> = {
  contact_email: { table: "Contact", key: emailKey("x.email"), label: "Contacts with the same email" },
  // same person in the same account (contacts without an account compare among themselves)
  contact_name: { table: "Contact", key: `${nameKey(`x."firstName" || ' ' || x."lastName"`)} || '|' || coalesce(x."accountId"::text, '')`, label: "Contacts with the same name in the same account" },
  account_name: { table: "Account", key: nameKey("x.name"), label: "Accounts with the same name" },
};

const RECORD_SELECT = {
  Contact: `x.id, x."firstName" || ' ' || x."lastName" AS name, NULLIF(concat_ws(' · ', x.email, x.phone), '') AS detail, acc.name AS "accountName", x."createdAt",
    (SELECT count(*) FROM "Ticket" t WHERE t."organizationId" = $1::uuid AND t."contactId" = x.id AND t."deletedAt" IS NULL)::int AS tickets,
    0 AS deals`,
  Account: `x.id, x.name, NULLIF(concat_ws(' · ', x.segment, x.industry, x.website), '') AS detail, NULL::text AS "accountName", x."createdAt",
    (SELECT count(*) FROM "Ticket" t WHERE t."organizationId" = $1::uuid AND t."accountId" = x.id AND t."deletedAt" IS NULL)::int AS tickets,
    (SELECT count(*) FROM "Deal" d WHERE d."organizationId" = $1::uuid AND d."accountId" = x.id AND d."deletedAt" IS NULL)::int AS deals`,
};

export type DuplicateRecord = { id: string; name: string; detail: string | null; accountName: string | null; createdAt: Date; tickets: number; deals: number };

/** The largest duplicate groups of one kind (up to MAX_GROUPS) and how many groups / records there are in all. */
export async function duplicateGroups(a: Actor, kind: DuplicateKind) {
  const d = DUPLICATE_SQL[kind];
  const live = `"${d.table}" x WHERE x."organizationId" = $1::uuid AND x."deletedAt" IS NULL AND NULLIF(${d.key}, '') IS NOT NULL`;
  const keyed = `SELECT x.id, ${d.key} AS key, count(*) OVER (PARTITION BY ${d.key}) AS n FROM ${live}`;
  const [summary, rows] = await Promise.all([
    a.db.$queryRawUnsafe<Raw[]>(`SELECT count(DISTINCT k.key) AS groups, count(*) AS records FROM (${keyed}) k WHERE k.n > 1`, a.organizationId),
    a.db.$queryRawUnsafe<Raw[]>(
      `WITH k AS (${keyed}),
            top AS (SELECT key, max(n) AS n FROM k WHERE n > 1 GROUP BY key ORDER BY max(n) DESC, key LIMIT ${MAX_GROUPS})
       SELECT top.key, top.n, ${RECORD_SELECT[d.table]}
         FROM top JOIN k ON k.key = top.key JOIN "${d.table}" x ON x.id = k.id
         LEFT JOIN "Account" acc ON acc.id = ${d.table === "Contact" ? 'x."accountId"' : "NULL"} AND acc."organizationId" = $1::uuid
        ORDER BY top.n DESC, top.key, x."createdAt", x.id`,
      a.organizationId,
    ),
  ]);
  const groups = new Map<string, DuplicateRecord[]>();
  for (const r of rows) {
    const key = String(r.key);
    groups.set(key, [
      ...(groups.get(key) ?? []),
      {
        id: String(r.id), name: String(r.name), detail: (r.detail as string | null) ?? null,
        accountName: (r.accountName as string | null) ?? null, createdAt: r.createdAt as Date, tickets: Number(r.tickets), deals: Number(r.deals),
      },
    ]);
  }
  return {
    kind,
    label: d.label,
    entity: d.table,
    groupCount: Number(summary[0]?.groups ?? 0),
    recordCount: Number(summary[0]?.records ?? 0),
    groups: [...groups.entries()].map(([key, records]) => ({ key, records })),
  };
}

export async function getDataQuality(a: Actor) {
  const [fields, ...dups] = await Promise.all([completeness(a), ...DUPLICATE_KINDS.map((k) => duplicateGroups(a, k))]);
  const filled = fields.reduce((s, e) => s + e.fields.reduce((t, f) => t + f.filled, 0), 0);
  const slots = fields.reduce((s, e) => s + e.total * e.fields.length, 0);
  return { completeness: fields, overallCompleteness: slots ? (filled / slots) * 100 : null, duplicates: dups };
}
