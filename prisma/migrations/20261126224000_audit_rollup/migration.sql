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
  PERFORM kpi_daily_attach('AuditLog', 'kpi_daily', alive, owner, metrics, 'audit');
END
$do$;
