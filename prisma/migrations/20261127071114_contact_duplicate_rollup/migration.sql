-- CreateTable
CREATE TABLE "ContactDuplicate" (
    "contactId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "ownerId" UUID NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContactDuplicate_pkey" PRIMARY KEY ("contactId")
);

-- CreateIndex
CREATE INDEX "ContactDuplicate_organizationId_key_idx" ON "ContactDuplicate"("organizationId", "key");

-- CreateIndex
CREATE INDEX "ContactDuplicate_kpi_idx" ON "ContactDuplicate"("organizationId", "since", "ownerId");

-- ---------------------------------------------------------------------------------------------------------------
-- Maintenance of "ContactDuplicate" (hand-written). A write to contacts recomputes the email keys it touched (before
-- and after the write): whether a contact is a duplicate, and since when, depends on the other contacts of its key.
-- Contacts of one key are found by the index below. The contacts with an email per day are a "KpiDaily" metric.
-- ---------------------------------------------------------------------------------------------------------------

-- the data-quality view and this trigger look contacts up by email key
CREATE INDEX "Contact_email_key_idx" ON "Contact" ("organizationId", (lower(trim(email)))) WHERE "deletedAt" IS NULL;

/** Recomputes the duplicate rows of these (organization, email key) pairs from the live contacts. */
CREATE FUNCTION contact_duplicate_refresh(orgs uuid[], keys text[]) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  IF cardinality(keys) = 0 THEN
    RETURN;
  END IF;
  -- one recomputation of a key at a time: two transactions adding contacts with one email would each miss the
  -- other's (kpi_rebuild_lock, migration purchase_day_rollup)
  PERFORM kpi_rebuild_lock('contact_duplicate', orgs, ARRAY(SELECT u.org::text || '|' || u.key FROM unnest(orgs, keys) u(org, key)));
  DELETE FROM "ContactDuplicate" d USING unnest(orgs, keys) u(org, key) WHERE d."organizationId" = u.org AND d.key = u.key;
  INSERT INTO "ContactDuplicate" ("contactId", "organizationId", key, "ownerId", since)
  SELECT e.id, e.org, e.key, COALESCE(e."ownerId", '00000000-0000-0000-0000-000000000000'::uuid), CASE WHEN e.rn = 1 THEN e.second ELSE e."createdAt" END
    FROM (SELECT c.id, u.org, u.key, c."ownerId", c."createdAt", row_number() OVER w AS rn,
                 nth_value(c."createdAt", 2) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second
            FROM (SELECT DISTINCT * FROM unnest(orgs, keys)) u(org, key)
            JOIN "Contact" c ON c."organizationId" = u.org AND lower(trim(c.email)) = u.key AND c."deletedAt" IS NULL
          WINDOW w AS (PARTITION BY u.org, u.key ORDER BY c."createdAt")) e
   WHERE e.rn > 1 OR e.second IS NOT NULL;
END
$f$;

CREATE FUNCTION contact_duplicate_trigger() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  orgs uuid[];
  keys text[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "ContactDuplicate";
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(r.org), array_agg(r.key) INTO orgs, keys
      FROM (SELECT DISTINCT w."organizationId" AS org, lower(trim(w.email)) AS key FROM kpi_new w) r WHERE r.key <> '';
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(r.org), array_agg(r.key) INTO orgs, keys
      FROM (SELECT DISTINCT o."organizationId" AS org, lower(trim(o.email)) AS key FROM kpi_old o) r WHERE r.key <> '';
  ELSE
    -- the keys before and after of the rows whose email, creation, owner or deletion changed
    SELECT array_agg(r.org), array_agg(r.key) INTO orgs, keys
      FROM (SELECT DISTINCT x.org, x.key FROM kpi_old o JOIN kpi_new w ON w.id = o.id
              CROSS JOIN LATERAL (VALUES (o."organizationId", lower(trim(o.email))), (w."organizationId", lower(trim(w.email)))) x(org, key)
             WHERE (o."organizationId", o.email, o."createdAt", o."ownerId", o."deletedAt" IS NULL) IS DISTINCT FROM (w."organizationId", w.email, w."createdAt", w."ownerId", w."deletedAt" IS NULL)) r
     WHERE r.key <> '';
  END IF;
  PERFORM contact_duplicate_refresh(COALESCE(orgs, '{}'), COALESCE(keys, '{}'));
  RETURN NULL;
END
$f$;
CREATE TRIGGER contact_duplicate_insert AFTER INSERT ON "Contact" REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION contact_duplicate_trigger();
CREATE TRIGGER contact_duplicate_update AFTER UPDATE ON "Contact" REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION contact_duplicate_trigger();
CREATE TRIGGER contact_duplicate_delete AFTER DELETE ON "Contact" REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION contact_duplicate_trigger();
CREATE TRIGGER contact_duplicate_truncate AFTER TRUNCATE ON "Contact" FOR EACH STATEMENT EXECUTE FUNCTION contact_duplicate_trigger();

-- contacts with an email (trimmed, not blank) per day of creation and owner: the duplicate rate's denominator
DO $do$
BEGIN
  PERFORM kpi_daily_attach('Contact', 'kpi_email', 'x."deletedAt" IS NULL', 'x."ownerId"', $m$
    ('contact.with_email', CASE WHEN NULLIF(trim(x.email), '') IS NOT NULL THEN x."createdAt" END, 1, 0::numeric)
  $m$, 'contact');
END
$do$;

-- backfill: every email key, rebuilt like a write would
SELECT contact_duplicate_refresh(k.orgs, k.keys)
  FROM (SELECT COALESCE(array_agg(r.org), '{}') AS orgs, COALESCE(array_agg(r.key), '{}') AS keys
          FROM (SELECT DISTINCT c."organizationId" AS org, lower(trim(c.email)) AS key FROM "Contact" c
                 WHERE c."deletedAt" IS NULL AND NULLIF(trim(c.email), '') IS NOT NULL) r) k;
