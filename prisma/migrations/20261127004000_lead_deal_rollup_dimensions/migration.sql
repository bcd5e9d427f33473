-- Lead metrics of "KpiDaily" also per source and per campaign, and deals won per campaign (with the owner), so
-- that conversion by source / by campaign, the campaign table and the lead / won-deal KPIs under a source or
-- campaign filter read the rollup instead of a year of leads (src/server/kpi/rollup.ts: DIMENSION_FILTERS).
-- Metric names: "<metric>|source=<source>", "<metric>|campaignId=<campaign id>", next to the ticket metrics'
-- "|channel=" and "|priority=" variants (migration ticket_rollup_dimensions).

-- The reports read every value of a dimension with one index range over the metric names
-- ("lead.created|source=" ≤ metric < "lead.created|source>"): byte order makes that range exactly the names with
-- the prefix, whatever the database's default collation.
ALTER TABLE "KpiDaily" ALTER COLUMN "metric" TYPE TEXT COLLATE "C";

DO $do$
BEGIN
  PERFORM kpi_daily_attach('Lead', 'kpi_dims', 'x."deletedAt" IS NULL', 'x."ownerId"', $m$
    ('lead.created|source=' || x.source, x."createdAt", 1, 0::numeric),
    ('lead.converted|source=' || x.source, x."convertedAt", 1, 0),
    ('lead.created|campaignId=' || x."campaignId"::text, CASE WHEN x."campaignId" IS NOT NULL THEN x."createdAt" END, 1, 0),
    ('lead.converted|campaignId=' || x."campaignId"::text, CASE WHEN x."campaignId" IS NOT NULL THEN x."convertedAt" END, 1, 0)
  $m$, 'lead');
  PERFORM kpi_daily_attach('Deal', 'kpi_dims', 'x."deletedAt" IS NULL', 'x."ownerId"', $m$
    ('deal.won|campaignId=' || x."campaignId"::text, CASE WHEN x.status = 'WON' AND x."campaignId" IS NOT NULL THEN x."closedAt" END, 1, x.amount)
  $m$, 'deal');
END
$do$;
