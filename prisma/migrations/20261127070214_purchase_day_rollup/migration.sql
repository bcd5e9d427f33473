-- CreateTable
CREATE TABLE "PurchaseDay" (
    "accountId" UUID NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "organizationId" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "prevDay" TIMESTAMP(3),
    "accountStart" TIMESTAMP(3),
    "n" BIGINT NOT NULL,
    "revenue" DECIMAL NOT NULL,
    "margin" DECIMAL NOT NULL,

    CONSTRAINT "PurchaseDay_pkey" PRIMARY KEY ("accountId","day")
);

-- CreateIndex
CREATE INDEX "PurchaseDay_kpi_idx" ON "PurchaseDay"("organizationId", "day", "prevDay", "ownerId");

-- CreateIndex
CREATE INDEX "PurchaseDay_new_customers_idx" ON "PurchaseDay"("organizationId", "accountStart", "day", "margin");

-- ---------------------------------------------------------------------------------------------------------------
-- Maintenance of "PurchaseDay" (hand-written; Prisma does not model functions or triggers). A write to purchases
-- or to an account's owner / deletion recomputes the days of the accounts it touched, from their purchases:
-- inserting a day between two others changes the next day's prevDay, so days are rebuilt per account, not patched.
-- ---------------------------------------------------------------------------------------------------------------

/**
 * Serialises rebuilds of the same rows across transactions (an account's purchase days here; a deal's revenue and an
 * email key's duplicates in later migrations): two transactions rebuilding one account at once would each miss the
 * other's purchases, or both insert its days. Transaction-scoped advisory locks, so no row is written to lock it. A
 * small rebuild (up to 32 ids) takes its organizations' lock shared and one lock per id; a larger one (an import)
 * takes its organizations' lock exclusively — the shared lock table never holds more than a few dozen of these.
 */
CREATE FUNCTION kpi_rebuild_lock(kind text, orgs uuid[], ids text[]) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  IF cardinality(ids) > 32 THEN
    PERFORM pg_advisory_xact_lock(s.h) FROM (SELECT DISTINCT hashtextextended(kind || '|' || o::text, 0) AS h FROM unnest(orgs) o ORDER BY 1) s;
  ELSE
    PERFORM pg_advisory_xact_lock_shared(s.h) FROM (SELECT DISTINCT hashtextextended(kind || '|' || o::text, 0) AS h FROM unnest(orgs) o ORDER BY 1) s;
    PERFORM pg_advisory_xact_lock(s.h) FROM (SELECT DISTINCT hashtextextended(kind || '|' || i, 1) AS h FROM unnest(ids) i ORDER BY 1) s;
  END IF;
END
$f$;

/** Rebuilds the days of these accounts from their live purchases (none for a deleted or removed account). */
CREATE FUNCTION purchase_day_refresh(accounts uuid[]) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  IF cardinality(accounts) = 0 THEN
    RETURN;
  END IF;
  PERFORM kpi_rebuild_lock('purchase_day', ARRAY(SELECT DISTINCT a."organizationId" FROM "Account" a WHERE a.id = ANY (accounts)), accounts::text[]);
  DELETE FROM "PurchaseDay" d WHERE d."accountId" = ANY (accounts);
  INSERT INTO "PurchaseDay" ("accountId", day, "organizationId", "ownerId", "prevDay", "accountStart", n, revenue, margin)
  SELECT a.id, g.day, a."organizationId", COALESCE(a."ownerId", '00000000-0000-0000-0000-000000000000'::uuid),
         lag(g.day) OVER (PARTITION BY a.id ORDER BY g.day), a."startDate", g.n, g.revenue, g.margin
    FROM "Account" a
    CROSS JOIN LATERAL (
      SELECT date_trunc('day', p."purchasedAt") AS day, count(*) AS n, sum(p.amount) AS revenue, sum(p.amount - p.cost) AS margin
        FROM "Purchase" p
       -- the organization first: the purchases' index by account starts with it
       WHERE p."organizationId" = a."organizationId" AND p."accountId" = a.id AND p."deletedAt" IS NULL
       GROUP BY 1) g
   WHERE a.id = ANY (accounts) AND a."deletedAt" IS NULL;
END
$f$;

CREATE FUNCTION purchase_day_purchases() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "PurchaseDay";
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM purchase_day_refresh(ARRAY(SELECT DISTINCT w."accountId" FROM kpi_new w));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM purchase_day_refresh(ARRAY(SELECT DISTINCT o."accountId" FROM kpi_old o));
  ELSE
    -- the accounts of the rows whose day, amounts, account or deletion changed (before and after)
    PERFORM purchase_day_refresh(ARRAY(
      SELECT DISTINCT x.account FROM kpi_old o JOIN kpi_new w ON w.id = o.id
       CROSS JOIN LATERAL (VALUES (o."accountId"), (w."accountId")) x(account)
       WHERE (o."accountId", o."purchasedAt", o.amount, o.cost, o."deletedAt") IS DISTINCT FROM (w."accountId", w."purchasedAt", w.amount, w.cost, w."deletedAt")));
  END IF;
  RETURN NULL;
END
$f$;
CREATE TRIGGER purchase_day_insert AFTER INSERT ON "Purchase" REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION purchase_day_purchases();
CREATE TRIGGER purchase_day_update AFTER UPDATE ON "Purchase" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION purchase_day_purchases();
CREATE TRIGGER purchase_day_delete AFTER DELETE ON "Purchase" REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION purchase_day_purchases();
CREATE TRIGGER purchase_day_truncate AFTER TRUNCATE ON "Purchase" FOR EACH STATEMENT EXECUTE FUNCTION purchase_day_purchases();

CREATE FUNCTION purchase_day_accounts() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "PurchaseDay";
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM "PurchaseDay" d USING kpi_old o WHERE d."accountId" = o.id;
  ELSE
    -- an owner or start date change rewrites the account's days; a soft delete removes them, an undelete restores them
    PERFORM purchase_day_refresh(ARRAY(
      SELECT w.id FROM kpi_old o JOIN kpi_new w ON w.id = o.id
       WHERE (o."ownerId", o."startDate", o."deletedAt" IS NULL) IS DISTINCT FROM (w."ownerId", w."startDate", w."deletedAt" IS NULL)));
  END IF;
  RETURN NULL;
END
$f$;
CREATE TRIGGER purchase_day_update AFTER UPDATE ON "Account" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION purchase_day_accounts();
CREATE TRIGGER purchase_day_delete AFTER DELETE ON "Account" REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION purchase_day_accounts();
CREATE TRIGGER purchase_day_truncate AFTER TRUNCATE ON "Account" FOR EACH STATEMENT EXECUTE FUNCTION purchase_day_accounts();

-- revenue, margin and purchases per day and owner in "KpiDaily" (the buyers are counted from "PurchaseDay" itself)
DO $do$
BEGIN
  PERFORM kpi_daily_attach('PurchaseDay', 'kpi_daily', 'true', 'x."ownerId"', $m$
    ('purchase.revenue', x.day, x.n, x.revenue),
    ('purchase.margin', x.day, x.n, x.margin)
  $m$, 'purchase');
END
$do$;

-- backfill: every account with a purchase, rebuilt like a write would (the triggers above add their metrics)
SELECT purchase_day_refresh(ARRAY(SELECT DISTINCT p."accountId" FROM "Purchase" p));
