-- The KPI result cache (src/server/kpi/cache.ts) by rollup metric: a statement reading "KpiDaily" (or the
-- "KpiDailyOrg" / "KpiMonthlyOrg" sums kept from it) depends on the metrics it reads, not on every table feeding
-- the rollup. Every write statement that changes "KpiDaily" rows appends one "KpiChange" row per organization and
-- metric family, source 'KpiDaily:<family>', in the same transaction as the write that caused it, so the stamps
-- stay exact. A write that changes no metric (the rollup triggers skip deltas that net to zero: a task created, a
-- deal moved between open stages) no longer invalidates the dashboards' numbers.
--
-- The family of a metric is the first two dot-separated parts of its name before any "|<dimension>=<value>":
-- 'deal.won.cycle' and 'deal.won|campaignId=…' are 'deal.won'; 'ticket_hist.resolved|channel=EMAIL.7' is
-- 'ticket_hist.resolved'. src/server/kpi/cache.ts (rollupFamily) must compute the same from the metric names in a
-- statement (test/kpi-cache.test.ts checks both against every metric the triggers write).
CREATE FUNCTION kpi_metric_family(metric text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT split_part(split_part(metric, '|', 1), '.', 1) || '.' || split_part(split_part(metric, '|', 1), '.', 2)
$f$;

CREATE FUNCTION kpi_daily_change_trigger() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  -- rows deleted with their organization (a cascade) count nothing: the organization's change rows go with it
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "KpiChange" ("organizationId", source)
      SELECT DISTINCT x."organizationId", 'KpiDaily:' || kpi_metric_family(x.metric) FROM kpi_new x WHERE x."organizationId" IN (SELECT id FROM "Organization");
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "KpiChange" ("organizationId", source)
      SELECT DISTINCT c.o, 'KpiDaily:' || kpi_metric_family(c.metric)
        FROM (SELECT x."organizationId" AS o, x.metric FROM kpi_new x UNION SELECT x."organizationId", x.metric FROM kpi_old x) c
       WHERE c.o IN (SELECT id FROM "Organization");
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "KpiChange" ("organizationId", source)
      SELECT DISTINCT x."organizationId", 'KpiDaily:' || kpi_metric_family(x.metric) FROM kpi_old x WHERE x."organizationId" IN (SELECT id FROM "Organization");
  ELSE -- TRUNCATE: no rows to name, so no stored result can be trusted
    DELETE FROM "KpiResult";
  END IF;
  RETURN NULL;
END
$f$;

CREATE TRIGGER kpi_daily_change_insert AFTER INSERT ON "KpiDaily" REFERENCING NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_change_trigger();
CREATE TRIGGER kpi_daily_change_update AFTER UPDATE ON "KpiDaily" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_change_trigger();
CREATE TRIGGER kpi_daily_change_delete AFTER DELETE ON "KpiDaily" REFERENCING OLD TABLE AS kpi_old
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_change_trigger();
CREATE TRIGGER kpi_daily_change_truncate AFTER TRUNCATE ON "KpiDaily"
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_change_trigger();
