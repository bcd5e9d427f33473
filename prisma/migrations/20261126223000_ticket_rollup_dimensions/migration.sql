-- The ticket metrics of "KpiDaily" also per channel and per priority (with the assignee as owner), so the support
-- dashboard's breakdown by channel / by priority reads the rollup instead of a year of tickets per value
-- (src/server/kpi/rollup.ts: DIMENSION_FILTERS). Metric names: "<metric>|channel=<value>", "<metric>|priority=<value>";
-- the rows are those of the "Ticket" entry in migration kpi_daily_rollup, once per dimension.
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
  -- (the truncate trigger is a second copy of the table's own: both clear every "ticket.%" metric)
  PERFORM kpi_daily_attach('Ticket', 'kpi_dims', alive, owner, metrics, 'ticket');
END
$do$;
