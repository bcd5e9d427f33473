-- CreateTable
CREATE TABLE "KpiMonthlyOrg" (
    "organizationId" UUID NOT NULL,
    "metric" TEXT COLLATE "C" NOT NULL,
    "month" TIMESTAMP(3) NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 0,
    "total" DECIMAL NOT NULL DEFAULT 0,

    CONSTRAINT "KpiMonthlyOrg_pkey" PRIMARY KEY ("organizationId","metric","month")
);

-- CreateIndex
CREATE INDEX "KpiMonthlyOrg_covering_idx" ON "KpiMonthlyOrg"("organizationId", "metric", "month", "n", "total");

-- ---------------------------------------------------------------------------------------------------------------
-- Maintenance of "KpiMonthlyOrg" (hand-written): statement-level triggers on "KpiDailyOrg" add each statement's
-- change (new rows − old rows) per organization, metric and month, as "KpiDailyOrg" does from "KpiDaily".
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION kpi_monthly_org_trigger() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  empty text := '(SELECT * FROM "KpiDailyOrg" WHERE false)';
BEGIN
  EXECUTE format($q$
    INSERT INTO "KpiMonthlyOrg" AS k ("organizationId", metric, month, n, total)
    SELECT x."organizationId", x.metric, date_trunc('month', x.day), sum(x.sign * x.n), sum(x.sign * x.total)
      FROM (SELECT -1 AS sign, o.* FROM %s o UNION ALL SELECT 1 AS sign, w.* FROM %s w) x
     WHERE EXISTS (SELECT 1 FROM "Organization" org WHERE org.id = x."organizationId")
     GROUP BY 1, 2, 3
    HAVING sum(x.sign * x.n) <> 0 OR sum(x.sign * x.total) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT ("organizationId", metric, month) DO UPDATE SET n = k.n + excluded.n, total = k.total + excluded.total
  $q$, CASE WHEN TG_OP = 'INSERT' THEN empty ELSE 'kpi_old' END, CASE WHEN TG_OP = 'DELETE' THEN empty ELSE 'kpi_new' END);
  RETURN NULL;
END
$f$;
CREATE TRIGGER kpi_monthly_org_insert AFTER INSERT ON "KpiDailyOrg" REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_monthly_org_trigger();
CREATE TRIGGER kpi_monthly_org_update AFTER UPDATE ON "KpiDailyOrg" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_monthly_org_trigger();
CREATE TRIGGER kpi_monthly_org_delete AFTER DELETE ON "KpiDailyOrg" REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_monthly_org_trigger();

CREATE FUNCTION kpi_monthly_org_organization_deleted() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  DELETE FROM "KpiMonthlyOrg" k USING kpi_old o WHERE k."organizationId" = o.id;
  RETURN NULL;
END
$f$;
CREATE TRIGGER kpi_monthly_org_delete AFTER DELETE ON "Organization" REFERENCING OLD TABLE AS kpi_old
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_monthly_org_organization_deleted();

-- backfill
INSERT INTO "KpiMonthlyOrg" ("organizationId", metric, month, n, total)
SELECT "organizationId", metric, date_trunc('month', day), sum(n), sum(total) FROM "KpiDailyOrg" GROUP BY 1, 2, 3;
