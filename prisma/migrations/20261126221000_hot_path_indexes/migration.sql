-- Hot paths found by the load test (bench/results/request-costs.md). A ticket update that keeps the assignee moves no survey answer metrics: return before the join.
CREATE OR REPLACE FUNCTION kpi_daily_ticket_answers() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- most ticket updates keep the assignee: nothing to move (without this, the planner knows nothing of the
    -- transition tables and scanned every survey answer: 107 ms per ticket update on the bench data)
    IF NOT EXISTS (SELECT 1 FROM kpi_old o JOIN kpi_new w ON w.id = o.id AND w."assigneeId" IS DISTINCT FROM o."assigneeId") THEN
      RETURN NULL;
    END IF;
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

-- A ticket's answers, by ticket: read when its assignee changes (above) and when it is deleted (ON DELETE SET NULL).
CREATE INDEX "SurveyResponse_ticketId_idx" ON "SurveyResponse"("ticketId");

-- A rep's own leads (their home page, "my leads" lists): 1M leads were scanned to count one rep's open leads.
CREATE INDEX "Lead_organizationId_ownerId_status_idx" ON "Lead"("organizationId", "ownerId", "status");
