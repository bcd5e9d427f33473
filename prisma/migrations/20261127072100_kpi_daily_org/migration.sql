-- CreateTable
CREATE TABLE "KpiDailyOrg" (
    "organizationId" UUID NOT NULL,
    "metric" TEXT COLLATE "C" NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 0,
    "total" DECIMAL NOT NULL DEFAULT 0,

    CONSTRAINT "KpiDailyOrg_pkey" PRIMARY KEY ("organizationId","metric","day")
);

-- CreateIndex
CREATE INDEX "KpiDailyOrg_covering_idx" ON "KpiDailyOrg"("organizationId", "metric", "day", "n", "total");

-- ---------------------------------------------------------------------------------------------------------------
-- Maintenance of "KpiDailyOrg" (hand-written): statement-level triggers on "KpiDaily" add each statement's change
-- (new rows − old rows, per organization, metric and day) — whichever function wrote "KpiDaily" (the base tables'
-- triggers upsert into it, some recompute an owner's rows by DELETE and INSERT, TRUNCATE deletes a prefix).
-- An INSERT … ON CONFLICT DO UPDATE fires the insert trigger for the rows it inserted and the update trigger for
-- the rows it updated. Rows of an organization being deleted are skipped; its rows go with it (trigger below).
-- The same two functions keep "KpiMonthlyOrg" from "KpiDailyOrg" (migration kpi_monthly_org).
-- ---------------------------------------------------------------------------------------------------------------

/**
 * Trigger on a rollup table: adds each statement's change to a coarser one. TG_ARGV = (target table, its time
 * column, the expression of the source row x giving that column, e.g. x.day or date_trunc('month', x.day)).
 */
CREATE FUNCTION kpi_rollup_sum_trigger() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  empty text := format('(SELECT * FROM %I WHERE false)', TG_TABLE_NAME);
BEGIN
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
CREATE TRIGGER kpi_daily_org_insert AFTER INSERT ON "KpiDaily" REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_sum_trigger('KpiDailyOrg', 'day', 'x.day');
CREATE TRIGGER kpi_daily_org_update AFTER UPDATE ON "KpiDaily" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_sum_trigger('KpiDailyOrg', 'day', 'x.day');
CREATE TRIGGER kpi_daily_org_delete AFTER DELETE ON "KpiDaily" REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_sum_trigger('KpiDailyOrg', 'day', 'x.day');

/** Trigger on "Organization": a deleted organization's rows of the table TG_ARGV[0] go with it. */
CREATE FUNCTION kpi_rollup_organization_deleted() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  EXECUTE format('DELETE FROM %I k USING kpi_old o WHERE k."organizationId" = o.id', TG_ARGV[0]);
  RETURN NULL;
END
$f$;
CREATE TRIGGER kpi_daily_org_delete AFTER DELETE ON "Organization" REFERENCING OLD TABLE AS kpi_old
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_organization_deleted('KpiDailyOrg');

-- backfill
INSERT INTO "KpiDailyOrg" ("organizationId", metric, day, n, total)
SELECT "organizationId", metric, day, sum(n), sum(total) FROM "KpiDaily" GROUP BY 1, 2, 3;
