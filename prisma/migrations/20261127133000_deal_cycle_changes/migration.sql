-- The sales-cycle median (percentile_cont over the won deals' cycles, src/server/kpi/families/sales.ts) and the
-- open-deal count read "Deal" itself, so the KPI result cache made them depend on every deal write: each amount
-- edit or move between open stages recomputed the median (about 100 ms on the bench organization) for the next
-- sales dashboard. They read only the columns of this view; its change counter ("KpiChange" source 'DealCycle')
-- counts the writes that change one of those columns, so they stay cached across the rest. Same pattern as
-- "TicketDuration" (migration ticket_duration_changes); a function of its own so its statements are planned once.
CREATE VIEW "DealCycle" AS
  SELECT id, "organizationId", "deletedAt", status, "openedAt", "engagedAt", "closedAt", "ownerId", "campaignId" FROM "Deal";

CREATE FUNCTION deal_cycle_change_trigger() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  -- rows deleted with their organization (a cascade) count nothing, as in kpi_change_trigger
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "KpiChange" ("organizationId", source)
      SELECT DISTINCT x."organizationId", 'DealCycle' FROM kpi_new x WHERE x."organizationId" IN (SELECT id FROM "Organization");
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "KpiChange" ("organizationId", source)
      SELECT DISTINCT c.o, 'DealCycle' FROM (
        SELECT n."organizationId" AS o FROM kpi_new n JOIN kpi_old p ON p.id = n.id
         WHERE (p."organizationId", p."deletedAt", p.status, p."openedAt", p."engagedAt", p."closedAt", p."ownerId", p."campaignId")
               IS DISTINCT FROM (n."organizationId", n."deletedAt", n.status, n."openedAt", n."engagedAt", n."closedAt", n."ownerId", n."campaignId")
        UNION SELECT p."organizationId" FROM kpi_new n JOIN kpi_old p ON p.id = n.id WHERE p."organizationId" <> n."organizationId"
        -- an id changed by the update: count both sides
        UNION SELECT n."organizationId" FROM kpi_new n WHERE NOT EXISTS (SELECT 1 FROM kpi_old p WHERE p.id = n.id)
        UNION SELECT p."organizationId" FROM kpi_old p WHERE NOT EXISTS (SELECT 1 FROM kpi_new n WHERE n.id = p.id)
      ) c WHERE c.o IN (SELECT id FROM "Organization");
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "KpiChange" ("organizationId", source)
      SELECT DISTINCT x."organizationId", 'DealCycle' FROM kpi_old x WHERE x."organizationId" IN (SELECT id FROM "Organization");
  ELSE -- TRUNCATE: no rows to name
    DELETE FROM "KpiResult";
  END IF;
  RETURN NULL;
END
$f$;

CREATE TRIGGER deal_cycle_change_insert AFTER INSERT ON "Deal" REFERENCING NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION deal_cycle_change_trigger();
CREATE TRIGGER deal_cycle_change_update AFTER UPDATE ON "Deal" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION deal_cycle_change_trigger();
CREATE TRIGGER deal_cycle_change_delete AFTER DELETE ON "Deal" REFERENCING OLD TABLE AS kpi_old
  FOR EACH STATEMENT EXECUTE FUNCTION deal_cycle_change_trigger();
CREATE TRIGGER deal_cycle_change_truncate AFTER TRUNCATE ON "Deal"
  FOR EACH STATEMENT EXECUTE FUNCTION deal_cycle_change_trigger();
