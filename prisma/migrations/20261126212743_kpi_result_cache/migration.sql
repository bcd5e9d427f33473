-- CreateTable
CREATE TABLE "KpiChange" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "KpiChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiResult" (
    "organizationId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "stamp" TEXT NOT NULL,
    "components" JSONB NOT NULL,
    "storedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KpiResult_pkey" PRIMARY KEY ("organizationId","key")
);

-- CreateIndex
CREATE INDEX "KpiChange_organizationId_source_idx" ON "KpiChange"("organizationId", "source");

-- CreateIndex
CREATE INDEX "KpiResult_organizationId_storedAt_idx" ON "KpiResult"("organizationId", "storedAt");

-- Change counter for the KPI result cache (src/server/kpi/cache.ts): every write statement on a table a KPI reads
-- appends one row per organization it touched. Appending takes no lock other writers wait for.
CREATE FUNCTION kpi_change_trigger() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  -- rows deleted with their organization (a cascade) count nothing: the organization's rows here go with it
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "KpiChange" ("organizationId", source) SELECT DISTINCT x."organizationId", TG_TABLE_NAME FROM kpi_new x WHERE x."organizationId" IN (SELECT id FROM "Organization");
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "KpiChange" ("organizationId", source)
      SELECT DISTINCT o, TG_TABLE_NAME FROM (SELECT x."organizationId" AS o FROM kpi_new x UNION SELECT x."organizationId" FROM kpi_old x) c WHERE o IN (SELECT id FROM "Organization");
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "KpiChange" ("organizationId", source) SELECT DISTINCT x."organizationId", TG_TABLE_NAME FROM kpi_old x WHERE x."organizationId" IN (SELECT id FROM "Organization");
  ELSE -- TRUNCATE: every organization that has counted this table
    INSERT INTO "KpiChange" ("organizationId", source) SELECT DISTINCT c."organizationId", TG_TABLE_NAME FROM "KpiChange" c WHERE c.source = TG_TABLE_NAME;
    DELETE FROM "KpiResult";
  END IF;
  RETURN NULL;
END
$f$;

-- Every table a KPI statement can read (test/kpi-cache.test.ts checks the list against the catalog and its filters).
DO $do$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Account', 'Activity', 'AuditLog', 'Campaign', 'Contact', 'Cost', 'Deal', 'DealStageChange', 'Lead', 'LoginEvent', 'Membership', 'Purchase', 'SurveyResponse', 'Ticket'] LOOP
    EXECUTE format('CREATE TRIGGER kpi_change_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_change_trigger()', t);
    EXECUTE format('CREATE TRIGGER kpi_change_update AFTER UPDATE ON %I REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_change_trigger()', t);
    EXECUTE format('CREATE TRIGGER kpi_change_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_change_trigger()', t);
    EXECUTE format('CREATE TRIGGER kpi_change_truncate AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION kpi_change_trigger()', t);
  END LOOP;
END
$do$;

-- An organization's change rows and cached results go with it (after its rows, whose deletes append change rows).
CREATE FUNCTION kpi_cache_organization_deleted() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  DELETE FROM "KpiChange" c USING kpi_old o WHERE c."organizationId" = o.id;
  DELETE FROM "KpiResult" r USING kpi_old o WHERE r."organizationId" = o.id;
  RETURN NULL;
END
$f$;
CREATE TRIGGER kpi_cache_delete AFTER DELETE ON "Organization" REFERENCING OLD TABLE AS kpi_old
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_cache_organization_deleted();
