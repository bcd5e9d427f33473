import { percent, present, ratio, type FilterSql, type KpiDefinition } from "../types";
import { inBucket } from "../sql";
import { OWNER_FILTERS, daySum, distinctOwners, snapshotAt, snapshotCte } from "../rollup";

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

/** One pass over the audit log for every bucket: creates, updates and distinct editors per bucket. */
const auditByBucket = (f: FilterSql) => `edits AS MATERIALIZED (SELECT b.idx, count(*) FILTER (WHERE x.action = 'create') AS created,
    count(*) FILTER (WHERE x.action = 'update') AS updated, count(DISTINCT x."actorId") FILTER (WHERE ${EDITS}) AS editors
  FROM buckets b JOIN ${AUDIT.replace(" WHERE ", " ON ")} AND ${inBucket('x."createdAt"')}${f(xf)} GROUP BY b.idx)`;

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
    with: auditByBucket,
    components: () => `COALESCE((SELECT e.created FROM edits e WHERE e.idx = b.idx), 0) AS n, COALESCE((SELECT e.editors FROM edits e WHERE e.idx = b.idx), 0) AS editors`,
    rollup: { filters: OWNER_FILTERS, components: (f) => `${daySum(f, "audit.create")} AS n, ${distinctOwners(f, "audit.edit")} AS editors` },
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
    with: auditByBucket,
    components: () => `COALESCE((SELECT e.updated FROM edits e WHERE e.idx = b.idx), 0) AS n, COALESCE((SELECT e.editors FROM edits e WHERE e.idx = b.idx), 0) AS editors`,
    rollup: { filters: OWNER_FILTERS, components: (f) => `${daySum(f, "audit.update")} AS n, ${distinctOwners(f, "audit.edit")} AS editors` },
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
    rollup: { filters: OWNER_FILTERS, with: (f) => snapshotCte("completeness", f, ["account.completeness", "contact.completeness", "lead.completeness"]), components: () => `${snapshotAt("completeness", 'b."end"', "total")} AS filled, ${snapshotAt("completeness", 'b."end"')} AS fields` },
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
    // One pass over the contacts for every bucket: contact i is a duplicate at t when it and another contact with
    // its key were both created before t, i.e. from `since` = its own creation, or, for the first of its key, the
    // second's creation (NULL when it has none). So duplicates(t) = #(since < t), with_email(t) = #(createdAt < t).
    with: (f) => `dup AS MATERIALIZED (
      SELECT CASE WHEN e.rn = 1 THEN e.second ELSE e."createdAt" END AS since, e."createdAt"
      FROM (SELECT c."createdAt", c."ownerId", row_number() OVER w AS rn,
              nth_value(c."createdAt", 2) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second
            FROM ${live("c", "Contact", '(SELECT max(bb."end") FROM buckets bb)')} AND NULLIF(trim(c.email), '') IS NOT NULL
            -- the key is only compared for equality, so bytewise ("C") order serves and sorts faster than the locale's
            WINDOW w AS (PARTITION BY ${emailKey("c.email")} COLLATE "C" ORDER BY c."createdAt")) e
      WHERE true${f({ ownerId: 'e."ownerId"' })}),
      -- how many contacts were duplicates / had an email before each bucket end: the position of a time among the
      -- sorted ends (width_bucket = number of ends <= it) is counted once, then summed below each end's position
      dup_ends AS (SELECT array_agg(DISTINCT "end" ORDER BY "end") AS ends FROM buckets),
      dup_pos AS (SELECT width_bucket(dup.since, x.ends) AS since_pos, width_bucket(dup."createdAt", x.ends) AS created_pos, count(*) AS n
        FROM dup, dup_ends x GROUP BY 1, 2)`,
    components: () => {
      const below = (col: string) => `(SELECT COALESCE(sum(p.n), 0) FROM dup_pos p, dup_ends x WHERE p.${col} < array_position(x.ends, b."end"))`;
      return `${below("since_pos")} AS duplicates, ${below("created_pos")} AS with_email`;
    },
    // the same from the rows the triggers keep: "ContactDuplicate" (each duplicate contact and its `since`, migration
    // contact_duplicate_rollup) and the contacts with an email per day of creation ("contact.with_email")
    rollup: {
      filters: OWNER_FILTERS,
      with: (f) => snapshotCte("with_email", f, "contact.with_email"),
      components: (f) => `(SELECT count(*) FROM "ContactDuplicate" d WHERE d."organizationId" = $1::uuid AND d.since < b."end"${f({ ownerId: 'd."ownerId"' })}) AS duplicates,
        ${snapshotAt("with_email", 'b."end"')} AS with_email`,
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
