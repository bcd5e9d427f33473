import { percent, present, ratio, type KpiDefinition, type KpiValue } from "../types";
import { inBucket, inRange } from "../sql";
import { LEAD_ROLLUP_FILTERS, OWNER_FILTERS, WON_DEAL_ROLLUP_FILTERS, daySum, dayMean, snapshotAt, snapshotCte } from "../rollup";

// Sales & marketing KPIs. Every KPI says in its formula which date column puts a record in the period [start, end).
// Leads: createdAt (created), convertedAt (converted). Deals: closedAt (won / lost), openedAt + closedAt (open at a time).
// Costs: periodStart. Accounts (customers): startDate. Activities: createdAt. Contacts: emailOptInAt.
const LEAD = `"Lead" l WHERE l."organizationId" = $1::uuid AND l."deletedAt" IS NULL`;
const DEAL = `"Deal" d WHERE d."organizationId" = $1::uuid AND d."deletedAt" IS NULL`;
const COST = `"Cost" c WHERE c."organizationId" = $1::uuid AND c."deletedAt" IS NULL`;
const ACC = `"Account" a WHERE a."organizationId" = $1::uuid AND a."deletedAt" IS NULL`;

const leadFilters = ["ownerId", "teamId", "source", "campaignId"] as const;
const lf = { ownerId: 'l."ownerId"', source: 'l."source"', campaignId: 'l."campaignId"' };
const dealFilters = ["ownerId", "teamId", "campaignId"] as const;
const df = { ownerId: 'd."ownerId"', campaignId: 'd."campaignId"' };

/**
 * The same deals through the view "DealCycle" (their status and dates, no amounts): the result cache keeps what
 * reads only these columns across the other deal writes (migration deal_cycle_changes).
 */
const DEAL_CYCLE = `"DealCycle" d WHERE d."organizationId" = $1::uuid AND d."deletedAt" IS NULL`;
/** Deals won in the bucket. */
const WON = `${DEAL} AND d.status = 'WON' AND ${inBucket('d."closedAt"')}`;
/** Days from the start of the sales cycle (engaged, else opened) to the close. */
const CYCLE_DAYS = `EXTRACT(EPOCH FROM (d."closedAt" - COALESCE(d."engagedAt", d."openedAt"))) / 86400.0`;
/** Open at time t: opened before t and not closed by then (a snapshot). */
const openAt = (t: string) => `d."openedAt" < ${t} AND (d."closedAt" IS NULL OR d."closedAt" >= ${t})`;
/** Average days in a month, to turn a bucket's length into months. */
export const DAYS_PER_MONTH = 30.4375;

const leadColumns = [
  { key: "name", label: "Lead" },
  { key: "company", label: "Company" },
  { key: "source", label: "Source" },
  { key: "campaign", label: "Campaign" },
  { key: "createdAt", label: "Created", type: "date" },
  { key: "convertedAt", label: "Converted", type: "date" },
] as const;
const leadSelect = `SELECT l.id, l."firstName" || ' ' || l."lastName" AS name, l.company, l.source, cp.name AS campaign, l."createdAt", l."convertedAt"
  FROM "Lead" l LEFT JOIN "Campaign" cp ON cp.id = l."campaignId" AND cp."organizationId" = $1::uuid
  WHERE l."organizationId" = $1::uuid AND l."deletedAt" IS NULL`;

const dealColumns = [
  { key: "name", label: "Deal" },
  { key: "account", label: "Account" },
  { key: "type", label: "Type" },
  { key: "status", label: "Status" },
  { key: "amount", label: "Amount", type: "money" },
  { key: "openedAt", label: "Opened", type: "date" },
  { key: "closedAt", label: "Closed", type: "date" },
] as const;
const dealSelect = (extra = "") => `SELECT d.id, d.name, a.name AS account, d.type::text AS type, d.status::text AS status, d.amount, d."openedAt", d."closedAt"${extra}
  FROM "Deal" d LEFT JOIN "Account" a ON a.id = d."accountId" AND a."organizationId" = $1::uuid
  WHERE d."organizationId" = $1::uuid AND d."deletedAt" IS NULL`;

/** CAC payback in months = CAC ÷ (margin per new customer per month) = costs × months ÷ margin. */
function cacPayback(c: { cost: number | null; new_customers: number | null; margin: number | null; days: number | null }): KpiValue {
  if (!c.new_customers) return { value: null, reason: "no new customers in period" };
  if (c.margin === null || c.margin <= 0 || !c.days) return { value: null, reason: "new customers earned no gross margin in period" };
  const cac = (c.cost ?? 0) / c.new_customers;
  const monthlyMarginPerCustomer = c.margin / c.new_customers / (c.days / DAYS_PER_MONTH);
  return { value: cac / monthlyMarginPerCustomer };
}

/**
 * New revenue over a window: what the deals won in the period brought in as invoiced purchases (linked to the
 * deal) within N months of their close. One definition serves every window length.
 */
function revenueWithinMonthsOfClose(months: number): KpiDefinition {
  const inWindow = `p."purchasedAt" >= d."closedAt" AND p."purchasedAt" < d."closedAt" + interval '${months} months'`;
  return {
    id: `new_revenue_${months}m`,
    name: `New revenue within ${months} months of close`,
    family: "sales",
    description: `Invoiced revenue from the deals won in the period, counting purchases made within ${months} months after each deal closed.`,
    unit: "money",
    direction: "higher",
    formula: `sum of purchase amounts linked to deals won in the period (close date in the period), for purchases dated from the close up to ${months} months after it; 0 when none.`,
    filters: dealFilters,
    // one pass for every bucket: the won deals of the buckets joined once to their purchases
    with: (f) => `rev AS MATERIALIZED (SELECT b.idx, sum(p.amount) AS revenue FROM buckets b
        JOIN "Deal" d ON d."organizationId" = $1::uuid AND d."deletedAt" IS NULL AND d.status = 'WON' AND ${inBucket('d."closedAt"')}${f(df)}
        JOIN "Purchase" p ON p."dealId" = d.id AND p."organizationId" = $1::uuid AND p."deletedAt" IS NULL AND ${inWindow}
      GROUP BY b.idx)`,
    components: () => `COALESCE((SELECT r.revenue FROM rev r WHERE r.idx = b.idx), 0) AS revenue`,
    // each won deal's revenue in the window, on its close day ("DealRevenue" → "KpiDaily", migration deal_revenue_rollup)
    rollup: { filters: OWNER_FILTERS, components: (f) => `${daySum(f, `deal_revenue.${months}m`, "total")} AS revenue` },
    value: (c) => present(c.revenue, "no data"),
  };
}

export const salesKpis: KpiDefinition[] = [
  {
    id: "leads_created",
    name: "Leads created",
    family: "sales",
    description: "New leads that entered the funnel during the period.",
    unit: "count",
    direction: "higher",
    formula: "number of leads whose creation date is in the period.",
    filters: leadFilters,
    components: (f) => `(SELECT count(*) FROM ${LEAD} AND ${inBucket('l."createdAt"')}${f(lf)}) AS n`,
    rollup: { filters: LEAD_ROLLUP_FILTERS, components: (f) => `${daySum(f, "lead.created")} AS n` },
    value: (c) => present(c.n, "no data"),
    drill: {
      title: "Leads created in the period",
      columns: leadColumns,
      sql: (f) => `${leadSelect} AND ${inRange('l."createdAt"')}${f(lf)}`,
      orderBy: '"createdAt" DESC, id',
    },
  },
  {
    id: "lead_conversion_rate",
    name: "Lead conversion rate",
    family: "sales",
    description: "Leads converted into opportunities/customers, relative to the leads created in the same period.",
    unit: "percent",
    direction: "higher",
    formula: "leads converted in the period (conversion date in the period) ÷ leads created in the period (creation date in the period) × 100. The two sets are counted independently: a lead created earlier and converted in the period counts as converted.",
    filters: leadFilters,
    components: (f) => {
      const w = f(lf);
      return `(SELECT count(*) FROM ${LEAD} AND ${inBucket('l."convertedAt"')}${w}) AS converted,
        (SELECT count(*) FROM ${LEAD} AND ${inBucket('l."createdAt"')}${w}) AS created`;
    },
    rollup: { filters: LEAD_ROLLUP_FILTERS, components: (f) => `${daySum(f, "lead.converted")} AS converted, ${daySum(f, "lead.created")} AS created` },
    value: (c) => percent(c.converted, c.created, "no leads created in period"),
    drill: {
      title: "Leads converted in the period",
      columns: leadColumns,
      sql: (f) => `${leadSelect} AND ${inRange('l."convertedAt"')}${f(lf)}`,
      orderBy: '"convertedAt" DESC, id',
    },
  },
  {
    id: "win_rate",
    name: "Win rate",
    family: "sales",
    description: "Share of the deals closed in the period that were won.",
    unit: "percent",
    direction: "higher",
    formula: "deals won ÷ (deals won + deals lost) × 100, over deals whose close date is in the period.",
    filters: dealFilters,
    components: (f) => {
      const w = f(df);
      return `(SELECT count(*) FILTER (WHERE d.status = 'WON') FROM ${DEAL} AND ${inBucket('d."closedAt"')}${w}) AS won,
        (SELECT count(*) FILTER (WHERE d.status IN ('WON', 'LOST')) FROM ${DEAL} AND ${inBucket('d."closedAt"')}${w}) AS closed`;
    },
    rollup: { filters: OWNER_FILTERS, components: (f) => `${daySum(f, "deal.won")} AS won, ${daySum(f, "deal.closed")} AS closed` },
    value: (c) => percent(c.won, c.closed, "no deals closed in period"),
    drill: {
      title: "Deals closed (won or lost) in the period",
      columns: dealColumns,
      sql: (f) => `${dealSelect()} AND d.status IN ('WON', 'LOST') AND ${inRange('d."closedAt"')}${f(df)}`,
      orderBy: '"closedAt" DESC, id',
    },
  },
  {
    id: "sales_cycle_days",
    name: "Sales cycle length (mean)",
    family: "sales",
    description: "Average time it takes to win a deal.",
    unit: "days",
    direction: "lower",
    formula: "mean of the days from a deal's engagement date (its open date when it has none) to its close date, over deals won in the period (close date in the period).",
    filters: dealFilters,
    components: (f) => `(SELECT avg(${CYCLE_DAYS}) FROM ${WON}${f(df)}) AS days`,
    rollup: { filters: OWNER_FILTERS, components: (f) => `${dayMean(f, "deal.won.cycle", 86400)} AS days` },
    value: (c) => present(c.days, "no deals won in period"),
    drill: {
      title: "Deals won in the period, with their cycle length",
      columns: [...dealColumns, { key: "cycleDays", label: "Cycle (days)", type: "number" }],
      sql: (f) => `${dealSelect(`, ${CYCLE_DAYS} AS "cycleDays"`)} AND d.status = 'WON' AND ${inRange('d."closedAt"')}${f(df)}`,
      orderBy: '"cycleDays" DESC, id',
    },
  },
  {
    id: "sales_cycle_median_days",
    name: "Sales cycle length (median)",
    family: "sales",
    description: "Typical time it takes to win a deal, not skewed by a few very long deals.",
    unit: "days",
    direction: "lower",
    formula: "median (50th percentile, interpolated) of the days from a deal's engagement date (its open date when it has none) to its close date, over deals won in the period (close date in the period).",
    filters: dealFilters,
    components: (f) => `(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ${CYCLE_DAYS}) FROM ${DEAL_CYCLE} AND d.status = 'WON' AND ${inBucket('d."closedAt"')}${f(df)}) AS days`,
    value: (c) => present(c.days, "no deals won in period"),
  },
  {
    id: "open_deals",
    name: "Open deals",
    family: "sales",
    description: "Deals in the pipeline at the end of the period (a snapshot).",
    unit: "count",
    direction: "higher",
    formula: "number of deals opened before the end of the period and not closed by then (close date empty or on/after the period's end).",
    filters: dealFilters,
    components: (f) => `(SELECT count(*) FROM ${DEAL_CYCLE} AND ${openAt('b."end"')}${f(df)}) AS n`,
    rollup: { filters: OWNER_FILTERS, with: (f) => snapshotCte("open_deals", f, "deal.open"), components: () => `${snapshotAt("open_deals", 'b."end"')} AS n` },
    value: (c) => present(c.n, "no data"),
    drill: {
      title: "Deals open at the end of the period",
      columns: dealColumns,
      // a snapshot at the end ($3); $2 is referenced only so that PostgreSQL can type every parameter
      sql: (f) => `${dealSelect()} AND ${openAt("$3::timestamp")}${f(df)}`,
      orderBy: "amount DESC, id",
    },
  },
  {
    id: "pipeline_value",
    name: "Pipeline value",
    family: "sales",
    description: "Total amount of the deals in the pipeline at the end of the period (a snapshot).",
    unit: "money",
    direction: "higher",
    formula: "sum of the amounts of the deals opened before the end of the period and not closed by then (close date empty or on/after the period's end); 0 when there are none.",
    filters: dealFilters,
    components: (f) => `(SELECT COALESCE(sum(d.amount), 0) FROM ${DEAL} AND ${openAt('b."end"')}${f(df)}) AS amount`,
    rollup: { filters: OWNER_FILTERS, with: (f) => snapshotCte("open_deals", f, "deal.open"), components: () => `${snapshotAt("open_deals", 'b."end"', "total")} AS amount` },
    value: (c) => present(c.amount, "no data"),
  },
  {
    id: "new_revenue",
    name: "New revenue",
    family: "sales",
    description: "Revenue booked from the deals won in the period.",
    unit: "money",
    direction: "higher",
    formula: "sum of the amounts of the deals won in the period (close date in the period); 0 when none were won.",
    filters: dealFilters,
    components: (f) => `(SELECT COALESCE(sum(d.amount), 0) FROM ${WON}${f(df)}) AS revenue`,
    rollup: { filters: WON_DEAL_ROLLUP_FILTERS, components: (f) => `${daySum(f, "deal.won", "total")} AS revenue` },
    value: (c) => present(c.revenue, "no data"),
    drill: {
      title: "Deals won in the period",
      columns: dealColumns,
      sql: (f) => `${dealSelect()} AND d.status = 'WON' AND ${inRange('d."closedAt"')}${f(df)}`,
      orderBy: "amount DESC, id",
    },
  },
  revenueWithinMonthsOfClose(6),
  revenueWithinMonthsOfClose(12),
  {
    id: "won_deals",
    name: "Deals won",
    family: "sales",
    description: "Number of deals won in the period.",
    unit: "count",
    direction: "higher",
    formula: "number of deals won whose close date is in the period.",
    filters: dealFilters,
    components: (f) => `(SELECT count(*) FROM ${WON}${f(df)}) AS n`,
    rollup: { filters: WON_DEAL_ROLLUP_FILTERS, components: (f) => `${daySum(f, "deal.won")} AS n` },
    value: (c) => present(c.n, "no data"),
    drill: {
      title: "Deals won in the period",
      columns: dealColumns,
      sql: (f) => `${dealSelect()} AND d.status = 'WON' AND ${inRange('d."closedAt"')}${f(df)}`,
      orderBy: '"closedAt" DESC, id',
    },
  },
  {
    id: "cac",
    name: "Customer acquisition cost (CAC)",
    family: "sales",
    description: "What it costs, in marketing and sales spending, to win one new customer.",
    unit: "money",
    direction: "lower",
    formula: "(marketing + sales costs whose cost period starts in the period) ÷ new customers acquired in the period (accounts whose customer start date is in the period). Costs are organization-wide, so this KPI takes no filters.",
    filters: [],
    components: () => `(SELECT sum(c.amount) FROM ${COST} AND c.kind IN ('MARKETING', 'SALES') AND ${inBucket('c."periodStart"')}) AS cost,
        (SELECT count(*) FROM ${ACC} AND ${inBucket('a."startDate"')}) AS new_customers`,
    rollup: { filters: [], components: (f) => `(SELECT sum(c.amount) FROM ${COST} AND c.kind IN ('MARKETING', 'SALES') AND ${inBucket('c."periodStart"')}) AS cost, ${daySum(f, "account.new")} AS new_customers` },
    value: (c) => ratio(c.cost ?? 0, c.new_customers, "no new customers in period"),
    drill: {
      title: "New customers acquired in the period",
      columns: [{ key: "name", label: "Account" }, { key: "segment", label: "Segment" }, { key: "campaign", label: "Campaign" }, { key: "startDate", label: "Customer since", type: "date" }],
      sql: () => `SELECT a.id, a.name, a.segment, cp.name AS campaign, a."startDate" FROM "Account" a LEFT JOIN "Campaign" cp ON cp.id = a."campaignId" AND cp."organizationId" = $1::uuid
        WHERE a."organizationId" = $1::uuid AND a."deletedAt" IS NULL AND ${inRange('a."startDate"')}`,
      orderBy: '"startDate" DESC, id',
    },
  },
  {
    id: "cac_payback_months",
    name: "CAC payback",
    family: "sales",
    description: "Months of gross margin from a new customer needed to earn back what it cost to acquire them.",
    unit: "months",
    direction: "lower",
    formula: `CAC ÷ average monthly gross margin per new customer, where CAC = (marketing + sales costs whose cost period starts in the period) ÷ new customers (accounts whose customer start date is in the period), and the monthly margin per new customer = Σ (purchase amount − purchase cost) of the purchases made in the period by those new customers ÷ new customers ÷ months in the period (days ÷ ${DAYS_PER_MONTH}). Not computable when there are no new customers or their margin is not positive. Costs are organization-wide, so this KPI takes no filters.`,
    filters: [],
    components: () => `(SELECT sum(c.amount) FROM ${COST} AND c.kind IN ('MARKETING', 'SALES') AND ${inBucket('c."periodStart"')}) AS cost,
        (SELECT count(*) FROM ${ACC} AND ${inBucket('a."startDate"')}) AS new_customers,
        (SELECT m.margin FROM new_margin m WHERE m.idx = b.idx) AS margin,
        b.days AS days`,
    // the new customers' margin in one pass for every bucket
    with: () => `new_margin AS MATERIALIZED (SELECT b.idx, sum(p.amount - p.cost) AS margin FROM buckets b
        JOIN "Account" a ON a."organizationId" = $1::uuid AND a."deletedAt" IS NULL AND ${inBucket('a."startDate"')}
        JOIN "Purchase" p ON p."accountId" = a.id AND p."organizationId" = $1::uuid AND p."deletedAt" IS NULL AND ${inBucket('p."purchasedAt"')}
      GROUP BY b.idx)`,
    // the same from the rollups: new customers per day ("account.new"), and the margin of the purchase days of accounts
    // whose start date is in the bucket ("PurchaseDay" keeps each account's start date)
    rollup: {
      filters: [],
      with: () => `new_margin AS MATERIALIZED (SELECT b.idx, sum(d.margin) AS margin FROM buckets b
          JOIN "PurchaseDay" d ON d."organizationId" = $1::uuid AND d."accountStart" >= b.start AND d."accountStart" < b."end" AND d.day >= b.start AND d.day < b."end"
        GROUP BY b.idx)`,
      components: (f) => `(SELECT sum(c.amount) FROM ${COST} AND c.kind IN ('MARKETING', 'SALES') AND ${inBucket('c."periodStart"')}) AS cost,
        ${daySum(f, "account.new")} AS new_customers, (SELECT m.margin FROM new_margin m WHERE m.idx = b.idx) AS margin, b.days AS days`,
    },
    value: (c) => cacPayback({ cost: c.cost ?? null, new_customers: c.new_customers ?? null, margin: c.margin ?? null, days: c.days ?? null }),
  },
  {
    id: "cost_per_lead",
    name: "Cost per lead",
    family: "sales",
    description: "Marketing spending per lead generated.",
    unit: "money",
    direction: "lower",
    formula: "marketing costs whose cost period starts in the period ÷ leads created in the period. With a campaign filter: that campaign's marketing costs ÷ that campaign's leads.",
    filters: ["campaignId"],
    components: (f) => `(SELECT sum(c.amount) FROM ${COST} AND c.kind = 'MARKETING' AND ${inBucket('c."periodStart"')}${f({ campaignId: 'c."campaignId"' })}) AS cost,
        (SELECT count(*) FROM ${LEAD} AND ${inBucket('l."createdAt"')}${f({ campaignId: 'l."campaignId"' })}) AS leads`,
    rollup: { filters: [], components: (f) => `(SELECT sum(c.amount) FROM ${COST} AND c.kind = 'MARKETING' AND ${inBucket('c."periodStart"')}) AS cost, ${daySum(f, "lead.created")} AS leads` },
    value: (c) => ratio(c.cost ?? 0, c.leads, "no leads created in period"),
  },
  {
    id: "campaign_conversion_rate",
    name: "Campaign conversion rate",
    family: "sales",
    description: "Conversion of the leads that came from a campaign.",
    unit: "percent",
    direction: "higher",
    formula: "leads with a campaign converted in the period (conversion date in the period) ÷ leads with a campaign created in the period (creation date in the period) × 100.",
    filters: ["campaignId"],
    components: (f) => {
      const w = f({ campaignId: 'l."campaignId"' });
      return `(SELECT count(*) FROM ${LEAD} AND l."campaignId" IS NOT NULL AND ${inBucket('l."convertedAt"')}${w}) AS converted,
        (SELECT count(*) FROM ${LEAD} AND l."campaignId" IS NOT NULL AND ${inBucket('l."createdAt"')}${w}) AS created`;
    },
    rollup: { filters: [], components: (f) => `${daySum(f, "lead.converted.campaign")} AS converted, ${daySum(f, "lead.created.campaign")} AS created` },
    value: (c) => percent(c.converted, c.created, "no campaign leads created in period"),
    drill: {
      title: "Campaign leads converted in the period",
      columns: leadColumns,
      sql: (f) => `${leadSelect} AND l."campaignId" IS NOT NULL AND ${inRange('l."convertedAt"')}${f({ campaignId: 'l."campaignId"' })}`,
      orderBy: '"convertedAt" DESC, id',
    },
  },
  {
    id: "campaign_roi",
    name: "Campaign ROI",
    family: "sales",
    description: "Return on the money spent on campaigns.",
    unit: "percent",
    direction: "higher",
    formula: "(revenue of the deals won with a campaign, close date in the period − marketing costs booked on a campaign whose cost period starts in the period) ÷ those costs × 100.",
    filters: ["campaignId"],
    components: (f) => `(SELECT COALESCE(sum(d.amount), 0) FROM ${WON} AND d."campaignId" IS NOT NULL${f({ campaignId: 'd."campaignId"' })}) AS revenue,
        (SELECT sum(c.amount) FROM ${COST} AND c.kind = 'MARKETING' AND c."campaignId" IS NOT NULL AND ${inBucket('c."periodStart"')}${f({ campaignId: 'c."campaignId"' })}) AS cost`,
    rollup: { filters: [], components: (f) => `${daySum(f, "deal.won.campaign", "total")} AS revenue, (SELECT sum(c.amount) FROM ${COST} AND c.kind = 'MARKETING' AND c."campaignId" IS NOT NULL AND ${inBucket('c."periodStart"')}) AS cost` },
    value: (c) => {
      const revenue = c.revenue ?? null;
      const cost = c.cost ?? null;
      return ratio(revenue === null || cost === null ? null : revenue - cost, cost, "no campaign costs in period", 100);
    },
    drill: {
      title: "Campaigns with costs or won revenue in the period",
      columns: [
        { key: "name", label: "Campaign" },
        { key: "channel", label: "Channel" },
        { key: "cost", label: "Cost", type: "money" },
        { key: "revenue", label: "Revenue", type: "money" },
      ],
      sql: (f) => `SELECT cp.id, cp.name, cp.channel,
          (SELECT COALESCE(sum(c.amount), 0) FROM ${COST} AND c.kind = 'MARKETING' AND c."campaignId" = cp.id AND ${inRange('c."periodStart"')}) AS cost,
          (SELECT COALESCE(sum(d.amount), 0) FROM ${DEAL} AND d.status = 'WON' AND d."campaignId" = cp.id AND ${inRange('d."closedAt"')}) AS revenue
        FROM "Campaign" cp WHERE cp."organizationId" = $1::uuid AND cp."deletedAt" IS NULL${f({ campaignId: "cp.id" })}
          AND (EXISTS (SELECT 1 FROM ${COST} AND c.kind = 'MARKETING' AND c."campaignId" = cp.id AND ${inRange('c."periodStart"')})
            OR EXISTS (SELECT 1 FROM ${DEAL} AND d.status = 'WON' AND d."campaignId" = cp.id AND ${inRange('d."closedAt"')}))`,
      orderBy: "name, id",
    },
  },
  {
    id: "calls_per_lead",
    name: "Sales calls per lead",
    family: "sales",
    description: "How many calls the team makes per new lead.",
    unit: "ratio",
    direction: "higher",
    formula: "call activities linked to a lead and created in the period ÷ leads created in the period. Filters apply to the lead (its owner, source, campaign), on both sides.",
    filters: leadFilters,
    components: (f) => {
      const w = f(lf);
      return `(SELECT count(*) FROM "Activity" ac JOIN "Lead" l ON l.id = ac."leadId"
          WHERE ac."organizationId" = $1::uuid AND ac."deletedAt" IS NULL AND ac.type = 'CALL' AND ${inBucket('ac."createdAt"')}
          AND l."organizationId" = $1::uuid AND l."deletedAt" IS NULL${w}) AS calls,
        (SELECT count(*) FROM ${LEAD} AND ${inBucket('l."createdAt"')}${w}) AS leads`;
    },
    rollup: { filters: OWNER_FILTERS, components: (f) => `${daySum(f, "activity.lead_call")} AS calls, ${daySum(f, "lead.created")} AS leads` },
    value: (c) => ratio(c.calls, c.leads, "no leads created in period"),
  },
  {
    id: "cross_sell_ratio",
    name: "Cross-sell ratio",
    family: "sales",
    description: "Share of the won deals that sold more to existing customers.",
    unit: "percent",
    direction: "higher",
    formula: "cross-sell deals won ÷ all deals won × 100, over deals whose close date is in the period.",
    filters: dealFilters,
    components: (f) => `(SELECT count(*) FILTER (WHERE d.type = 'CROSS_SELL') FROM ${WON}${f(df)}) AS cross_sell,
        (SELECT count(*) FROM ${WON}${f(df)}) AS won`,
    rollup: { filters: OWNER_FILTERS, components: (f) => `${daySum(f, "deal.won.cross_sell")} AS cross_sell, ${daySum(f, "deal.won")} AS won` },
    value: (c) => percent(c.cross_sell, c.won, "no deals won in period"),
    drill: {
      title: "Cross-sell deals won in the period",
      columns: dealColumns,
      sql: (f) => `${dealSelect()} AND d.status = 'WON' AND d.type = 'CROSS_SELL' AND ${inRange('d."closedAt"')}${f(df)}`,
      orderBy: '"closedAt" DESC, id',
    },
  },
  {
    id: "referrals",
    name: "Referral deals won",
    family: "sales",
    description: "Deals won that came from a referral.",
    unit: "count",
    direction: "higher",
    formula: "number of deals marked as referrals that were won with a close date in the period.",
    filters: dealFilters,
    components: (f) => `(SELECT count(*) FROM ${WON} AND d."isReferral"${f(df)}) AS n`,
    rollup: { filters: OWNER_FILTERS, components: (f) => `${daySum(f, "deal.won.referral")} AS n` },
    value: (c) => present(c.n, "no data"),
    drill: {
      title: "Referral deals won in the period",
      columns: dealColumns,
      sql: (f) => `${dealSelect()} AND d.status = 'WON' AND d."isReferral" AND ${inRange('d."closedAt"')}${f(df)}`,
      orderBy: '"closedAt" DESC, id',
    },
  },
  {
    id: "email_list_growth_rate",
    name: "Email-list growth rate",
    family: "sales",
    description: "How fast the email list grows, relative to its size at the start of the period.",
    unit: "percent",
    direction: "higher",
    formula: "contacts who opted in to the email list in the period (opt-in date in the period) ÷ contacts who had opted in before the period's start × 100.",
    filters: ["ownerId", "teamId"],
    components: (f) => {
      const w = f({ ownerId: 'ct."ownerId"' });
      const CT = `"Contact" ct WHERE ct."organizationId" = $1::uuid AND ct."deletedAt" IS NULL`;
      return `(SELECT count(*) FROM ${CT} AND ${inBucket('ct."emailOptInAt"')}${w}) AS joined,
        (SELECT count(*) FROM ${CT} AND ct."emailOptInAt" < b.start${w}) AS at_start`;
    },
    rollup: { filters: OWNER_FILTERS, with: (f) => snapshotCte("opted_in", f, "contact.opt_in"), components: (f) => `${daySum(f, "contact.opt_in")} AS joined, ${snapshotAt("opted_in", "b.start")} AS at_start` },
    value: (c) => percent(c.joined, c.at_start, "no contacts on the email list at start of period"),
    drill: {
      title: "Contacts who joined the email list in the period",
      columns: [{ key: "name", label: "Contact" }, { key: "email", label: "Email" }, { key: "account", label: "Account" }, { key: "emailOptInAt", label: "Opted in", type: "date" }],
      sql: (f) => `SELECT ct.id, ct."firstName" || ' ' || ct."lastName" AS name, ct.email, a.name AS account, ct."emailOptInAt"
        FROM "Contact" ct LEFT JOIN "Account" a ON a.id = ct."accountId" AND a."organizationId" = $1::uuid
        WHERE ct."organizationId" = $1::uuid AND ct."deletedAt" IS NULL AND ${inRange('ct."emailOptInAt"')}${f({ ownerId: 'ct."ownerId"' })}`,
      orderBy: '"emailOptInAt" DESC, id',
    },
  },
];
