-- The ticket metrics of "KpiDaily" also per channel and per priority (with the assignee as owner), so the support
-- dashboard's breakdown by channel / by priority reads the rollup instead of a year of tickets per value
-- (src/server/kpi/rollup.ts: DIMENSION_FILTERS). Metric names: "<metric>|channel=<value>", "<metric>|priority=<value>";
-- the rows are those of the "Ticket" entry in migration kpi_daily_rollup, once per dimension. TRUNCATE of "Ticket"
-- already clears them (its rollup trigger deletes every metric named "ticket.%").
DO $do$
DECLARE
  alive text := 'x."deletedAt" IS NULL';
  owner text := 'x."assigneeId"';
  metrics text := $m$
    ('ticket.opened|channel=' || x.channel, x."openedAt", 1, 0::numeric),
    ('ticket.resolved|channel=' || x.channel, x."resolvedAt", 1, EXTRACT(EPOCH FROM (x."resolvedAt" - x."openedAt"))),
    ('ticket.resolved.first_contact|channel=' || x.channel, CASE WHEN x."contactCount" = 1 THEN x."resolvedAt" END, 1, 0),
    ('ticket.resolved.reopened|channel=' || x.channel, CASE WHEN x."reopenCount" > 0 THEN x."resolvedAt" END, 1, 0),
    ('ticket.first_response|channel=' || x.channel, x."firstResponseAt", 1, EXTRACT(EPOCH FROM (x."firstResponseAt" - x."openedAt"))),
    ('ticket.backlog|channel=' || x.channel, x."openedAt", 1, 0),
    ('ticket.backlog|channel=' || x.channel, CASE WHEN x."resolvedAt" IS NOT NULL THEN GREATEST(x."openedAt", x."resolvedAt") END, -1, 0),
    ('ticket.opened|priority=' || x.priority, x."openedAt", 1, 0::numeric),
    ('ticket.resolved|priority=' || x.priority, x."resolvedAt", 1, EXTRACT(EPOCH FROM (x."resolvedAt" - x."openedAt"))),
    ('ticket.resolved.first_contact|priority=' || x.priority, CASE WHEN x."contactCount" = 1 THEN x."resolvedAt" END, 1, 0),
    ('ticket.resolved.reopened|priority=' || x.priority, CASE WHEN x."reopenCount" > 0 THEN x."resolvedAt" END, 1, 0),
    ('ticket.first_response|priority=' || x.priority, x."firstResponseAt", 1, EXTRACT(EPOCH FROM (x."firstResponseAt" - x."openedAt"))),
    ('ticket.backlog|priority=' || x.priority, x."openedAt", 1, 0),
    ('ticket.backlog|priority=' || x.priority, CASE WHEN x."resolvedAt" IS NOT NULL THEN GREATEST(x."openedAt", x."resolvedAt") END, -1, 0)
  $m$;
BEGIN
  EXECUTE format('CREATE TRIGGER kpi_dims_insert AFTER INSERT ON "Ticket" REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L)', alive, owner, metrics, 'ticket', '');
  EXECUTE format('CREATE TRIGGER kpi_dims_update AFTER UPDATE ON "Ticket" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L)', alive, owner, metrics, 'ticket', '');
  EXECUTE format('CREATE TRIGGER kpi_dims_delete AFTER DELETE ON "Ticket" REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L)', alive, owner, metrics, 'ticket', '');
  -- backfill: the tickets there are
  EXECUTE kpi_daily_sql(alive, owner, metrics, '(SELECT * FROM "Ticket" WHERE false)', '"Ticket"', '');
END
$do$;
