-- ---------------------------------------------------------------------------------------------------------------
-- "KpiDaily" triggers: an INSERT reads only its new rows, a DELETE only its old rows (hand-written).
-- kpi_daily_sql took both sides always, an insert's old side being an empty subquery of the table: the UNION ALL
-- with it still projected every new row through an Append (~110 ms of the ~680 ms the Deal trigger took for a
-- 100,000-row import). A NULL side now means "no rows" and is left out of the statement; kpi_daily_trigger below
-- passes NULL for the side an INSERT or a DELETE does not have.
-- ---------------------------------------------------------------------------------------------------------------

/** The statement adding (old rows × -1) + (new rows × +1) of one table to "KpiDaily"; a NULL source has no rows. */
CREATE OR REPLACE FUNCTION kpi_daily_sql(alive text, owner text, metrics text, old_src text, new_src text, joins text DEFAULT '') RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO "KpiDaily" AS k ("organizationId", metric, day, "ownerId", n, total)
    SELECT g.org, g.metric, g.day, g.owner, g.n, g.total
    FROM (
      SELECT x."organizationId" AS org, m.metric, date_trunc('day', m.at) AS day,
             COALESCE(%2$s, '00000000-0000-0000-0000-000000000000'::uuid) AS owner,
             sum(x.sign * m.n) AS n, sum(x.sign * m.total) AS total
      FROM (%4$s) x %5$s
      CROSS JOIN LATERAL (VALUES %3$s) AS m(metric, at, n, total)
      WHERE %1$s AND m.at IS NOT NULL
      GROUP BY 1, 2, 3, 4
      HAVING sum(x.sign * m.n) <> 0 OR sum(x.sign * m.total) <> 0
    ) g
    WHERE EXISTS (SELECT 1 FROM "Organization" org WHERE org.id = g.org)
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("organizationId", metric, day, "ownerId") DO UPDATE SET n = k.n + excluded.n, total = k.total + excluded.total
  $q$, alive, owner, metrics,
    concat_ws(' UNION ALL ',
      CASE WHEN old_src IS NOT NULL THEN format('SELECT -1 AS sign, o.* FROM %s o', old_src) END,
      CASE WHEN new_src IS NOT NULL THEN format('SELECT 1 AS sign, w.* FROM %s w', new_src) END),
    joins)
$f$;

-- ---------------------------------------------------------------------------------------------------------------
-- The Deal metrics of "KpiDaily" read the changed deals grouped first (hand-written).
-- Every metric row is a pure function of a deal's organization, owner, status, type, referral flag, campaign,
-- liveness and the UTC days it opened and closed, with the deal counted once (n) and its amount and sales cycle
-- summed (total). So the changed deals are first grouped by those, and the metric rows are made per group
-- instead of per deal: an import of 100,000 deals is a few thousand groups. The Deal trigger spent ~570 ms on
-- 100,000 new deals making ten metric rows for each (the largest part of the database's work per imported deal
-- after the foreign-key checks).
--
-- kpi_daily_trigger takes an optional sixth argument: a query over `%s` (the transition table) whose rows the
-- metrics then read as x. The Deal metrics below are the ones of migrations kpi_daily_rollup and
-- lead_deal_rollup_dimensions (won deals per campaign), now in one trigger, written over a group: n is the
-- group's deal count (x.kpi_deals), totals are the group's sums. The numbers they write are the same, so the
-- existing rows stay.
-- ---------------------------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION kpi_daily_trigger() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  grouped text := NULLIF(TG_ARGV[5], '');
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "KpiDaily" WHERE metric LIKE TG_ARGV[3] || '.%';
    RETURN NULL;
  END IF;
  -- the transition tables are visible to EXECUTE inside the trigger function
  EXECUTE kpi_daily_sql(TG_ARGV[0], TG_ARGV[1], TG_ARGV[2],
    CASE WHEN TG_OP <> 'INSERT' THEN COALESCE(format(grouped, 'kpi_old'), 'kpi_old') END,
    CASE WHEN TG_OP <> 'DELETE' THEN COALESCE(format(grouped, 'kpi_new'), 'kpi_new') END, COALESCE(TG_ARGV[4], ''));
  RETURN NULL;
END
$f$;

DROP TRIGGER kpi_daily_insert ON "Deal";
DROP TRIGGER kpi_daily_update ON "Deal";
DROP TRIGGER kpi_daily_delete ON "Deal";
DROP TRIGGER kpi_daily_truncate ON "Deal";
DROP TRIGGER kpi_dims_insert ON "Deal";
DROP TRIGGER kpi_dims_update ON "Deal";
DROP TRIGGER kpi_dims_delete ON "Deal";
DROP TRIGGER kpi_dims_truncate ON "Deal";

DO $do$
DECLARE
  grouped text := $g$(
    SELECT d."organizationId", d."ownerId", d.status, d.type, d."isReferral", d."campaignId", d."deletedAt" IS NULL AS kpi_alive,
           date_trunc('day', d."openedAt") AS "openedAt", date_trunc('day', d."closedAt") AS "closedAt",
           count(*) AS kpi_deals, sum(d.amount) AS amount,
           sum(EXTRACT(EPOCH FROM (d."closedAt" - COALESCE(d."engagedAt", d."openedAt")))) AS kpi_cycle
      FROM %s d
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9)$g$;
  metrics text := $m$
      ('deal.closed', CASE WHEN x.status IN ('WON', 'LOST') THEN x."closedAt" END, x.kpi_deals, 0::numeric),
      ('deal.won', CASE WHEN x.status = 'WON' THEN x."closedAt" END, x.kpi_deals, x.amount),
      ('deal.won.cycle', CASE WHEN x.status = 'WON' THEN x."closedAt" END, x.kpi_deals, x.kpi_cycle),
      ('deal.won.cross_sell', CASE WHEN x.status = 'WON' AND x.type = 'CROSS_SELL' THEN x."closedAt" END, x.kpi_deals, 0),
      ('deal.won.referral', CASE WHEN x.status = 'WON' AND x."isReferral" THEN x."closedAt" END, x.kpi_deals, 0),
      ('deal.won.campaign', CASE WHEN x.status = 'WON' AND x."campaignId" IS NOT NULL THEN x."closedAt" END, x.kpi_deals, x.amount),
      ('deal.closed.renewal', CASE WHEN x.status IN ('WON', 'LOST') AND x.type = 'RENEWAL' THEN x."closedAt" END, x.kpi_deals, 0),
      ('deal.won.renewal', CASE WHEN x.status = 'WON' AND x.type = 'RENEWAL' THEN x."closedAt" END, x.kpi_deals, 0),
      ('deal.open', x."openedAt", x.kpi_deals, x.amount),
      ('deal.open', CASE WHEN x."closedAt" IS NOT NULL THEN GREATEST(x."openedAt", x."closedAt") END, -x.kpi_deals, -x.amount),
      ('deal.won|campaignId=' || x."campaignId"::text, CASE WHEN x.status = 'WON' AND x."campaignId" IS NOT NULL THEN x."closedAt" END, x.kpi_deals, x.amount)
  $m$;
BEGIN
  EXECUTE format('CREATE TRIGGER kpi_daily_insert AFTER INSERT ON "Deal" REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L, %L)', 'x.kpi_alive', 'x."ownerId"', metrics, 'deal', '', grouped);
  EXECUTE format('CREATE TRIGGER kpi_daily_update AFTER UPDATE ON "Deal" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L, %L)', 'x.kpi_alive', 'x."ownerId"', metrics, 'deal', '', grouped);
  EXECUTE format('CREATE TRIGGER kpi_daily_delete AFTER DELETE ON "Deal" REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L, %L)', 'x.kpi_alive', 'x."ownerId"', metrics, 'deal', '', grouped);
  EXECUTE format('CREATE TRIGGER kpi_daily_truncate AFTER TRUNCATE ON "Deal" FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L, %L)', 'x.kpi_alive', 'x."ownerId"', metrics, 'deal', '', grouped);
END
$do$;
