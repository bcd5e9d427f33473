-- The sales-cycle median (percentile_cont over the won deals' cycles, src/server/kpi/families/sales.ts) and the
-- open-deal count read "Deal" itself, so the KPI result cache made them depend on every deal write: each amount
-- edit or move between open stages recomputed the median (about 100 ms on the bench organization) for the next
-- sales dashboard. They read only the columns of the view "DealCycle"; its change counter ("KpiChange" source
-- 'DealCycle') counts the writes that change one of those columns, so they stay cached across the rest.
--
-- Same pattern as "TicketDuration" (migration ticket_duration_changes), whose trigger function was written for its
-- columns alone: both views are now counted by one function, kpi_view_change_trigger, given the view's name and
-- its columns (read from the view when the triggers are created).
CREATE VIEW "DealCycle" AS
  SELECT id, "organizationId", "deletedAt", status, "openedAt", "engagedAt", "closedAt", "ownerId", "campaignId" FROM "Deal";

/**
 * Trigger on a view's base table: appends a "KpiChange" row with source TG_ARGV[0] (the view's name) for each
 * organization whose rows a statement inserted, deleted, or updated in one of the columns TG_ARGV[1] (the view's
 * columns but "id", comma-separated). Rows deleted with their organization (a cascade) count nothing, as in
 * kpi_change_trigger; TRUNCATE names no rows and drops every stored result.
 */
CREATE FUNCTION kpi_view_change_trigger() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  src text := TG_ARGV[0];
  cols text[] := string_to_array(TG_ARGV[1], ',');
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "KpiChange" ("organizationId", source)
      SELECT DISTINCT x."organizationId", src FROM kpi_new x WHERE x."organizationId" IN (SELECT id FROM "Organization");
  ELSIF TG_OP = 'UPDATE' THEN
    -- the transition tables are visible to EXECUTE inside the trigger function
    EXECUTE format($q$
      INSERT INTO "KpiChange" ("organizationId", source)
        SELECT DISTINCT c.o, $1 FROM (
          SELECT n."organizationId" AS o FROM kpi_new n JOIN kpi_old p ON p.id = n.id WHERE (%s) IS DISTINCT FROM (%s)
          UNION SELECT p."organizationId" FROM kpi_new n JOIN kpi_old p ON p.id = n.id WHERE p."organizationId" <> n."organizationId"
          -- an id changed by the update: count both sides
          UNION SELECT n."organizationId" FROM kpi_new n WHERE NOT EXISTS (SELECT 1 FROM kpi_old p WHERE p.id = n.id)
          UNION SELECT p."organizationId" FROM kpi_old p WHERE NOT EXISTS (SELECT 1 FROM kpi_new n WHERE n.id = p.id)
        ) c WHERE c.o IN (SELECT id FROM "Organization")$q$,
      (SELECT string_agg(format('p.%I', c), ', ') FROM unnest(cols) c), (SELECT string_agg(format('n.%I', c), ', ') FROM unnest(cols) c))
    USING src;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "KpiChange" ("organizationId", source)
      SELECT DISTINCT x."organizationId", src FROM kpi_old x WHERE x."organizationId" IN (SELECT id FROM "Organization");
  ELSE
    DELETE FROM "KpiResult";
  END IF;
  RETURN NULL;
END
$f$;

DROP TRIGGER ticket_duration_change_insert ON "Ticket";
DROP TRIGGER ticket_duration_change_update ON "Ticket";
DROP TRIGGER ticket_duration_change_delete ON "Ticket";
DROP TRIGGER ticket_duration_change_truncate ON "Ticket";
DROP FUNCTION ticket_duration_change_trigger();

DO $do$
DECLARE
  v record;
  cols text;
BEGIN
  FOR v IN SELECT * FROM (VALUES ('TicketDuration', 'Ticket', 'ticket_duration_change'), ('DealCycle', 'Deal', 'deal_cycle_change')) AS t(vname, tbl, prefix) LOOP
    SELECT string_agg(attname, ',' ORDER BY attnum) INTO cols FROM pg_attribute
     WHERE attrelid = format('%I', v.vname)::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'id';
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_view_change_trigger(%L, %L)', v.prefix || '_insert', v.tbl, v.vname, cols);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_view_change_trigger(%L, %L)', v.prefix || '_update', v.tbl, v.vname, cols);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_view_change_trigger(%L, %L)', v.prefix || '_delete', v.tbl, v.vname, cols);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION kpi_view_change_trigger(%L, %L)', v.prefix || '_truncate', v.tbl, v.vname, cols);
  END LOOP;
END
$do$;
