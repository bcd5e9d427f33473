-- Ticket duration percentiles (first response and resolution median / p90, src/server/kpi/rollup.ts) read the
-- two tickets around the rank from "Ticket" itself, so the KPI result cache made them depend on every ticket write:
-- each answer to a ticket (contact count, status, updated at) recomputed them, 20-80 ms each, dozens per support
-- dashboard. They read only the columns of this view; its change counter ("KpiChange" source 'TicketDuration')
-- counts the writes that change one of those columns, so the percentiles stay cached across the rest.
CREATE VIEW "TicketDuration" AS
  SELECT id, "organizationId", "deletedAt", "openedAt", "firstResponseAt", "resolvedAt", channel, priority FROM "Ticket";

CREATE FUNCTION ticket_duration_change_trigger() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  -- rows deleted with their organization (a cascade) count nothing, as in kpi_change_trigger
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "KpiChange" ("organizationId", source)
      SELECT DISTINCT x."organizationId", 'TicketDuration' FROM kpi_new x WHERE x."organizationId" IN (SELECT id FROM "Organization");
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "KpiChange" ("organizationId", source)
      SELECT DISTINCT c.o, 'TicketDuration' FROM (
        SELECT n."organizationId" AS o FROM kpi_new n JOIN kpi_old p ON p.id = n.id
         WHERE (p."organizationId", p."deletedAt", p."openedAt", p."firstResponseAt", p."resolvedAt", p.channel, p.priority)
               IS DISTINCT FROM (n."organizationId", n."deletedAt", n."openedAt", n."firstResponseAt", n."resolvedAt", n.channel, n.priority)
        UNION SELECT p."organizationId" FROM kpi_new n JOIN kpi_old p ON p.id = n.id WHERE p."organizationId" <> n."organizationId"
        -- an id changed by the update: count both sides
        UNION SELECT n."organizationId" FROM kpi_new n WHERE NOT EXISTS (SELECT 1 FROM kpi_old p WHERE p.id = n.id)
        UNION SELECT p."organizationId" FROM kpi_old p WHERE NOT EXISTS (SELECT 1 FROM kpi_new n WHERE n.id = p.id)
      ) c WHERE c.o IN (SELECT id FROM "Organization");
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "KpiChange" ("organizationId", source)
      SELECT DISTINCT x."organizationId", 'TicketDuration' FROM kpi_old x WHERE x."organizationId" IN (SELECT id FROM "Organization");
  ELSE -- TRUNCATE: no rows to name
    DELETE FROM "KpiResult";
  END IF;
  RETURN NULL;
END
$f$;

CREATE TRIGGER ticket_duration_change_insert AFTER INSERT ON "Ticket" REFERENCING NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_duration_change_trigger();
CREATE TRIGGER ticket_duration_change_update AFTER UPDATE ON "Ticket" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_duration_change_trigger();
CREATE TRIGGER ticket_duration_change_delete AFTER DELETE ON "Ticket" REFERENCING OLD TABLE AS kpi_old
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_duration_change_trigger();
CREATE TRIGGER ticket_duration_change_truncate AFTER TRUNCATE ON "Ticket"
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_duration_change_trigger();
