import type { PrismaClient } from "@/generated/prisma/client";
import { inRange, rangeParams, toNumber } from "../sql";
import type { Range } from "../period";
import { percent, ratio, type KpiValue } from "../types";
import { rangesOnDays } from "../rollup";
import type { KpiSource } from "../engine";

// Campaign effectiveness tables. Same period semantics as the sales KPIs (see families/sales.ts):
// leads by createdAt / convertedAt, costs by periodStart (kind MARKETING only; Campaign.budget and
// Campaign.actualCost are not used), deals by closedAt (status WON), new customers by Account.startDate.
// Each function runs ONE grouped SQL statement; only the per-group aggregates come back to JS.

type RawDb = Pick<PrismaClient, "$queryRawUnsafe">;

/** counts and sums: NULL (no rows) is 0 */
const num = (v: unknown): number => toNumber(v) ?? 0;

/**
 * Leads created / converted in the range ($2, $3) per value of a lead column (cid), from the leads themselves;
 * `withValue` leaves out the leads where the column is empty (no campaign).
 */
const leadsPerValue = (col: string, withValue = false) => `SELECT ${col} AS cid,
        count(*) FILTER (WHERE ${inRange('l."createdAt"')}) AS leads,
        count(*) FILTER (WHERE ${inRange('l."convertedAt"')}) AS converted
      FROM "Lead" l WHERE l."organizationId" = $1::uuid AND l."deletedAt" IS NULL${withValue ? ` AND ${col} IS NOT NULL` : ""}
        AND (${inRange('l."createdAt"')} OR ${inRange('l."convertedAt"')})
      GROUP BY 1`;

const WON_BY_CAMPAIGN = "deal.won|campaignId=";
/** the first text after every text starting with the prefix ("KpiDailyOrg".metric is in byte order, COLLATE "C") */
const prefixEnd = (prefix: string) => `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
/**
 * "KpiDailyOrg" rows (metric, n, total; the rollup summed over owners) of the range's days ($2, $3) whose metric starts with one of the prefixes. The
 * metric names are found with a skip scan (one index probe per name), then each name is read over the range's days
 * only: one index range over all the names would also read every other day of every name.
 */
const rollupRows = (prefixes: string[]) => {
  const names = prefixes.map((p, i) => `n${i}(metric) AS (
      SELECT min(k.metric) FROM "KpiDailyOrg" k WHERE k."organizationId" = $1::uuid AND k.metric >= '${p}' AND k.metric < '${prefixEnd(p)}'
      UNION ALL
      SELECT (SELECT min(k.metric) FROM "KpiDailyOrg" k WHERE k."organizationId" = $1::uuid AND k.metric > n.metric AND k.metric < '${prefixEnd(p)}')
        FROM n${i} n WHERE n.metric IS NOT NULL)`);
  return `(WITH RECURSIVE ${names.join(", ")}
      SELECT k.metric, k.n, k.total FROM (${prefixes.map((_, i) => `SELECT metric FROM n${i}`).join(" UNION ALL ")}) names
        JOIN "KpiDailyOrg" k ON k."organizationId" = $1::uuid AND k.metric = names.metric AND k.day >= $2::timestamp AND k.day < $3::timestamp)`;
};

/**
 * The same groups from the daily rollup (range on midnights): the per-source / per-campaign variants of
 * "lead.created" and "lead.converted" (migration *_lead_deal_rollup_dimensions). A group whose counts went back to 0
 * (its leads deleted) is left out, as the base statement has no row for it.
 */
const leadsPerValueFromRollup = (dimension: "source" | "campaignId") => {
  const [created, converted] = [`lead.created|${dimension}=`, `lead.converted|${dimension}=`];
  // the value as text in the database's own collation (the metric column is "C"), sorted like the leads' column
  const value = `substr(k.metric, strpos(k.metric, '=') + 1)${dimension === "campaignId" ? "::uuid" : ' COLLATE "default"'}`;
  return `SELECT ${value} AS cid,
        COALESCE(sum(k.n) FILTER (WHERE starts_with(k.metric, '${created}')), 0) AS leads,
        COALESCE(sum(k.n) FILTER (WHERE starts_with(k.metric, '${converted}')), 0) AS converted
      FROM ${rollupRows([created, converted])} k
      GROUP BY 1 HAVING sum(k.n) <> 0`;
};

/** Per campaign from the rollup, plus the leads without a campaign: all leads ("lead.created") minus those with one. */
const leadsPerCampaignFromRollup = `WITH c AS (${leadsPerValueFromRollup("campaignId")}),
      total AS (SELECT COALESCE(sum(k.n) FILTER (WHERE k.metric = 'lead.created'), 0) AS leads, COALESCE(sum(k.n) FILTER (WHERE k.metric = 'lead.converted'), 0) AS converted
        FROM "KpiDailyOrg" k WHERE k."organizationId" = $1::uuid AND k.metric IN ('lead.created', 'lead.converted') AND k.day >= $2::timestamp AND k.day < $3::timestamp),
      none AS (SELECT t.leads - COALESCE(sum(c.leads), 0) AS leads, t.converted - COALESCE(sum(c.converted), 0) AS converted FROM total t LEFT JOIN c ON true GROUP BY t.leads, t.converted)
    SELECT c.cid, c.leads, c.converted FROM c
    UNION ALL
    SELECT NULL::uuid, x.leads, x.converted FROM none x WHERE x.leads <> 0 OR x.converted <> 0`;

export type CampaignRow = {
  campaignId: string;
  name: string;
  channel: string;
  /** leads of the campaign created in the range */
  leads: number;
  /** leads of the campaign converted in the range */
  converted: number;
  /** converted ÷ leads × 100 */
  conversionRate: KpiValue;
  /** marketing costs booked on the campaign whose cost period starts in the range */
  cost: number;
  /** cost ÷ leads */
  costPerLead: KpiValue;
  /** deals of the campaign won (closed) in the range */
  wonDeals: number;
  /** accounts of the campaign whose customer start date is in the range */
  newCustomers: number;
  /** sum of the amounts of the deals won */
  revenue: number;
  /** (revenue − cost) ÷ cost × 100 */
  roi: KpiValue;
};

/**
 * Per campaign of the organization (not deleted) that ran during the range (start date before its end and end date,
 * if any, on/after its start) or has any lead, cost, won deal or new customer in it. Sorted by name.
 */
export async function campaignTable(db: RawDb, organizationId: string, range: Range, source: KpiSource = "auto"): Promise<CampaignRow[]> {
  const rollup = source === "auto" && rangesOnDays([range]);
  const sql = `
    WITH leads AS (${rollup ? leadsPerValueFromRollup("campaignId") : leadsPerValue('l."campaignId"', true)}), costs AS (
      SELECT c."campaignId" AS cid, sum(c.amount) AS cost
      FROM "Cost" c WHERE c."organizationId" = $1::uuid AND c."deletedAt" IS NULL AND c.kind = 'MARKETING' AND c."campaignId" IS NOT NULL
        AND ${inRange('c."periodStart"')}
      GROUP BY c."campaignId"
    ), deals AS (${
      rollup
        ? `SELECT substr(k.metric, ${WON_BY_CAMPAIGN.length + 1})::uuid AS cid, sum(k.n) AS won, sum(k.total) AS revenue
      FROM ${rollupRows([WON_BY_CAMPAIGN])} k
      GROUP BY 1 HAVING sum(k.n) <> 0`
        : `SELECT d."campaignId" AS cid, count(*) AS won, sum(d.amount) AS revenue
      FROM "Deal" d WHERE d."organizationId" = $1::uuid AND d."deletedAt" IS NULL AND d.status = 'WON' AND d."campaignId" IS NOT NULL
        AND ${inRange('d."closedAt"')}
      GROUP BY d."campaignId"`
    }), customers AS (
      SELECT a."campaignId" AS cid, count(*) AS n
      FROM "Account" a WHERE a."organizationId" = $1::uuid AND a."deletedAt" IS NULL AND a."campaignId" IS NOT NULL
        AND ${inRange('a."startDate"')}
      GROUP BY a."campaignId"
    )
    SELECT cp.id, cp.name, cp.channel,
      COALESCE(l.leads, 0) AS leads, COALESCE(l.converted, 0) AS converted,
      COALESCE(co.cost, 0) AS cost, COALESCE(d.won, 0) AS won, COALESCE(d.revenue, 0) AS revenue, COALESCE(cu.n, 0) AS new_customers
    FROM "Campaign" cp
      LEFT JOIN leads l ON l.cid = cp.id
      LEFT JOIN costs co ON co.cid = cp.id
      LEFT JOIN deals d ON d.cid = cp.id
      LEFT JOIN customers cu ON cu.cid = cp.id
    WHERE cp."organizationId" = $1::uuid AND cp."deletedAt" IS NULL
      AND ((cp."startDate" < $3::timestamp AND (cp."endDate" IS NULL OR cp."endDate" >= $2::timestamp))
        OR l.cid IS NOT NULL OR co.cid IS NOT NULL OR d.cid IS NOT NULL OR cu.cid IS NOT NULL)
    ORDER BY cp.name, cp.id`;
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(sql, organizationId, ...rangeParams(range));
  return rows.map((r) => {
    const leads = num(r.leads);
    const converted = num(r.converted);
    const cost = num(r.cost);
    const revenue = num(r.revenue);
    return {
      campaignId: String(r.id),
      name: String(r.name),
      channel: String(r.channel),
      leads,
      converted,
      conversionRate: percent(converted, leads, "no leads created in period"),
      cost,
      costPerLead: ratio(cost, leads, "no leads created in period"),
      wonDeals: num(r.won),
      newCustomers: num(r.new_customers),
      revenue,
      roi: ratio(revenue - cost, cost, "no campaign costs in period", 100),
    };
  });
}

export type LeadConversionRow = {
  /** the source, or the campaign id; null for leads without a campaign */
  key: string | null;
  /** the source, or the campaign's name ("No campaign" when none) */
  label: string;
  /** leads created in the range */
  created: number;
  /** leads converted in the range */
  converted: number;
  /** converted ÷ created × 100 */
  conversionRate: KpiValue;
};

/**
 * Lead conversion rate (leads converted in the range ÷ leads created in the range × 100) per lead source or per
 * campaign: the same definition as the KPI lead_conversion_rate, split by group (the groups add up to the KPI).
 * Groups with leads created or converted in the range, sorted by label.
 */
export async function leadConversionBy(db: RawDb, organizationId: string, range: Range, by: "source" | "campaign", source: KpiSource = "auto"): Promise<LeadConversionRow[]> {
  const rollup = source === "auto" && rangesOnDays([range]);
  const groups =
    by === "source"
      ? rollup ? leadsPerValueFromRollup("source") : leadsPerValue("l.source")
      : rollup ? leadsPerCampaignFromRollup : leadsPerValue('l."campaignId"');
  const label = by === "source" ? "g.cid" : `CASE WHEN g.cid IS NULL THEN 'No campaign' ELSE COALESCE(cp.name, 'Unknown campaign') END`;
  const join = by === "source" ? "" : `LEFT JOIN "Campaign" cp ON cp.id = g.cid AND cp."organizationId" = $1::uuid`;
  const sql = `
    SELECT g.cid::text AS key, ${label} AS label, g.leads AS created, g.converted
    FROM (${groups}) g ${join}
    ORDER BY 2, 1`;
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(sql, organizationId, ...rangeParams(range));
  return rows.map((r) => {
    const created = num(r.created);
    const converted = num(r.converted);
    return {
      key: r.key === null || r.key === undefined ? null : String(r.key),
      label: String(r.label),
      created,
      converted,
      conversionRate: percent(converted, created, "no leads created in period"),
    };
  });
}
