-- CreateTable
CREATE TABLE "KpiDaily" (
    "organizationId" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "ownerId" UUID NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 0,
    "total" DECIMAL NOT NULL DEFAULT 0,

    CONSTRAINT "KpiDaily_pkey" PRIMARY KEY ("organizationId","metric","day","ownerId")
);

-- ---------------------------------------------------------------------------------------------------------------
-- Maintenance of "KpiDaily" (hand-written; Prisma does not model functions or triggers).
-- Each base table has three STATEMENT-level AFTER triggers (insert, update, delete) whose transition tables
-- (kpi_old / kpi_new) are turned into ONE aggregated delta per statement: -1 × the old rows' metrics, +1 × the
-- new rows', grouped by (organization, metric, day, owner) and upserted. A bulk import of many rows costs one
-- grouped INSERT ... ON CONFLICT; an update that changes no metric nets to zero and writes nothing.
-- Updates (soft delete via deletedAt, owner change, a ticket resolved later, an amount edited) are an old row
-- out and a new row in. TRUNCATE of a base table clears its metrics. Rows of an organization being deleted are
-- skipped (its rollup rows are removed by the trigger on "Organization").
--
-- A metric row is (name, at, n, total): the row counts on the UTC day of `at` (skipped when `at` is NULL) with
-- n and total. A snapshot metric (…backlog, deal.open, account.customers) adds +1 on the day a record enters
-- the state and -1 on the day it leaves; "in the state at midnight t" is the sum of the days before t.
-- The KPI SQL that reads these metrics is in src/server/kpi/rollup.ts and the families; the NPS score groups
-- mirror src/server/kpi/families/nps.ts.
-- ---------------------------------------------------------------------------------------------------------------

/** The statement adding (old rows × -1) + (new rows × +1) of one table to "KpiDaily". */
CREATE FUNCTION kpi_daily_sql(alive text, owner text, metrics text, old_src text, new_src text, joins text DEFAULT '') RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO "KpiDaily" AS k ("organizationId", metric, day, "ownerId", n, total)
    SELECT g.org, g.metric, g.day, g.owner, g.n, g.total
    FROM (
      SELECT x."organizationId" AS org, m.metric, date_trunc('day', m.at) AS day,
             COALESCE(%2$s, '00000000-0000-0000-0000-000000000000'::uuid) AS owner,
             sum(x.sign * m.n) AS n, sum(x.sign * m.total) AS total
      FROM (SELECT -1 AS sign, o.* FROM %4$s o UNION ALL SELECT 1 AS sign, w.* FROM %5$s w) x %6$s
      CROSS JOIN LATERAL (VALUES %3$s) AS m(metric, at, n, total)
      WHERE %1$s AND m.at IS NOT NULL
      GROUP BY 1, 2, 3, 4
      HAVING sum(x.sign * m.n) <> 0 OR sum(x.sign * m.total) <> 0
    ) g
    WHERE EXISTS (SELECT 1 FROM "Organization" org WHERE org.id = g.org)
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("organizationId", metric, day, "ownerId") DO UPDATE SET n = k.n + excluded.n, total = k.total + excluded.total
  $q$, alive, owner, metrics, old_src, new_src, joins)
$f$;

/**
 * Trigger: TG_ARGV = (alive condition, owner expression, metric VALUES rows, metric prefix[, joins]) over x = a row.
 * `joins` reads the owner from another table (a call's lead, an answer's ticket); that table's own trigger moves
 * the metric when the owner changes there (kpi_daily_lead_calls, kpi_daily_ticket_answers).
 */
CREATE FUNCTION kpi_daily_trigger() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  empty text := format('(SELECT * FROM %I.%I WHERE false)', TG_TABLE_SCHEMA, TG_TABLE_NAME);
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "KpiDaily" WHERE metric LIKE TG_ARGV[3] || '.%';
    RETURN NULL;
  END IF;
  -- the transition tables are visible to EXECUTE inside the trigger function
  EXECUTE kpi_daily_sql(TG_ARGV[0], TG_ARGV[1], TG_ARGV[2],
    CASE WHEN TG_OP = 'INSERT' THEN empty ELSE 'kpi_old' END,
    CASE WHEN TG_OP = 'DELETE' THEN empty ELSE 'kpi_new' END, COALESCE(TG_ARGV[4], ''));
  RETURN NULL;
END
$f$;

CREATE FUNCTION kpi_daily_organization_deleted() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  DELETE FROM "KpiDaily" k USING kpi_old o WHERE k."organizationId" = o.id;
  RETURN NULL;
END
$f$;
CREATE TRIGGER kpi_daily_delete AFTER DELETE ON "Organization" REFERENCING OLD TABLE AS kpi_old
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_organization_deleted();

/** The survey answer metrics (also used when a ticket's assignee changes); NPS groups as in families/nps.ts. */
CREATE FUNCTION kpi_daily_survey_metrics() RETURNS text LANGUAGE sql IMMUTABLE AS $f$ SELECT $m$
  ('survey.csat', CASE WHEN x.type = 'CSAT' THEN x."respondedAt" END, 1, x.score::numeric),
  ('survey.csat.satisfied', CASE WHEN x.type = 'CSAT' AND x.score >= 4 THEN x."respondedAt" END, 1, 0),
  ('survey.ces', CASE WHEN x.type = 'CES' THEN x."respondedAt" END, 1, x.score),
  ('survey.nps', CASE WHEN x.type = 'NPS' THEN x."respondedAt" END, 1, 0),
  ('survey.nps.promoter', CASE WHEN x.type = 'NPS' AND x.score >= 9 THEN x."respondedAt" END, 1, 0),
  ('survey.nps.passive', CASE WHEN x.type = 'NPS' AND x.score BETWEEN 7 AND 8 THEN x."respondedAt" END, 1, 0),
  ('survey.nps.detractor', CASE WHEN x.type = 'NPS' AND x.score <= 6 THEN x."respondedAt" END, 1, 0)
$m$ $f$;

/**
 * Ticket assignee changes move the ticket's answers to the new owner. A hard-deleted ticket's answers lose their
 * ticket (ON DELETE SET NULL, before this statement trigger runs), so their old owner cannot be read any more:
 * the answer metrics of the deleted tickets' owners (and of "no owner", where the answers now belong) are
 * recomputed from the base tables.
 */
CREATE FUNCTION kpi_daily_ticket_answers() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    EXECUTE kpi_daily_sql('true', 'x.kpi_owner', kpi_daily_survey_metrics(),
      '(SELECT r.*, o."assigneeId" AS kpi_owner FROM kpi_old o JOIN kpi_new w ON w.id = o.id AND w."assigneeId" IS DISTINCT FROM o."assigneeId" JOIN "SurveyResponse" r ON r."ticketId" = o.id)',
      '(SELECT r.*, w."assigneeId" AS kpi_owner FROM kpi_old o JOIN kpi_new w ON w.id = o.id AND w."assigneeId" IS DISTINCT FROM o."assigneeId" JOIN "SurveyResponse" r ON r."ticketId" = w.id)');
  ELSE
    -- the deleted tickets' owners, and "no owner"
    DELETE FROM "KpiDaily" k USING (SELECT o."organizationId" AS org, COALESCE(o."assigneeId", '00000000-0000-0000-0000-000000000000'::uuid) AS owner FROM kpi_old o
        UNION SELECT o."organizationId", '00000000-0000-0000-0000-000000000000'::uuid FROM kpi_old o) a
      WHERE k."organizationId" = a.org AND k."ownerId" = a.owner AND k.metric LIKE 'survey.%';
    EXECUTE kpi_daily_sql('true', 'tk."assigneeId"', kpi_daily_survey_metrics(), '(SELECT * FROM "SurveyResponse" WHERE false)',
      $s$(SELECT r.* FROM "SurveyResponse" r LEFT JOIN "Ticket" t ON t.id = r."ticketId"
          JOIN (SELECT o."organizationId" AS org, COALESCE(o."assigneeId", '00000000-0000-0000-0000-000000000000'::uuid) AS owner FROM kpi_old o UNION SELECT o."organizationId", '00000000-0000-0000-0000-000000000000'::uuid FROM kpi_old o) a
            ON a.org = r."organizationId" AND a.owner = COALESCE(t."assigneeId", '00000000-0000-0000-0000-000000000000'::uuid))$s$,
      'LEFT JOIN "Ticket" tk ON tk.id = x."ticketId"');
  END IF;
  RETURN NULL;
END
$f$;
CREATE TRIGGER kpi_daily_answers_update AFTER UPDATE ON "Ticket" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_ticket_answers();
CREATE TRIGGER kpi_daily_answers_delete AFTER DELETE ON "Ticket" REFERENCING OLD TABLE AS kpi_old
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_ticket_answers();

/** The same for calls: a lead's owner change or (un)deletion moves its calls; a hard delete recomputes its owner's. */
CREATE FUNCTION kpi_daily_lead_calls() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    EXECUTE kpi_daily_sql('x."deletedAt" IS NULL AND x.kpi_alive', 'x.kpi_owner', $m$ ('activity.lead_call', CASE WHEN x.type = 'CALL' THEN x."createdAt" END, 1, 0::numeric) $m$,
      '(SELECT a.*, o."ownerId" AS kpi_owner, o."deletedAt" IS NULL AS kpi_alive FROM kpi_old o JOIN kpi_new w ON w.id = o.id AND (w."ownerId" IS DISTINCT FROM o."ownerId" OR (w."deletedAt" IS NULL) <> (o."deletedAt" IS NULL)) JOIN "Activity" a ON a."leadId" = o.id)',
      '(SELECT a.*, w."ownerId" AS kpi_owner, w."deletedAt" IS NULL AS kpi_alive FROM kpi_old o JOIN kpi_new w ON w.id = o.id AND (w."ownerId" IS DISTINCT FROM o."ownerId" OR (w."deletedAt" IS NULL) <> (o."deletedAt" IS NULL)) JOIN "Activity" a ON a."leadId" = w.id)');
  ELSE
    DELETE FROM "KpiDaily" k USING (SELECT DISTINCT o."organizationId" AS org, COALESCE(o."ownerId", '00000000-0000-0000-0000-000000000000'::uuid) AS owner FROM kpi_old o WHERE o."deletedAt" IS NULL) a
      WHERE k."organizationId" = a.org AND k."ownerId" = a.owner AND k.metric = 'activity.lead_call';
    EXECUTE kpi_daily_sql('x."deletedAt" IS NULL', 'l."ownerId"', $m$ ('activity.lead_call', CASE WHEN x.type = 'CALL' THEN x."createdAt" END, 1, 0::numeric) $m$,
      '(SELECT * FROM "Activity" WHERE false)',
      $s$(SELECT a.* FROM "Activity" a JOIN "Lead" ld ON ld.id = a."leadId" AND ld."deletedAt" IS NULL
          JOIN (SELECT DISTINCT o."organizationId" AS org, COALESCE(o."ownerId", '00000000-0000-0000-0000-000000000000'::uuid) AS owner FROM kpi_old o WHERE o."deletedAt" IS NULL) ko
            ON ko.org = ld."organizationId" AND ko.owner = COALESCE(ld."ownerId", '00000000-0000-0000-0000-000000000000'::uuid)
          WHERE a.type = 'CALL')$s$,
      'JOIN "Lead" l ON l.id = x."leadId" AND l."deletedAt" IS NULL');
  END IF;
  RETURN NULL;
END
$f$;
CREATE TRIGGER kpi_daily_calls_update AFTER UPDATE ON "Lead" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_lead_calls();
CREATE TRIGGER kpi_daily_calls_delete AFTER DELETE ON "Lead" REFERENCING OLD TABLE AS kpi_old
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_lead_calls();

DO $do$
DECLARE
  s record;
BEGIN
  FOR s IN SELECT * FROM (VALUES
    ('Lead', 'lead', 'x."deletedAt" IS NULL', 'x."ownerId"', $m$
      ('lead.created', x."createdAt", 1, 0::numeric),
      ('lead.converted', x."convertedAt", 1, 0),
      ('lead.created.campaign', CASE WHEN x."campaignId" IS NOT NULL THEN x."createdAt" END, 1, 0),
      ('lead.converted.campaign', CASE WHEN x."campaignId" IS NOT NULL THEN x."convertedAt" END, 1, 0),
      ('lead.completeness', x."createdAt", 3, ((NULLIF(btrim(x.email), '') IS NOT NULL)::int + (NULLIF(btrim(x.source), '') IS NOT NULL)::int + (x."ownerId" IS NOT NULL)::int)::numeric)
    $m$, ''),
    ('Deal', 'deal', 'x."deletedAt" IS NULL', 'x."ownerId"', $m$
      ('deal.closed', CASE WHEN x.status IN ('WON', 'LOST') THEN x."closedAt" END, 1, 0::numeric),
      ('deal.won', CASE WHEN x.status = 'WON' THEN x."closedAt" END, 1, x.amount),
      ('deal.won.cycle', CASE WHEN x.status = 'WON' THEN x."closedAt" END, 1, EXTRACT(EPOCH FROM (x."closedAt" - COALESCE(x."engagedAt", x."openedAt")))),
      ('deal.won.cross_sell', CASE WHEN x.status = 'WON' AND x.type = 'CROSS_SELL' THEN x."closedAt" END, 1, 0),
      ('deal.won.referral', CASE WHEN x.status = 'WON' AND x."isReferral" THEN x."closedAt" END, 1, 0),
      ('deal.won.campaign', CASE WHEN x.status = 'WON' AND x."campaignId" IS NOT NULL THEN x."closedAt" END, 1, x.amount),
      ('deal.closed.renewal', CASE WHEN x.status IN ('WON', 'LOST') AND x.type = 'RENEWAL' THEN x."closedAt" END, 1, 0),
      ('deal.won.renewal', CASE WHEN x.status = 'WON' AND x.type = 'RENEWAL' THEN x."closedAt" END, 1, 0),
      ('deal.open', x."openedAt", 1, x.amount),
      ('deal.open', CASE WHEN x."closedAt" IS NOT NULL THEN GREATEST(x."openedAt", x."closedAt") END, -1, -x.amount)
    $m$, ''),
    ('Ticket', 'ticket', 'x."deletedAt" IS NULL', 'x."assigneeId"', $m$
      ('ticket.opened', x."openedAt", 1, 0::numeric),
      ('ticket.resolved', x."resolvedAt", 1, EXTRACT(EPOCH FROM (x."resolvedAt" - x."openedAt"))),
      ('ticket.resolved.first_contact', CASE WHEN x."contactCount" = 1 THEN x."resolvedAt" END, 1, 0),
      ('ticket.resolved.reopened', CASE WHEN x."reopenCount" > 0 THEN x."resolvedAt" END, 1, 0),
      ('ticket.first_response', x."firstResponseAt", 1, EXTRACT(EPOCH FROM (x."firstResponseAt" - x."openedAt"))),
      ('ticket.backlog', x."openedAt", 1, 0),
      ('ticket.backlog', CASE WHEN x."resolvedAt" IS NOT NULL THEN GREATEST(x."openedAt", x."resolvedAt") END, -1, 0)
    $m$, ''),
    ('Account', 'account', 'x."deletedAt" IS NULL', 'x."ownerId"', $m$
      ('account.new', x."startDate", 1, 0::numeric),
      ('account.customers', x."startDate", 1, 0),
      ('account.customers', CASE WHEN x."startDate" IS NOT NULL AND x."churnDate" IS NOT NULL THEN GREATEST(x."startDate", x."churnDate") END, -1, 0),
      ('account.lifespan', CASE WHEN x."startDate" IS NOT NULL THEN x."churnDate" END, 1, EXTRACT(EPOCH FROM (x."churnDate" - x."startDate"))),
      ('account.completeness', x."createdAt", 3, ((NULLIF(btrim(x.segment), '') IS NOT NULL)::int + (NULLIF(btrim(x.industry), '') IS NOT NULL)::int + (x."ownerId" IS NOT NULL)::int)::numeric)
    $m$, ''),
    ('Contact', 'contact', 'x."deletedAt" IS NULL', 'x."ownerId"', $m$
      ('contact.opt_in', x."emailOptInAt", 1, 0::numeric),
      ('contact.completeness', x."createdAt", 3, ((NULLIF(btrim(x.email), '') IS NOT NULL)::int + (NULLIF(btrim(x.phone), '') IS NOT NULL)::int + (x."accountId" IS NOT NULL)::int)::numeric)
    $m$, ''),
    -- an answer's owner is the assignee of the ticket it answers (deleted or not), as in the KPIs
    ('SurveyResponse', 'survey', 'true', 'tk."assigneeId"', kpi_daily_survey_metrics(), 'LEFT JOIN "Ticket" tk ON tk.id = x."ticketId"'),
    -- calls linked to a live lead, by the lead's owner (calls per lead)
    ('Activity', 'activity', 'x."deletedAt" IS NULL', 'l."ownerId"', $m$
      ('activity.lead_call', CASE WHEN x.type = 'CALL' THEN x."createdAt" END, 1, 0::numeric)
    $m$, 'JOIN "Lead" l ON l.id = x."leadId" AND l."deletedAt" IS NULL')
  ) AS v(tbl, prefix, alive, owner, metrics, joins) LOOP
    EXECUTE format('CREATE TRIGGER kpi_daily_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L)', s.tbl, s.alive, s.owner, s.metrics, s.prefix, s.joins);
    EXECUTE format('CREATE TRIGGER kpi_daily_update AFTER UPDATE ON %I REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L)', s.tbl, s.alive, s.owner, s.metrics, s.prefix, s.joins);
    EXECUTE format('CREATE TRIGGER kpi_daily_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L)', s.tbl, s.alive, s.owner, s.metrics, s.prefix, s.joins);
    EXECUTE format('CREATE TRIGGER kpi_daily_truncate AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION kpi_daily_trigger(%L, %L, %L, %L, %L)', s.tbl, s.alive, s.owner, s.metrics, s.prefix, s.joins);
    -- backfill: the table's current rows
    EXECUTE kpi_daily_sql(s.alive, s.owner, s.metrics, format('(SELECT * FROM %I WHERE false)', s.tbl), format('%I', s.tbl), s.joins);
  END LOOP;
END
$do$;
