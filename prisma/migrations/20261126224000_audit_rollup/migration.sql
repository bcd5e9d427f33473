-- The audit log's creates and updates per UTC day and user in "KpiDaily" (ownerId = the actor), for the adoption
-- KPIs "records created / updated per user": the creates and updates of a period are sums, and its editors are the
-- distinct users with an edit row (n > 0) on one of its days — instead of a pass over the whole audit log.
-- Entries without an actor (the system's) are left out, as in the KPIs. TRUNCATE of "AuditLog" clears them.
DO $do$
DECLARE
  alive text := 'x."actorId" IS NOT NULL';
  owner text := 'x."actorId"';
  metrics text := $m$
    ('audit.create', CASE WHEN x.action = 'create' THEN x."createdAt" END, 1, 0::numeric),
    ('audit.update', CASE WHEN x.action = 'update' THEN x."createdAt" END, 1, 0),
    ('audit.edit', CASE WHEN x.action IN ('create', 'update') THEN x."createdAt" END, 1, 0)
  $m$;
BEGIN
  EXECUTE format('CREATE TRIGGER kpi_daily_insert AFTER INSERT ON "AuditLog" REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L)', alive, owner, metrics, 'audit', '');
  EXECUTE format('CREATE TRIGGER kpi_daily_update AFTER UPDATE ON "AuditLog" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L)', alive, owner, metrics, 'audit', '');
  EXECUTE format('CREATE TRIGGER kpi_daily_delete AFTER DELETE ON "AuditLog" REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L)', alive, owner, metrics, 'audit', '');
  EXECUTE format('CREATE TRIGGER kpi_daily_truncate AFTER TRUNCATE ON "AuditLog" FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L)', alive, owner, metrics, 'audit', '');
  -- backfill: the entries there are
  EXECUTE kpi_daily_sql(alive, owner, metrics, '(SELECT * FROM "AuditLog" WHERE false)', '"AuditLog"', '');
END
$do$;
