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
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION kpi_daily_org_trigger() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  empty text := '(SELECT * FROM "KpiDaily" WHERE false)';
BEGIN
  EXECUTE format($q$
    INSERT INTO "KpiDailyOrg" AS k ("organizationId", metric, day, n, total)
    SELECT x."organizationId", x.metric, x.day, sum(x.sign * x.n), sum(x.sign * x.total)
      FROM (SELECT -1 AS sign, o.* FROM %s o UNION ALL SELECT 1 AS sign, w.* FROM %s w) x
     WHERE EXISTS (SELECT 1 FROM "Organization" org WHERE org.id = x."organizationId")
     GROUP BY 1, 2, 3
    HAVING sum(x.sign * x.n) <> 0 OR sum(x.sign * x.total) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT ("organizationId", metric, day) DO UPDATE SET n = k.n + excluded.n, total = k.total + excluded.total
  $q$, CASE WHEN TG_OP = 'INSERT' THEN empty ELSE 'kpi_old' END, CASE WHEN TG_OP = 'DELETE' THEN empty ELSE 'kpi_new' END);
  RETURN NULL;
END
$f$;
CREATE TRIGGER kpi_daily_org_insert AFTER INSERT ON "KpiDaily" REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_org_trigger();
CREATE TRIGGER kpi_daily_org_update AFTER UPDATE ON "KpiDaily" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_org_trigger();
CREATE TRIGGER kpi_daily_org_delete AFTER DELETE ON "KpiDaily" REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_org_trigger();

CREATE FUNCTION kpi_daily_org_organization_deleted() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  DELETE FROM "KpiDailyOrg" k USING kpi_old o WHERE k."organizationId" = o.id;
  RETURN NULL;
END
$f$;
CREATE TRIGGER kpi_daily_org_delete AFTER DELETE ON "Organization" REFERENCING OLD TABLE AS kpi_old
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_org_organization_deleted();

-- backfill
INSERT INTO "KpiDailyOrg" ("organizationId", metric, day, n, total)
SELECT "organizationId", metric, day, sum(n), sum(total) FROM "KpiDaily" GROUP BY 1, 2, 3;
