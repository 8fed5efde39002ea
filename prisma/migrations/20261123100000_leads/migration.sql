-- CreateEnum
CREATE TYPE "OrgPlan" AS ENUM ('TRIAL', 'PROFESSIONAL', 'ENTERPRISE');

-- CreateEnum
CREATE TYPE "LeadStatus" AS ENUM ('NEW', 'CONTACTED', 'QUALIFIED', 'APPOINTMENT_SCHEDULED', 'PROPOSAL_SENT', 'WON', 'LOST');

-- CreateEnum
CREATE TYPE "LeadSource" AS ENUM ('SCAN', 'IMPORT', 'API', 'MANUAL');

-- CreateEnum
CREATE TYPE "LeadBand" AS ENUM ('HOT', 'WARM', 'COLD');

-- CreateEnum
CREATE TYPE "RoofMaterial" AS ENUM ('ASPHALT_SHINGLE', 'METAL', 'TILE', 'SLATE', 'WOOD_SHAKE', 'FLAT_MEMBRANE', 'OTHER', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "ConsentState" AS ENUM ('UNKNOWN', 'GRANTED', 'REVOKED');

-- CreateEnum
CREATE TYPE "LeadImportStatus" AS ENUM ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED');

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "plan" "OrgPlan" NOT NULL DEFAULT 'TRIAL';

-- CreateTable
CREATE TABLE "leads" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "normalized_address" VARCHAR(300) NOT NULL,
    "address_line1" VARCHAR(200) NOT NULL,
    "address_line2" VARCHAR(100),
    "city" VARCHAR(100) NOT NULL,
    "state" CHAR(2) NOT NULL,
    "zip" VARCHAR(10) NOT NULL,
    "county" VARCHAR(100),
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "owner_name" VARCHAR(200),
    "year_built" INTEGER,
    "property_value_cents" INTEGER,
    "roof_material" "RoofMaterial",
    "roof_age_years" INTEGER,
    "roof_area_sq_ft" INTEGER,
    "score" INTEGER,
    "score_version" VARCHAR(16),
    "score_breakdown" JSONB,
    "band" "LeadBand",
    "status" "LeadStatus" NOT NULL DEFAULT 'NEW',
    "lost_reason" VARCHAR(200),
    "assignee_id" UUID,
    "source" "LeadSource" NOT NULL DEFAULT 'MANUAL',
    "scan_id" UUID,
    "import_id" UUID,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "search_text" TEXT NOT NULL DEFAULT '',
    "contact_search" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "leads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contacts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "lead_id" UUID NOT NULL,
    "name" VARCHAR(200),
    "phones" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "emails" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "is_primary" BOOLEAN NOT NULL DEFAULT false,
    "consent_email" "ConsentState" NOT NULL DEFAULT 'UNKNOWN',
    "consent_email_at" TIMESTAMPTZ(3),
    "consent_email_source" VARCHAR(100),
    "consent_email_evidence" JSONB,
    "consent_sms" "ConsentState" NOT NULL DEFAULT 'UNKNOWN',
    "consent_sms_at" TIMESTAMPTZ(3),
    "consent_sms_source" VARCHAR(100),
    "consent_sms_evidence" JSONB,
    "consent_call" "ConsentState" NOT NULL DEFAULT 'UNKNOWN',
    "consent_call_at" TIMESTAMPTZ(3),
    "consent_call_source" VARCHAR(100),
    "consent_call_evidence" JSONB,
    "consent_mail" "ConsentState" NOT NULL DEFAULT 'UNKNOWN',
    "consent_mail_at" TIMESTAMPTZ(3),
    "consent_mail_source" VARCHAR(100),
    "consent_mail_evidence" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_notes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "lead_id" UUID NOT NULL,
    "author_id" UUID,
    "body" VARCHAR(5000) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "lead_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_tasks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "lead_id" UUID NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "done_at" TIMESTAMPTZ(3),
    "assignee_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_activities" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "lead_id" UUID NOT NULL,
    "type" VARCHAR(48) NOT NULL,
    "actor_type" "ActorType" NOT NULL,
    "actor_id" UUID,
    "data" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_activities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saved_views" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "filters" JSONB NOT NULL,
    "columns" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_views_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_imports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "created_by_id" UUID,
    "file_name" VARCHAR(200) NOT NULL,
    "status" "LeadImportStatus" NOT NULL DEFAULT 'PENDING',
    "mapping" JSONB NOT NULL,
    "csv_text" TEXT,
    "total_rows" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "api_key_id" UUID NOT NULL,
    "key" VARCHAR(255) NOT NULL,
    "method" VARCHAR(10) NOT NULL,
    "path" VARCHAR(500) NOT NULL,
    "request_hash" VARCHAR(64) NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "leads_org_id_created_at_id_idx" ON "leads"("org_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "leads_org_id_updated_at_id_idx" ON "leads"("org_id", "updated_at", "id");

-- CreateIndex
CREATE INDEX "leads_org_id_normalized_address_id_idx" ON "leads"("org_id", "normalized_address", "id");

-- CreateIndex
CREATE INDEX "leads_org_id_assignee_id_created_at_id_idx" ON "leads"("org_id", "assignee_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "leads_org_id_status_created_at_id_idx" ON "leads"("org_id", "status", "created_at", "id");

-- CreateIndex
CREATE INDEX "leads_org_id_source_created_at_idx" ON "leads"("org_id", "source", "created_at");

-- CreateIndex
CREATE INDEX "leads_org_id_scan_id_idx" ON "leads"("org_id", "scan_id");

-- CreateIndex
CREATE INDEX "leads_tags_idx" ON "leads" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "contacts_lead_id_idx" ON "contacts"("lead_id");

-- CreateIndex
CREATE INDEX "contacts_org_id_idx" ON "contacts"("org_id");

-- CreateIndex
CREATE INDEX "lead_notes_lead_id_created_at_idx" ON "lead_notes"("lead_id", "created_at");

-- CreateIndex
CREATE INDEX "lead_tasks_lead_id_created_at_idx" ON "lead_tasks"("lead_id", "created_at");

-- CreateIndex
CREATE INDEX "lead_tasks_org_id_assignee_id_done_at_due_at_idx" ON "lead_tasks"("org_id", "assignee_id", "done_at", "due_at");

-- CreateIndex
CREATE INDEX "lead_activities_lead_id_created_at_idx" ON "lead_activities"("lead_id", "created_at");

-- CreateIndex
CREATE INDEX "lead_activities_org_id_created_at_idx" ON "lead_activities"("org_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "saved_views_org_id_owner_id_name_key" ON "saved_views"("org_id", "owner_id", "name");

-- CreateIndex
CREATE INDEX "lead_imports_org_id_created_at_idx" ON "lead_imports"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_keys_api_key_id_key_key" ON "idempotency_keys"("api_key_id", "key");

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "memberships"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "lead_imports"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_notes" ADD CONSTRAINT "lead_notes_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_notes" ADD CONSTRAINT "lead_notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_tasks" ADD CONSTRAINT "lead_tasks_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_tasks" ADD CONSTRAINT "lead_tasks_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "memberships"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_tasks" ADD CONSTRAINT "lead_tasks_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_activities" ADD CONSTRAINT "lead_activities_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_imports" ADD CONSTRAINT "lead_imports_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_imports" ADD CONSTRAINT "lead_imports_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- ---------------------------------------------------------------------------------------------
-- Rules Prisma cannot express: CHECK constraints, partial/expression indexes, triggers.
-- ---------------------------------------------------------------------------------------------
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- tags: ≤ 10, each 1..50 chars, trimmed, lower-case, no duplicates, no NULLs
CREATE FUNCTION fm_lead_tags_valid(tags text[]) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(cardinality(tags), 0) <= 10
     AND NOT EXISTS (SELECT 1 FROM unnest(tags) t WHERE t IS NULL OR char_length(t) NOT BETWEEN 1 AND 50 OR t <> lower(btrim(t)))
     AND (SELECT count(DISTINCT t) FROM unnest(tags) t) = coalesce(cardinality(tags), 0)
$$;

-- every element matches a regular expression (array CHECKs cannot hold subqueries)
CREATE FUNCTION fm_all_match(vals text[], pattern text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT NOT EXISTS (SELECT 1 FROM unnest(vals) v WHERE v IS NULL OR v !~ pattern)
$$;

-- leads
ALTER TABLE "leads" ADD CONSTRAINT "leads_score_range_chk" CHECK ("score" IS NULL OR "score" BETWEEN 0 AND 100);
ALTER TABLE "leads" ADD CONSTRAINT "leads_band_chk" CHECK (
  ("score" IS NULL AND "band" IS NULL) OR ("score" >= 80 AND "band" = 'HOT')
  OR ("score" BETWEEN 60 AND 79 AND "band" = 'WARM') OR ("score" < 60 AND "band" = 'COLD'));
ALTER TABLE "leads" ADD CONSTRAINT "leads_lost_reason_chk" CHECK (
  ("status" = 'LOST') = ("lost_reason" IS NOT NULL AND char_length(btrim("lost_reason")) > 0));
ALTER TABLE "leads" ADD CONSTRAINT "leads_tags_chk" CHECK (fm_lead_tags_valid("tags"));
ALTER TABLE "leads" ADD CONSTRAINT "leads_normalized_address_chk" CHECK (char_length(btrim("normalized_address")) > 0 AND "normalized_address" = upper("normalized_address"));
ALTER TABLE "leads" ADD CONSTRAINT "leads_address_line1_chk" CHECK (char_length(btrim("address_line1")) > 0);
ALTER TABLE "leads" ADD CONSTRAINT "leads_state_chk" CHECK ("state" ~ '^[A-Z]{2}$');
ALTER TABLE "leads" ADD CONSTRAINT "leads_zip_chk" CHECK ("zip" ~ '^[0-9]{5}(-[0-9]{4})?$');
ALTER TABLE "leads" ADD CONSTRAINT "leads_lat_lng_chk" CHECK (("lat" IS NULL) = ("lng" IS NULL) AND ("lat" IS NULL OR ("lat" BETWEEN -90 AND 90 AND "lng" BETWEEN -180 AND 180)));
ALTER TABLE "leads" ADD CONSTRAINT "leads_year_built_chk" CHECK ("year_built" IS NULL OR "year_built" BETWEEN 1600 AND 2100);
ALTER TABLE "leads" ADD CONSTRAINT "leads_property_value_chk" CHECK ("property_value_cents" IS NULL OR "property_value_cents" >= 0);
ALTER TABLE "leads" ADD CONSTRAINT "leads_roof_age_chk" CHECK ("roof_age_years" IS NULL OR "roof_age_years" BETWEEN 0 AND 200);
ALTER TABLE "leads" ADD CONSTRAINT "leads_roof_area_chk" CHECK ("roof_area_sq_ft" IS NULL OR "roof_area_sq_ft" BETWEEN 1 AND 1000000);

-- one live lead per address per org (soft-deleted rows may repeat it)
CREATE UNIQUE INDEX "leads_org_address_live_key" ON "leads" ("org_id", "normalized_address") WHERE "deleted_at" IS NULL;
-- keyset list indexes (score sorts use coalesce(score, -1) so unscored leads sort last in DESC order)
CREATE INDEX "leads_org_score_live_idx" ON "leads" ("org_id", (coalesce("score", -1)), "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "leads_org_created_live_idx" ON "leads" ("org_id", "created_at", "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "leads_org_assignee_score_live_idx" ON "leads" ("org_id", "assignee_id", (coalesce("score", -1)), "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "leads_org_status_score_live_idx" ON "leads" ("org_id", "status", (coalesce("score", -1)), "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "leads_org_trash_idx" ON "leads" ("org_id", "deleted_at" DESC, "id") WHERE "deleted_at" IS NOT NULL;
CREATE INDEX "leads_search_trgm_idx" ON "leads" USING gin ("search_text" gin_trgm_ops);

-- derived columns: band from score (HOT ≥ 80, WARM 60–79, COLD < 60), search text; assignee in the same org
CREATE FUNCTION fm_leads_derive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.band := CASE WHEN NEW.score IS NULL THEN NULL WHEN NEW.score >= 80 THEN 'HOT'::"LeadBand"
                   WHEN NEW.score >= 60 THEN 'WARM'::"LeadBand" ELSE 'COLD'::"LeadBand" END;
  NEW.search_text := lower(concat_ws(' ', NEW.normalized_address, NEW.address_line1, NEW.city, NEW.zip, NEW.owner_name, NEW.contact_search));
  IF NEW.assignee_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.assignee_id IS DISTINCT FROM OLD.assignee_id)
     AND NOT EXISTS (SELECT 1 FROM "memberships" m WHERE m.id = NEW.assignee_id AND m.org_id = NEW.org_id) THEN
    RAISE EXCEPTION 'lead assignee must be a member of the same organization' USING ERRCODE = '23514', HINT = 'FM_ASSIGNEE_ORG';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER leads_derive BEFORE INSERT OR UPDATE ON "leads" FOR EACH ROW EXECUTE FUNCTION fm_leads_derive();

-- contacts
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_phones_e164_chk" CHECK (fm_all_match("phones", '^\+[1-9][0-9]{7,14}$') AND cardinality("phones") <= 10);
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_emails_chk" CHECK (fm_all_match("emails", '^[^@\sA-Z]+@[^@\sA-Z]+\.[^@\sA-Z]+$') AND cardinality("emails") <= 10);
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_consent_evidence_chk" CHECK (
  ("consent_email" = 'UNKNOWN' OR ("consent_email_at" IS NOT NULL AND "consent_email_source" IS NOT NULL)) AND
  ("consent_sms" = 'UNKNOWN' OR ("consent_sms_at" IS NOT NULL AND "consent_sms_source" IS NOT NULL)) AND
  ("consent_call" = 'UNKNOWN' OR ("consent_call_at" IS NOT NULL AND "consent_call_source" IS NOT NULL)) AND
  ("consent_mail" = 'UNKNOWN' OR ("consent_mail_at" IS NOT NULL AND "consent_mail_source" IS NOT NULL)));

-- keep leads.contact_search (names, phone digits, emails) current so one trigram index serves lead search
CREATE FUNCTION fm_contacts_refresh_lead_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE lid uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.lead_id ELSE NEW.lead_id END;
BEGIN
  IF TG_OP <> 'DELETE' AND NOT EXISTS (SELECT 1 FROM "leads" l WHERE l.id = NEW.lead_id AND l.org_id = NEW.org_id) THEN
    RAISE EXCEPTION 'contact org must match its lead' USING ERRCODE = '23514', HINT = 'FM_CONTACT_ORG';
  END IF;
  UPDATE "leads" SET contact_search = coalesce((
    SELECT string_agg(concat_ws(' ', c.name, array_to_string(c.phones, ' '), replace(array_to_string(c.phones, ' '), '+', ''),
                                array_to_string(c.emails, ' ')), ' ')
      FROM "contacts" c WHERE c.lead_id = lid), '')
  WHERE id = lid;
  RETURN NULL;
END $$;
CREATE TRIGGER contacts_refresh_lead_search AFTER INSERT OR UPDATE OR DELETE ON "contacts"
  FOR EACH ROW EXECUTE FUNCTION fm_contacts_refresh_lead_search();

-- notes, tasks, activities, views, imports, idempotency
ALTER TABLE "lead_notes" ADD CONSTRAINT "lead_notes_body_chk" CHECK (char_length(btrim("body")) BETWEEN 1 AND 5000);
ALTER TABLE "lead_tasks" ADD CONSTRAINT "lead_tasks_title_chk" CHECK (char_length(btrim("title")) BETWEEN 1 AND 200);
ALTER TABLE "lead_activities" ADD CONSTRAINT "lead_activities_type_chk" CHECK ("type" ~ '^[a-z][a-z_]*(\.[a-z_]+)*$');
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_name_chk" CHECK (char_length(btrim("name")) BETWEEN 1 AND 80);
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_columns_chk" CHECK (cardinality("columns") <= 40);
ALTER TABLE "lead_imports" ADD CONSTRAINT "lead_imports_counts_chk" CHECK (
  "total_rows" >= 0 AND "processed" >= 0 AND "created" >= 0 AND "skipped" >= 0 AND "failed" >= 0
  AND "processed" <= "total_rows" AND "created" + "skipped" + "failed" = "processed");
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_key_chk" CHECK (char_length("key") BETWEEN 1 AND 255);
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_status_chk" CHECK ("response_status" IS NULL OR "response_status" BETWEEN 100 AND 599);
