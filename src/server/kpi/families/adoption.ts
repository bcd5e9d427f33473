import { percent, present, ratio, type KpiDefinition } from "../types";
import { inBucket } from "../sql";

// CRM adoption and data quality. Periods are [start, end) in UTC. "Owner" of an adoption KPI = the user
// (ownerId = that user, teamId = members of the team). Data-quality KPIs are snapshots at the end of the period
// over the records created before it (current field values; soft-deleted records never count).
/** A snapshot drill-down reads only the period end ($3); the engine always passes $2, which Postgres must be able to type. */
const userFilters = ["ownerId", "teamId"] as const;

const LOGINS = `"LoginEvent" l WHERE l."organizationId" = $1::uuid AND l.success AND l."userId" IS NOT NULL`;
const lf = { ownerId: 'l."userId"' };
const MEMBERS = `"Membership" m WHERE m."organizationId" = $1::uuid AND m.active`;
const mf = { ownerId: 'm."userId"' };
const AUDIT = `"AuditLog" x WHERE x."organizationId" = $1::uuid AND x."actorId" IS NOT NULL`;
const xf = { ownerId: 'x."actorId"' };
const EDITS = `x.action IN ('create', 'update')`;

/** filled = not NULL and, for text, not blank */
const filled = (col: string) => `(NULLIF(btrim(${col}), '') IS NOT NULL)::int`;
const set = (col: string) => `(${col} IS NOT NULL)::int`;
const live = (alias: string, table: string, end: string) => `"${table}" ${alias} WHERE ${alias}."organizationId" = $1::uuid AND ${alias}."deletedAt" IS NULL AND ${alias}."createdAt" < ${end}`;
/** The key fields of each record type whose completeness the KPI measures (also the data-quality view's fields). */
export const KEY_FIELDS = [
  { alias: "a", table: "Account", fields: [filled('a."segment"'), filled('a."industry"'), set('a."ownerId"')], missing: [["segment", `NULLIF(btrim(a."segment"), '') IS NULL`], ["industry", `NULLIF(btrim(a."industry"), '') IS NULL`], ["owner", `a."ownerId" IS NULL`]], name: "a.name" },
  { alias: "c", table: "Contact", fields: [filled('c."email"'), filled('c."phone"'), set('c."accountId"')], missing: [["email", `NULLIF(btrim(c."email"), '') IS NULL`], ["phone", `NULLIF(btrim(c."phone"), '') IS NULL`], ["account", `c."accountId" IS NULL`]], name: `c."firstName" || ' ' || c."lastName"` },
  { alias: "ld", table: "Lead", fields: [filled('ld."email"'), filled('ld."source"'), set('ld."ownerId"')], missing: [["email", `NULLIF(btrim(ld."email"), '') IS NULL`], ["source", `NULLIF(btrim(ld."source"), '') IS NULL`], ["owner", `ld."ownerId" IS NULL`]], name: `ld."firstName" || ' ' || ld."lastName"` },
] as const;

/** Two contacts are duplicates when their emails are equal after this normalisation (also the data-quality view's rule). */
export const emailKey = (col: string) => `lower(trim(${col}))`;

/** Contacts with an email (trimmed, non-blank) alive at `end`, each with how many such contacts share its lower(trim(email)). */
const contactsWithEmail = (end: string) =>
  `(SELECT c.id, c."firstName", c."lastName", c.email, c."ownerId", c."createdAt", ${emailKey("c.email")} AS key, count(*) OVER (PARTITION BY ${emailKey("c.email")}) AS n
      FROM ${live("c", "Contact", end)} AND NULLIF(trim(c.email), '') IS NOT NULL) e`;

export const adoptionKpis: KpiDefinition[] = [
  {
    id: "active_users",
    name: "Active users",
    family: "adoption",
    description: "People who signed in to the CRM at least once in the period.",
    unit: "count",
    direction: "higher",
    formula: "number of distinct users with at least one successful sign-in to the organization in the period.",
    filters: userFilters,
    components: (f) => `(SELECT count(DISTINCT l."userId") FROM ${LOGINS} AND ${inBucket('l."createdAt"')}${f(lf)}) AS n`,
    value: (c) => present(c.n, "no data"),
    drill: {
      title: "Users who signed in during the period",
      columns: [
        { key: "name", label: "User" },
        { key: "email", label: "Email" },
        { key: "logins", label: "Sign-ins", type: "number" },
        { key: "lastLogin", label: "Last sign-in", type: "date" },
      ],
      sql: (f) =>
        `SELECT u.id, u.name, u.email, count(*) AS logins, max(l."createdAt") AS "lastLogin"
           FROM "LoginEvent" l JOIN "User" u ON u.id = l."userId"
          WHERE l."organizationId" = $1::uuid AND l.success AND l."createdAt" >= $2::timestamp AND l."createdAt" < $3::timestamp${f(lf)}
          GROUP BY u.id, u.name, u.email`,
      orderBy: "logins DESC, name, id",
    },
  },
  {
    id: "logins",
    name: "Sign-ins",
    family: "adoption",
    description: "Successful sign-ins to the CRM in the period.",
    unit: "count",
    direction: "higher",
    formula: "number of successful sign-ins to the organization in the period (failed attempts do not count).",
    filters: userFilters,
    components: (f) => `(SELECT count(*) FROM ${LOGINS} AND ${inBucket('l."createdAt"')}${f(lf)}) AS n`,
    value: (c) => present(c.n, "no data"),
  },
  {
    id: "logins_per_user",
    name: "Sign-ins per user",
    family: "adoption",
    description: "How often the organization's members sign in, on average.",
    unit: "ratio",
    direction: "higher",
    formula: "successful sign-ins in the period ÷ active members of the organization. The member count is today's (memberships currently active), not the period's: membership history is not kept.",
    filters: userFilters,
    components: (f) => `(SELECT count(*) FROM ${LOGINS} AND ${inBucket('l."createdAt"')}${f(lf)}) AS logins, (SELECT count(*) FROM ${MEMBERS}${f(mf)}) AS members`,
    value: (c) => ratio(c.logins, c.members, "no active members"),
  },
  {
    id: "records_created_per_user",
    name: "Records created per user",
    family: "adoption",
    description: "Records (accounts, contacts, leads, deals, …) created per user who edited CRM data in the period.",
    unit: "ratio",
    direction: "higher",
    formula: "audit-log entries with action \"create\" in the period ÷ distinct users with at least one \"create\" or \"update\" entry in the period (changes made by the system, without a user, are left out).",
    filters: userFilters,
    components: (f) => {
      const w = f(xf);
      return `(SELECT count(*) FROM ${AUDIT} AND x.action = 'create' AND ${inBucket('x."createdAt"')}${w}) AS n,
        (SELECT count(DISTINCT x."actorId") FROM ${AUDIT} AND ${EDITS} AND ${inBucket('x."createdAt"')}${w}) AS editors`;
    },
    value: (c) => ratio(c.n, c.editors, "no records created or updated in period"),
  },
  {
    id: "records_updated_per_user",
    name: "Records updated per user",
    family: "adoption",
    description: "Record updates per user who edited CRM data in the period.",
    unit: "ratio",
    direction: "higher",
    formula: "audit-log entries with action \"update\" in the period ÷ distinct users with at least one \"create\" or \"update\" entry in the period (changes made by the system, without a user, are left out).",
    filters: userFilters,
    components: (f) => {
      const w = f(xf);
      return `(SELECT count(*) FROM ${AUDIT} AND x.action = 'update' AND ${inBucket('x."createdAt"')}${w}) AS n,
        (SELECT count(DISTINCT x."actorId") FROM ${AUDIT} AND ${EDITS} AND ${inBucket('x."createdAt"')}${w}) AS editors`;
    },
    value: (c) => ratio(c.n, c.editors, "no records created or updated in period"),
  },
  {
    id: "data_completeness",
    name: "Data completeness",
    family: "adoption",
    description: "Share of key fields that are filled in: accounts (segment, industry, owner), contacts (email, phone, account) and leads (email, source, owner).",
    unit: "percent",
    direction: "higher",
    formula: "snapshot at the end of the period over the accounts, contacts and leads created before it and not deleted: filled key fields ÷ (3 × number of those records) × 100. A text field is filled when not blank; values are today's. Owner/team filter: the record's owner.",
    filters: userFilters,
    components: (f) => {
      const parts = KEY_FIELDS.map((k) => ({
        filled: `(SELECT coalesce(sum(${k.fields.join(" + ")}), 0) FROM ${live(k.alias, k.table, 'b."end"')}${f({ ownerId: `${k.alias}."ownerId"` })})`,
        fields: `(SELECT 3 * count(*) FROM ${live(k.alias, k.table, 'b."end"')}${f({ ownerId: `${k.alias}."ownerId"` })})`,
      }));
      return `${parts.map((p) => p.filled).join(" + ")} AS filled, ${parts.map((p) => p.fields).join(" + ")} AS fields`;
    },
    value: (c) => percent(c.filled, c.fields, "no accounts, contacts or leads"),
    drill: {
      title: "Records with missing key fields at the end of the period",
      columns: [
        { key: "entityType", label: "Record" },
        { key: "name", label: "Name" },
        { key: "missing", label: "Missing" },
        { key: "createdAt", label: "Created", type: "date" },
      ],
      sql: (f) =>
        KEY_FIELDS.map(
          (k) =>
            `SELECT ${k.alias}.id, '${k.table}' AS "entityType", ${k.name} AS name, concat_ws(', ', ${k.missing.map(([label, cond]) => `CASE WHEN ${cond} THEN '${label}' END`).join(", ")}) AS missing, ${k.alias}."createdAt"
               FROM ${live(k.alias, k.table, "$3::timestamp")} AND (${k.missing.map(([, cond]) => cond).join(" OR ")})${f({ ownerId: `${k.alias}."ownerId"` })}`,
        ).join(" UNION ALL "),
      orderBy: '"entityType", name, id',
    },
  },
  {
    id: "duplicate_rate",
    name: "Duplicate contact rate",
    family: "adoption",
    description: "Share of contacts whose email address is also used by another contact.",
    unit: "percent",
    direction: "lower",
    formula: "snapshot at the end of the period over the contacts created before it, not deleted and with an email: contacts whose lower(trim(email)) is shared with another such contact ÷ those contacts × 100. Owner/team filter: the contact's owner (the other contact may belong to anyone).",
    filters: userFilters,
    components: (f) => {
      const w = f({ ownerId: 'e."ownerId"' });
      return `(SELECT count(*) FILTER (WHERE e.n > 1) FROM ${contactsWithEmail('b."end"')} WHERE true${w}) AS duplicates,
        (SELECT count(*) FROM ${contactsWithEmail('b."end"')} WHERE true${w}) AS with_email`;
    },
    value: (c) => percent(c.duplicates, c.with_email, "no contacts with an email"),
    drill: {
      title: "Contacts sharing an email address at the end of the period",
      columns: [
        { key: "key", label: "Email (normalized)" },
        { key: "name", label: "Contact" },
        { key: "email", label: "Email as entered" },
        { key: "n", label: "Contacts with this email", type: "number" },
        { key: "createdAt", label: "Created", type: "date" },
      ],
      sql: (f) => `SELECT e.id, e.key, e."firstName" || ' ' || e."lastName" AS name, e.email, e.n, e."createdAt" FROM ${contactsWithEmail("$3::timestamp")} WHERE e.n > 1${f({ ownerId: 'e."ownerId"' })}`,
      orderBy: 'key, "createdAt", id',
    },
  },
];
