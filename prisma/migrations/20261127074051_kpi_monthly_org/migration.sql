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
-- change (new rows − old rows) per organization, metric and month, with the functions that keep "KpiDailyOrg" from
-- "KpiDaily" (migration kpi_daily_org).
-- ---------------------------------------------------------------------------------------------------------------
CREATE TRIGGER kpi_monthly_org_insert AFTER INSERT ON "KpiDailyOrg" REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_sum_trigger('KpiMonthlyOrg', 'month', 'date_trunc(''month'', x.day)');
CREATE TRIGGER kpi_monthly_org_update AFTER UPDATE ON "KpiDailyOrg" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_sum_trigger('KpiMonthlyOrg', 'month', 'date_trunc(''month'', x.day)');
CREATE TRIGGER kpi_monthly_org_delete AFTER DELETE ON "KpiDailyOrg" REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_sum_trigger('KpiMonthlyOrg', 'month', 'date_trunc(''month'', x.day)');
CREATE TRIGGER kpi_monthly_org_delete AFTER DELETE ON "Organization" REFERENCING OLD TABLE AS kpi_old
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_organization_deleted('KpiMonthlyOrg');

-- backfill
INSERT INTO "KpiMonthlyOrg" ("organizationId", metric, month, n, total)
SELECT "organizationId", metric, date_trunc('month', day), sum(n), sum(total) FROM "KpiDailyOrg" GROUP BY 1, 2, 3;
