import { percent, present, ratio, type FilterSql, type KpiDefinition } from "../types";
import { inBucket } from "../sql";
import { OWNER_FILTERS, daySum, snapshotAt, snapshotCte, meanBefore } from "../rollup";

// Customer KPIs. A customer is an account with a startDate (first purchase/won deal); it is lost at churnDate.
// "Customer at time t" = startDate < t AND (churnDate IS NULL OR churnDate >= t).
const ACC = `"Account" a WHERE a."organizationId" = $1::uuid AND a."deletedAt" IS NULL`;
const atTime = (t: string) => `a."startDate" < ${t} AND (a."churnDate" IS NULL OR a."churnDate" >= ${t})`;
const accountFilters = ["ownerId", "teamId", "segment", "campaignId"] as const;
const af = { ownerId: 'a."ownerId"', segment: 'a."segment"', campaignId: 'a."campaignId"' };


const customersAtStart = (f: string) => `(SELECT count(*) FROM ${ACC} AND ${atTime("b.start")}${f})`;

/**
 * One pass over the customers for every bucket (instead of one scan per bucket and count): customers at the
 * bucket's start and end, new ones kept to the end, and those lost during it.
 */
const customersByBucket = (f: FilterSql) => `cust AS MATERIALIZED (SELECT b.idx,
    count(*) FILTER (WHERE ${atTime("b.start")}) AS at_start, count(*) FILTER (WHERE ${atTime('b."end"')}) AS at_end,
    count(*) FILTER (WHERE ${inBucket('a."startDate"')} AND (a."churnDate" IS NULL OR a."churnDate" >= b."end")) AS new_kept,
    count(*) FILTER (WHERE a."startDate" < b.start AND ${inBucket('a."churnDate"')}) AS lost
  FROM buckets b CROSS JOIN ${ACC} AND a."startDate" IS NOT NULL${f(af)} GROUP BY b.idx)`;
const cust = (col: string) => `COALESCE((SELECT c.${col} FROM cust c WHERE c.idx = b.idx), 0)`;

/**
 * The same counts from the rollup: customers at a midnight from the "account.customers" snapshot, and those lost
 * during the bucket (customers at its start whose churn date falls in it) from the few accounts churned in it
 * (index on churnDate). New customers kept to the end follow: at end = at start − lost + new kept.
 */
const customersRollup = (f: FilterSql) => snapshotCte("customers", f, "account.customers");
const lostIn = (f: FilterSql) => `(SELECT count(*) FROM ${ACC} AND a."churnDate" >= b.start AND a."churnDate" < b."end" AND a."startDate" < b.start${f(af)})`;

/** One pass over the purchases of the period's buckets: revenue, margin, purchases and buyers per bucket. */
// Buyers are counted by grouping on (bucket, account) first and counting the groups: a hash aggregate, where
// count(DISTINCT) would sort every bucket's purchases.
const purchasesByBucket = (f: FilterSql) => `pur AS MATERIALIZED (SELECT x.idx, sum(x.revenue) AS revenue, sum(x.margin) AS margin,
    sum(x.purchases) AS purchases, count(*) AS buyers
  FROM (SELECT b.idx, sum(p.amount) AS revenue, sum(p.amount - p.cost) AS margin, count(*) AS purchases
    FROM buckets b JOIN "Purchase" p ON p."organizationId" = $1::uuid AND p."deletedAt" IS NULL AND ${inBucket('p."purchasedAt"')}
      JOIN "Account" a ON a.id = p."accountId" AND a."deletedAt" IS NULL${f(af)} GROUP BY b.idx, p."accountId") x
  GROUP BY x.idx)`;
const pur = (col: string) => `(SELECT p.${col} FROM pur p WHERE p.idx = b.idx)`;

/**
 * The buyers per bucket from "PurchaseDay" (purchases per account and day, migration purchase_day_rollup): an account
 * bought in the bucket exactly once "for the first time", on its first day there, the one with no previous purchase
 * day or one before the bucket's start. Revenue, margin and purchases are its "KpiDaily" metrics.
 */
const buyersByBucket = (f: FilterSql) => `pur AS MATERIALIZED (SELECT b.idx, count(*) AS buyers
  FROM buckets b JOIN "PurchaseDay" d ON d."organizationId" = $1::uuid AND d.day >= b.start AND d.day < b."end"
    AND (d."prevDay" IS NULL OR d."prevDay" < b.start)${f({ ownerId: 'd."ownerId"' })}
  GROUP BY b.idx)`;
/** Mean years from start to churn of the customers lost before the bucket's end ("account.lifespan": seconds on the churn day). */
const lifespanYears = (f: FilterSql) => `${meanBefore(f, "account.lifespan", 'b."end"', 86400)} / 365.25`;

export const customerKpis: KpiDefinition[] = [
  {
    id: "customer_retention_rate",
    name: "Customer retention rate",
    family: "customer",
    description: "Share of the customers you had at the start of the period that you still have at its end.",
    unit: "percent",
    direction: "higher",
    formula: "(customers at end − new customers acquired in the period) ÷ customers at start × 100. A customer who is acquired and lost within the same period counts neither as new nor as lost, so retention + churn = 100%.",
    filters: accountFilters,
    with: customersByBucket,
    components: () => `${cust("at_start")} AS at_start, ${cust("at_end")} AS at_end, ${cust("new_kept")} AS new_kept`,
    rollup: {
      filters: OWNER_FILTERS,
      with: customersRollup,
      components: (f) => {
        const [start, end] = [snapshotAt("customers", "b.start"), snapshotAt("customers", 'b."end"')];
        return `${start} AS at_start, ${end} AS at_end, ${end} - ${start} + ${lostIn(f)} AS new_kept`;
      },
    },
    value: (c) => percent(c.at_end == null || c.new_kept == null ? null : c.at_end - c.new_kept, c.at_start, "no customers at start of period"),
    drill: {
      title: "Customers at the start of the period who were still customers at its end",
      columns: [{ key: "name", label: "Account" }, { key: "segment", label: "Segment" }, { key: "startDate", label: "Customer since", type: "date" }],
      sql: (f) => `SELECT a.id, a.name, a.segment, a."startDate" FROM ${ACC} AND a."startDate" < $2::timestamp AND (a."churnDate" IS NULL OR a."churnDate" >= $3::timestamp)${f(af)}`,
      orderBy: "name",
    },
  },
  {
    id: "churn_rate",
    name: "Churn rate",
    family: "customer",
    description: "Share of the customers you had at the start of the period that you lost during it.",
    unit: "percent",
    direction: "lower",
    formula: "customers lost in the period ÷ customers at start of the period × 100 (only customers present at the start count as lost).",
    filters: accountFilters,
    with: customersByBucket,
    components: () => `${cust("at_start")} AS at_start, ${cust("lost")} AS lost`,
    rollup: { filters: OWNER_FILTERS, with: customersRollup, components: (f) => `${snapshotAt("customers", "b.start")} AS at_start, ${lostIn(f)} AS lost` },
    value: (c) => percent(c.lost, c.at_start, "no customers at start of period"),
    drill: {
      title: "Customers lost in the period",
      columns: [{ key: "name", label: "Account" }, { key: "segment", label: "Segment" }, { key: "startDate", label: "Customer since", type: "date" }, { key: "churnDate", label: "Lost on", type: "date" }],
      sql: (f) => `SELECT a.id, a.name, a.segment, a."startDate", a."churnDate" FROM ${ACC} AND a."startDate" < $2::timestamp AND a."churnDate" >= $2::timestamp AND a."churnDate" < $3::timestamp${f(af)}`,
      orderBy: '"churnDate" DESC',
    },
  },
  {
    id: "active_customers",
    name: "Customers",
    family: "customer",
    description: "Customers at the end of the period.",
    unit: "count",
    direction: "higher",
    formula: "number of accounts that became customers before the end of the period and were not lost by then.",
    filters: accountFilters,
    components: (f) => `(SELECT count(*) FROM ${ACC} AND ${atTime('b."end"')}${f(af)}) AS n`,
    rollup: { filters: OWNER_FILTERS, with: (f) => snapshotCte("customers", f, "account.customers"), components: () => `${snapshotAt("customers", 'b."end"')} AS n` },
    value: (c) => present(c.n, "no data"),
    drill: {
      title: "Customers at the end of the period",
      columns: [{ key: "name", label: "Account" }, { key: "segment", label: "Segment" }, { key: "startDate", label: "Customer since", type: "date" }],
      sql: (f) => `SELECT a.id, a.name, a.segment, a."startDate" FROM ${ACC} AND a."startDate" < $3::timestamp AND (a."churnDate" IS NULL OR a."churnDate" >= $3::timestamp)${f(af)}`,
      orderBy: "name",
    },
  },
  {
    id: "new_customers",
    name: "New customers",
    family: "customer",
    description: "Accounts that became customers during the period.",
    unit: "count",
    direction: "higher",
    formula: "number of accounts whose customer start date is in the period.",
    filters: accountFilters,
    components: (f) => `(SELECT count(*) FROM ${ACC} AND ${inBucket('a."startDate"')}${f(af)}) AS n`,
    rollup: { filters: OWNER_FILTERS, components: (f) => `${daySum(f, "account.new")} AS n` },
    value: (c) => present(c.n, "no data"),
    drill: {
      title: "New customers in the period",
      columns: [{ key: "name", label: "Account" }, { key: "segment", label: "Segment" }, { key: "startDate", label: "Customer since", type: "date" }],
      sql: (f) => `SELECT a.id, a.name, a.segment, a."startDate" FROM ${ACC} AND a."startDate" >= $2::timestamp AND a."startDate" < $3::timestamp${f(af)}`,
      orderBy: '"startDate" DESC',
    },
  },
  {
    id: "customer_lifetime_value",
    name: "Customer lifetime value (CLV)",
    family: "customer",
    description: "What an average customer is worth over their whole relationship with you.",
    unit: "money",
    direction: "higher",
    formula: "average purchase value × purchase frequency × customer lifespan, where average purchase value = revenue ÷ purchases in the period, purchase frequency = purchases per purchasing customer per year in the period, and lifespan = average years from start to churn of the customers lost before the period's end.",
    filters: ["ownerId", "teamId", "segment"],
    with: purchasesByBucket,
    components: (f) => {
      const w = f(af);
      return `${pur("revenue")} AS revenue, COALESCE(${pur("purchases")}, 0) AS purchases, COALESCE(${pur("buyers")}, 0) AS buyers,
        b.days AS days,
        (SELECT avg(EXTRACT(EPOCH FROM (a."churnDate" - a."startDate")) / 86400.0 / 365.25) FROM ${ACC} AND a."churnDate" < b."end" AND a."startDate" IS NOT NULL${w}) AS lifespan_years`;
    },
    rollup: {
      filters: OWNER_FILTERS,
      with: buyersByBucket,
      components: (f) => `${daySum(f, "purchase.revenue", "total")} AS revenue, ${daySum(f, "purchase.revenue")} AS purchases, COALESCE(${pur("buyers")}, 0) AS buyers,
        b.days AS days, ${lifespanYears(f)} AS lifespan_years`,
    },
    value: (c) => {
      if (!c.purchases || !c.buyers || !c.days) return { value: null, reason: "no purchases in period" };
      if (c.lifespan_years == null) return { value: null, reason: "no lost customers yet to measure lifespan" };
      const apv = (c.revenue ?? 0) / c.purchases;
      const perYear = (c.purchases / c.buyers) * (365.25 / c.days);
      return { value: apv * perYear * c.lifespan_years };
    },
  },
  {
    id: "profit_margin_per_customer",
    name: "Average profit margin per customer",
    family: "customer",
    description: "Gross margin (revenue minus cost) earned per purchasing customer in the period.",
    unit: "money",
    direction: "higher",
    formula: "Σ (purchase amount − purchase cost) in the period ÷ number of customers who purchased in the period.",
    filters: ["ownerId", "teamId", "segment"],
    with: purchasesByBucket,
    components: () => `${pur("margin")} AS margin, COALESCE(${pur("buyers")}, 0) AS buyers`,
    rollup: { filters: OWNER_FILTERS, with: buyersByBucket, components: (f) => `${daySum(f, "purchase.margin", "total")} AS margin, COALESCE(${pur("buyers")}, 0) AS buyers` },
    value: (c) => ratio(c.margin, c.buyers, "no purchases in period"),
  },
  {
    id: "renewal_rate",
    name: "Renewal rate",
    family: "customer",
    description: "Share of renewal deals closed in the period that were won.",
    unit: "percent",
    direction: "higher",
    formula: "renewal deals won ÷ renewal deals closed (won + lost) in the period × 100.",
    filters: ["ownerId", "teamId"],
    components: (f) => {
      const w = f({ ownerId: 'd."ownerId"' });
      const D = `"Deal" d WHERE d."organizationId" = $1::uuid AND d."deletedAt" IS NULL AND d.type = 'RENEWAL' AND ${inBucket('d."closedAt"')}${w}`;
      return `(SELECT count(*) FILTER (WHERE d.status = 'WON') FROM ${D}) AS won, (SELECT count(*) FILTER (WHERE d.status IN ('WON','LOST')) FROM ${D}) AS closed`;
    },
    rollup: { filters: OWNER_FILTERS, components: (f) => `${daySum(f, "deal.won.renewal")} AS won, ${daySum(f, "deal.closed.renewal")} AS closed` },
    value: (c) => percent(c.won, c.closed, "no renewal deals closed in period"),
  },
  {
    id: "customer_retention_cost",
    name: "Customer retention cost",
    family: "customer",
    description: "What keeping a customer costs: retention spending (costs in the category \"Retention\") per customer at the start of the period.",
    unit: "money",
    direction: "lower",
    formula: "costs with category \"Retention\" whose period starts in the period ÷ customers at start of the period.",
    filters: [],
    components: () => `(SELECT sum(c.amount) FROM "Cost" c WHERE c."organizationId" = $1::uuid AND c."deletedAt" IS NULL AND lower(c.category) = 'retention' AND ${inBucket('c."periodStart"')}) AS cost, ${customersAtStart("")} AS at_start`,
    rollup: { filters: [], with: (f) => snapshotCte("customers", f, "account.customers"), components: () => `(SELECT sum(c.amount) FROM "Cost" c WHERE c."organizationId" = $1::uuid AND c."deletedAt" IS NULL AND lower(c.category) = 'retention' AND ${inBucket('c."periodStart"')}) AS cost, ${snapshotAt("customers", "b.start")} AS at_start` },
    value: (c) => ratio(c.cost ?? 0, c.at_start, "no customers at start of period"),
  },
];
