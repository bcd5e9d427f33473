-- CreateTable
CREATE TABLE "DealRevenue" (
    "dealId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "ownerId" UUID,
    "closedAt" TIMESTAMP(3) NOT NULL,
    "revenue6m" DECIMAL NOT NULL,
    "revenue12m" DECIMAL NOT NULL,

    CONSTRAINT "DealRevenue_pkey" PRIMARY KEY ("dealId")
);

-- ---------------------------------------------------------------------------------------------------------------
-- Maintenance of "DealRevenue" (hand-written). A write to purchases, or to a deal's status, close date, owner or
-- deletion, recomputes the deals it touched from their live purchases. A new deal has no purchases yet, so inserting
-- deals (an import) costs nothing here. "DealRevenue" feeds "KpiDaily" through the usual statement triggers.
-- ---------------------------------------------------------------------------------------------------------------

/** Recomputes these deals' rows: live won deals with purchases within 12 months of their close. */
CREATE FUNCTION deal_revenue_refresh(deals uuid[]) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  IF cardinality(deals) = 0 THEN
    RETURN;
  END IF;
  -- one recomputation of a deal at a time (migration purchase_day_rollup)
  PERFORM kpi_rebuild_lock('deal_revenue', ARRAY(SELECT DISTINCT d."organizationId" FROM "Deal" d WHERE d.id = ANY (deals)), deals::text[]);
  DELETE FROM "DealRevenue" r WHERE r."dealId" = ANY (deals);
  INSERT INTO "DealRevenue" ("dealId", "organizationId", "ownerId", "closedAt", "revenue6m", "revenue12m")
  SELECT d.id, d."organizationId", d."ownerId", d."closedAt",
         COALESCE(sum(p.amount) FILTER (WHERE p."purchasedAt" < d."closedAt" + interval '6 months'), 0), sum(p.amount)
    FROM "Deal" d
    JOIN "Purchase" p ON p."dealId" = d.id AND p."organizationId" = d."organizationId" AND p."deletedAt" IS NULL
     AND p."purchasedAt" >= d."closedAt" AND p."purchasedAt" < d."closedAt" + interval '12 months'
   WHERE d.id = ANY (deals) AND d.status = 'WON' AND d."deletedAt" IS NULL AND d."closedAt" IS NOT NULL
   GROUP BY d.id;
END
$f$;

CREATE FUNCTION deal_revenue_purchases() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "DealRevenue";
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM deal_revenue_refresh(ARRAY(SELECT DISTINCT w."dealId" FROM kpi_new w WHERE w."dealId" IS NOT NULL));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM deal_revenue_refresh(ARRAY(SELECT DISTINCT o."dealId" FROM kpi_old o WHERE o."dealId" IS NOT NULL));
  ELSE
    PERFORM deal_revenue_refresh(ARRAY(
      SELECT DISTINCT x.deal FROM kpi_old o JOIN kpi_new w ON w.id = o.id
       CROSS JOIN LATERAL (VALUES (o."dealId"), (w."dealId")) x(deal)
       WHERE x.deal IS NOT NULL
         AND (o."dealId", o."purchasedAt", o.amount, o."deletedAt", o."organizationId") IS DISTINCT FROM (w."dealId", w."purchasedAt", w.amount, w."deletedAt", w."organizationId")));
  END IF;
  RETURN NULL;
END
$f$;
CREATE TRIGGER deal_revenue_insert AFTER INSERT ON "Purchase" REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION deal_revenue_purchases();
CREATE TRIGGER deal_revenue_update AFTER UPDATE ON "Purchase" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION deal_revenue_purchases();
CREATE TRIGGER deal_revenue_delete AFTER DELETE ON "Purchase" REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION deal_revenue_purchases();
CREATE TRIGGER deal_revenue_truncate AFTER TRUNCATE ON "Purchase" FOR EACH STATEMENT EXECUTE FUNCTION deal_revenue_purchases();

CREATE FUNCTION deal_revenue_deals() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "DealRevenue";
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM "DealRevenue" r USING kpi_old o WHERE r."dealId" = o.id;
  ELSE
    -- won or lost, closed on another day, another owner, deleted or restored: only deals with purchases have a row
    PERFORM deal_revenue_refresh(ARRAY(
      SELECT w.id FROM kpi_old o JOIN kpi_new w ON w.id = o.id
       WHERE (o.status, o."closedAt", o."ownerId", o."deletedAt" IS NULL) IS DISTINCT FROM (w.status, w."closedAt", w."ownerId", w."deletedAt" IS NULL)
         AND EXISTS (SELECT 1 FROM "Purchase" p WHERE p."dealId" = w.id)));
  END IF;
  RETURN NULL;
END
$f$;
CREATE TRIGGER deal_revenue_update AFTER UPDATE ON "Deal" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION deal_revenue_deals();
CREATE TRIGGER deal_revenue_delete AFTER DELETE ON "Deal" REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION deal_revenue_deals();
CREATE TRIGGER deal_revenue_truncate AFTER TRUNCATE ON "Deal" FOR EACH STATEMENT EXECUTE FUNCTION deal_revenue_deals();

-- the revenue per close day and owner in "KpiDaily" ("deal_revenue.6m" / ".12m"; total = the revenue)
DO $do$
BEGIN
  PERFORM kpi_daily_attach('DealRevenue', 'kpi_daily', 'true', 'x."ownerId"', $m$
    ('deal_revenue.6m', x."closedAt", 1, x."revenue6m"),
    ('deal_revenue.12m', x."closedAt", 1, x."revenue12m")
  $m$, 'deal_revenue');
END
$do$;

-- backfill: every deal with a purchase, rebuilt like a write would (the KpiDaily triggers just attached add its metrics)
SELECT deal_revenue_refresh(ARRAY(SELECT DISTINCT p."dealId" FROM "Purchase" p WHERE p."dealId" IS NOT NULL));
