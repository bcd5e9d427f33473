-- ---------------------------------------------------------------------------------------------------------------
-- Rollup triggers return at once when their statement changed no row (hand-written).
-- An upsert (INSERT ... ON CONFLICT DO UPDATE) into "KpiDaily" fires both its INSERT and its UPDATE statement
-- triggers, one of them with an empty transition table, and so on down to "KpiMonthlyOrg": one audit entry ran
-- seven dynamic statements (each parsed and planned) of which four had no rows. Measured on the demo data, in
-- backend CPU time per single-row statement: an audit entry 2.2-2.3 ms before, 1.5-1.6 ms after; a deal update
-- 2.9-3.2 ms before, 2.4 ms after. The statements and the numbers they write are otherwise the same.
-- ---------------------------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION kpi_rollup_sum_trigger() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  empty text := format('(SELECT * FROM %I WHERE false)', TG_TABLE_NAME);
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM kpi_old) THEN RETURN NULL; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM kpi_new) THEN -- INSERT, UPDATE (an UPDATE's old and new rows are the same rows)
    RETURN NULL;
  END IF;
  EXECUTE format($q$
    INSERT INTO %1$I AS k ("organizationId", metric, %2$I, n, total)
    SELECT x."organizationId", x.metric, %3$s, sum(x.sign * x.n), sum(x.sign * x.total)
      FROM (SELECT -1 AS sign, o.* FROM %4$s o UNION ALL SELECT 1 AS sign, w.* FROM %5$s w) x
     WHERE EXISTS (SELECT 1 FROM "Organization" org WHERE org.id = x."organizationId")
     GROUP BY 1, 2, 3
    HAVING sum(x.sign * x.n) <> 0 OR sum(x.sign * x.total) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT ("organizationId", metric, %2$I) DO UPDATE SET n = k.n + excluded.n, total = k.total + excluded.total
  $q$, TG_ARGV[0], TG_ARGV[1], TG_ARGV[2],
    CASE WHEN TG_OP = 'INSERT' THEN empty ELSE 'kpi_old' END, CASE WHEN TG_OP = 'DELETE' THEN empty ELSE 'kpi_new' END);
  RETURN NULL;
END
$f$;

CREATE OR REPLACE FUNCTION kpi_daily_trigger() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  grouped text := NULLIF(TG_ARGV[5], '');
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "KpiDaily" WHERE metric LIKE TG_ARGV[3] || '.%';
    RETURN NULL;
  END IF;
  -- a statement that changed no row (an UPDATE whose condition matched nothing) has nothing to add
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM kpi_old) THEN RETURN NULL; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM kpi_new) THEN
    RETURN NULL;
  END IF;
  -- the transition tables are visible to EXECUTE inside the trigger function
  EXECUTE kpi_daily_sql(TG_ARGV[0], TG_ARGV[1], TG_ARGV[2],
    CASE WHEN TG_OP <> 'INSERT' THEN COALESCE(format(grouped, 'kpi_old'), 'kpi_old') END,
    CASE WHEN TG_OP <> 'DELETE' THEN COALESCE(format(grouped, 'kpi_new'), 'kpi_new') END, COALESCE(TG_ARGV[4], ''));
  RETURN NULL;
END
$f$;
