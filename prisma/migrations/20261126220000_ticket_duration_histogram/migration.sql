-- Exact ticket duration percentiles without sorting a year of tickets (src/server/kpi/rollup.ts, durationPercentile).
-- 1. A histogram of first-response and resolution durations per UTC day in "KpiDaily" (organization-wide:
--    ownerId = the zero uuid), in 138 buckets: kpi_duration_thresholds() are 60 s × 2^(i/8), i = 0..136
--    (1 minute to 91 days, 9% apart); bucket = width_bucket(seconds, thresholds): 0 below a minute, b when
--    thresholds[b] <= seconds < thresholds[b+1]. Metric names: ticket_hist.first_response.<b>, ticket_hist.resolved.<b>,
--    and per channel and per priority ticket_hist.first_response|channel=EMAIL.<b>, ...|priority=HIGH.<b>.
-- 2. An index per duration by (organization, bucket, day): the k-th duration of a period is read by summing the
--    histogram to find the bucket holding rank k, then sorting only that bucket's tickets of the period.
-- The bucket expression is written identically here, in the trigger and in the KPI SQL (an index on an
-- expression is used only for that exact expression).

CREATE FUNCTION kpi_duration_thresholds() RETURNS float8[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT ARRAY[60, 65, 71, 78, 85, 93, 101, 110, 120, 131, 143, 156, 170, 185, 202, 220, 240, 262, 285, 311, 339, 370, 404, 440, 480, 523, 571, 622, 679, 740, 807, 880, 960, 1047, 1142, 1245, 1358, 1481, 1615, 1761, 1920, 2094, 2283, 2490, 2715, 2961, 3229, 3521, 3840, 4188, 4567, 4980, 5431, 5922, 6458, 7043, 7680, 8375, 9133, 9960, 10861, 11844, 12916, 14085, 15360, 16750, 18266, 19919, 21722, 23688, 25832, 28170, 30720, 33500, 36532, 39839, 43445, 47377, 51665, 56341, 61440, 67001, 73065, 79678, 86889, 94753, 103329, 112681, 122880, 134002, 146130, 159356, 173779, 189507, 206659, 225363, 245760, 268003, 292260, 318711, 347557, 379014, 413317, 450726, 491520, 536006, 584519, 637423, 695114, 758027, 826635, 901452, 983040, 1072013, 1169038, 1274845, 1390229, 1516055, 1653270, 1802903, 1966080, 2144025, 2338076, 2549690, 2780457, 3032110, 3306539, 3605807, 3932160, 4288051, 4676153, 5099381, 5560914, 6064220, 6613078, 7211613, 7864320]::float8[]
$f$;

CREATE INDEX "Ticket_first_response_bucket_idx" ON "Ticket" ("organizationId", (width_bucket(EXTRACT(EPOCH FROM ("firstResponseAt" - "openedAt"))::float8, kpi_duration_thresholds())), "firstResponseAt") INCLUDE ("openedAt", channel, priority) WHERE "deletedAt" IS NULL;
CREATE INDEX "Ticket_resolution_bucket_idx" ON "Ticket" ("organizationId", (width_bucket(EXTRACT(EPOCH FROM ("resolvedAt" - "openedAt"))::float8, kpi_duration_thresholds())), "resolvedAt") INCLUDE ("openedAt", channel, priority) WHERE "deletedAt" IS NULL;

/**
 * Attaches a set of KpiDaily metrics to a table: its insert, update, delete and truncate statement triggers
 * (<name>_insert, ...; kpi_daily_trigger from migration kpi_daily_rollup) and a backfill from the rows it holds.
 * Also used by the later rollup migrations (ticket dimensions, audit log).
 */
CREATE FUNCTION kpi_daily_attach(tbl text, name text, alive text, owner text, metrics text, prefix text) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L)', name || '_insert', tbl, alive, owner, metrics, prefix, '');
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L)', name || '_update', tbl, alive, owner, metrics, prefix, '');
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L)', name || '_delete', tbl, alive, owner, metrics, prefix, '');
  EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L)', name || '_truncate', tbl, alive, owner, metrics, prefix, '');
  EXECUTE kpi_daily_sql(alive, owner, metrics, format('(SELECT * FROM %I WHERE false)', tbl), format('%I', tbl), '');
END
$f$;

DO $do$
DECLARE
  alive text := 'x."deletedAt" IS NULL';
  owner text := 'NULL::uuid';
  metrics text := $m$
    ('ticket_hist.first_response' || '' || '.' || width_bucket(EXTRACT(EPOCH FROM (x."firstResponseAt" - x."openedAt"))::float8, kpi_duration_thresholds()), x."firstResponseAt", 1, 0::numeric),
    ('ticket_hist.resolved' || '' || '.' || width_bucket(EXTRACT(EPOCH FROM (x."resolvedAt" - x."openedAt"))::float8, kpi_duration_thresholds()), x."resolvedAt", 1, 0::numeric),
    ('ticket_hist.first_response' || '|channel=' || x.channel || '.' || width_bucket(EXTRACT(EPOCH FROM (x."firstResponseAt" - x."openedAt"))::float8, kpi_duration_thresholds()), x."firstResponseAt", 1, 0::numeric),
    ('ticket_hist.resolved' || '|channel=' || x.channel || '.' || width_bucket(EXTRACT(EPOCH FROM (x."resolvedAt" - x."openedAt"))::float8, kpi_duration_thresholds()), x."resolvedAt", 1, 0::numeric),
    ('ticket_hist.first_response' || '|priority=' || x.priority || '.' || width_bucket(EXTRACT(EPOCH FROM (x."firstResponseAt" - x."openedAt"))::float8, kpi_duration_thresholds()), x."firstResponseAt", 1, 0::numeric),
    ('ticket_hist.resolved' || '|priority=' || x.priority || '.' || width_bucket(EXTRACT(EPOCH FROM (x."resolvedAt" - x."openedAt"))::float8, kpi_duration_thresholds()), x."resolvedAt", 1, 0::numeric)
  $m$;
BEGIN
  PERFORM kpi_daily_attach('Ticket', 'kpi_hist', alive, owner, metrics, 'ticket_hist');
END
$do$;

-- The pipeline report (cached like the KPIs, src/server/kpi/cache.ts) also reads the stages.
CREATE TRIGGER kpi_change_insert AFTER INSERT ON "PipelineStage" REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_change_trigger();
CREATE TRIGGER kpi_change_update AFTER UPDATE ON "PipelineStage" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_change_trigger();
CREATE TRIGGER kpi_change_delete AFTER DELETE ON "PipelineStage" REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_change_trigger();
CREATE TRIGGER kpi_change_truncate AFTER TRUNCATE ON "PipelineStage" FOR EACH STATEMENT EXECUTE FUNCTION kpi_change_trigger();
