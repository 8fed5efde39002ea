-- CreateEnum
CREATE TYPE "ScanStatus" AS ENUM ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELED');

-- CreateEnum
CREATE TYPE "ScanAreaKind" AS ENUM ('ZIP', 'CITY', 'RADIUS', 'CSV');

-- CreateEnum
CREATE TYPE "ScanStage" AS ENUM ('DISCOVERED', 'IMAGED', 'ASSESSED', 'SCORED');

-- CreateEnum
CREATE TYPE "ScanPropertyStatus" AS ENUM ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'NEEDS_REVIEW', 'CANCELED');

-- CreateEnum
CREATE TYPE "RoofReviewStatus" AS ENUM ('PENDING', 'ACCEPTED', 'CORRECTED', 'DISCARDED');

-- AlterTable
ALTER TABLE "leads" ADD COLUMN     "roof_assessment_id" UUID,
ADD COLUMN     "roof_image_id" UUID;

-- CreateTable
CREATE TABLE "scans" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "created_by_id" UUID,
    "status" "ScanStatus" NOT NULL DEFAULT 'PENDING',
    "area_kind" "ScanAreaKind" NOT NULL,
    "area" JSONB NOT NULL,
    "label" VARCHAR(200) NOT NULL,
    "center_lat" DOUBLE PRECISION,
    "center_lng" DOUBLE PRECISION,
    "radius_meters" INTEGER,
    "property_cap" INTEGER NOT NULL,
    "sandbox" BOOLEAN NOT NULL DEFAULT false,
    "source" VARCHAR(20),
    "estimate" JSONB NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "needs_review" INTEGER NOT NULL DEFAULT 0,
    "leads_created" INTEGER NOT NULL DEFAULT 0,
    "leads_rescored" INTEGER NOT NULL DEFAULT 0,
    "hot_leads" INTEGER NOT NULL DEFAULT 0,
    "error" VARCHAR(500),
    "discovery_attempts" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "canceled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scan_properties" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "scan_id" UUID NOT NULL,
    "lead_id" UUID,
    "normalized_address" VARCHAR(300) NOT NULL,
    "address_line1" VARCHAR(200) NOT NULL,
    "city" VARCHAR(100) NOT NULL,
    "state" CHAR(2) NOT NULL,
    "zip" VARCHAR(10) NOT NULL,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "source" VARCHAR(20) NOT NULL,
    "source_id" VARCHAR(200),
    "facts" JSONB NOT NULL DEFAULT '{}',
    "stage" "ScanStage" NOT NULL DEFAULT 'DISCOVERED',
    "status" "ScanPropertyStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" VARCHAR(500),
    "image_id" UUID,
    "assessment_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scan_properties_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roof_images" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "storage_key" VARCHAR(300) NOT NULL,
    "content_type" VARCHAR(50) NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "provider" VARCHAR(20) NOT NULL,
    "zoom" DOUBLE PRECISION,
    "metres_per_pixel" DOUBLE PRECISION,
    "captured_at" TIMESTAMPTZ(3),
    "sandbox" BOOLEAN NOT NULL DEFAULT false,
    "quality_ok" BOOLEAN NOT NULL,
    "quality_reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "quality_metrics" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roof_images_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roof_assessments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "image_id" UUID NOT NULL,
    "scan_property_id" UUID,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "outcome" VARCHAR(20) NOT NULL,
    "provider" VARCHAR(20) NOT NULL,
    "model" VARCHAR(100) NOT NULL,
    "prompt_version" VARCHAR(20) NOT NULL,
    "result" JSONB,
    "confidence" DOUBLE PRECISION,
    "sandbox" BOOLEAN NOT NULL DEFAULT false,
    "review_status" "RoofReviewStatus",
    "reviewed_by_id" UUID,
    "reviewed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roof_assessments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_scores" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "lead_id" UUID NOT NULL,
    "scan_id" UUID,
    "score" INTEGER,
    "band" "LeadBand",
    "version" VARCHAR(16) NOT NULL,
    "confidence" DOUBLE PRECISION,
    "breakdown" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_scores_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "scans_org_id_created_at_id_idx" ON "scans"("org_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "scans_org_id_status_created_at_idx" ON "scans"("org_id", "status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "scans_org_id_id_key" ON "scans"("org_id", "id");

-- CreateIndex
CREATE INDEX "scan_properties_scan_id_status_id_idx" ON "scan_properties"("scan_id", "status", "id");

-- CreateIndex
CREATE INDEX "scan_properties_org_id_lead_id_idx" ON "scan_properties"("org_id", "lead_id");

-- CreateIndex
CREATE UNIQUE INDEX "scan_properties_scan_id_normalized_address_key" ON "scan_properties"("scan_id", "normalized_address");

-- CreateIndex
CREATE INDEX "roof_images_org_id_created_at_idx" ON "roof_images"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "roof_assessments_org_id_review_status_created_at_idx" ON "roof_assessments"("org_id", "review_status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "roof_assessments_scan_property_id_attempt_key" ON "roof_assessments"("scan_property_id", "attempt");

-- CreateIndex
CREATE INDEX "lead_scores_lead_id_created_at_idx" ON "lead_scores"("lead_id", "created_at");

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_scan_id_fkey" FOREIGN KEY ("scan_id") REFERENCES "scans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_roof_image_id_fkey" FOREIGN KEY ("roof_image_id") REFERENCES "roof_images"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_roof_assessment_id_fkey" FOREIGN KEY ("roof_assessment_id") REFERENCES "roof_assessments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scans" ADD CONSTRAINT "scans_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scans" ADD CONSTRAINT "scans_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scan_properties" ADD CONSTRAINT "scan_properties_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scan_properties" ADD CONSTRAINT "scan_properties_scan_id_fkey" FOREIGN KEY ("scan_id") REFERENCES "scans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scan_properties" ADD CONSTRAINT "scan_properties_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scan_properties" ADD CONSTRAINT "scan_properties_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "roof_images"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scan_properties" ADD CONSTRAINT "scan_properties_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "roof_assessments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roof_images" ADD CONSTRAINT "roof_images_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roof_assessments" ADD CONSTRAINT "roof_assessments_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roof_assessments" ADD CONSTRAINT "roof_assessments_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "roof_images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roof_assessments" ADD CONSTRAINT "roof_assessments_scan_property_id_fkey" FOREIGN KEY ("scan_property_id") REFERENCES "scan_properties"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roof_assessments" ADD CONSTRAINT "roof_assessments_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_scores" ADD CONSTRAINT "lead_scores_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_scores" ADD CONSTRAINT "lead_scores_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_scores" ADD CONSTRAINT "lead_scores_scan_id_fkey" FOREIGN KEY ("scan_id") REFERENCES "scans"("id") ON DELETE SET NULL ON UPDATE CASCADE;




-- ---------------------------------------------------------------------------------------------
-- Rules Prisma cannot express: CHECK constraints, same-org references, forward-only scan states.
-- ---------------------------------------------------------------------------------------------

-- a reference to another tenant's row is refused, whoever writes it (the app checks too)
CREATE FUNCTION fm_assert_same_org(target regclass, target_id uuid, org uuid, what text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE found boolean;
BEGIN
  IF target_id IS NULL THEN RETURN; END IF;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE id = $1 AND org_id = $2)', target) INTO found USING target_id, org;
  IF NOT found THEN
    RAISE EXCEPTION '% must belong to the same organization', what USING ERRCODE = '23514', HINT = 'FM_SAME_ORG';
  END IF;
END $$;

CREATE FUNCTION fm_leads_scan_refs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.scan_id IS DISTINCT FROM OLD.scan_id THEN PERFORM fm_assert_same_org('scans', NEW.scan_id, NEW.org_id, 'the scan of a lead'); END IF;
  IF TG_OP = 'INSERT' OR NEW.roof_image_id IS DISTINCT FROM OLD.roof_image_id THEN PERFORM fm_assert_same_org('roof_images', NEW.roof_image_id, NEW.org_id, 'the roof image of a lead'); END IF;
  IF TG_OP = 'INSERT' OR NEW.roof_assessment_id IS DISTINCT FROM OLD.roof_assessment_id THEN PERFORM fm_assert_same_org('roof_assessments', NEW.roof_assessment_id, NEW.org_id, 'the roof assessment of a lead'); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER leads_scan_refs BEFORE INSERT OR UPDATE OF scan_id, roof_image_id, roof_assessment_id, org_id ON "leads"
  FOR EACH ROW EXECUTE FUNCTION fm_leads_scan_refs();

CREATE FUNCTION fm_scan_properties_refs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.scan_id IS DISTINCT FROM OLD.scan_id THEN PERFORM fm_assert_same_org('scans', NEW.scan_id, NEW.org_id, 'the scan of a property'); END IF;
  IF TG_OP = 'INSERT' OR NEW.lead_id IS DISTINCT FROM OLD.lead_id THEN PERFORM fm_assert_same_org('leads', NEW.lead_id, NEW.org_id, 'the lead of a scanned property'); END IF;
  IF TG_OP = 'INSERT' OR NEW.image_id IS DISTINCT FROM OLD.image_id THEN PERFORM fm_assert_same_org('roof_images', NEW.image_id, NEW.org_id, 'the image of a scanned property'); END IF;
  IF TG_OP = 'INSERT' OR NEW.assessment_id IS DISTINCT FROM OLD.assessment_id THEN PERFORM fm_assert_same_org('roof_assessments', NEW.assessment_id, NEW.org_id, 'the assessment of a scanned property'); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER scan_properties_refs BEFORE INSERT OR UPDATE ON "scan_properties" FOR EACH ROW EXECUTE FUNCTION fm_scan_properties_refs();

CREATE FUNCTION fm_roof_assessments_refs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.image_id IS DISTINCT FROM OLD.image_id THEN PERFORM fm_assert_same_org('roof_images', NEW.image_id, NEW.org_id, 'the image of an assessment'); END IF;
  IF TG_OP = 'INSERT' OR NEW.scan_property_id IS DISTINCT FROM OLD.scan_property_id THEN PERFORM fm_assert_same_org('scan_properties', NEW.scan_property_id, NEW.org_id, 'the property of an assessment'); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER roof_assessments_refs BEFORE INSERT OR UPDATE ON "roof_assessments" FOR EACH ROW EXECUTE FUNCTION fm_roof_assessments_refs();

CREATE FUNCTION fm_lead_scores_refs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fm_assert_same_org('leads', NEW.lead_id, NEW.org_id, 'the lead of a score');
  PERFORM fm_assert_same_org('scans', NEW.scan_id, NEW.org_id, 'the scan of a score');
  NEW.band := CASE WHEN NEW.score IS NULL THEN NULL WHEN NEW.score >= 80 THEN 'HOT'::"LeadBand"
                   WHEN NEW.score >= 60 THEN 'WARM'::"LeadBand" ELSE 'COLD'::"LeadBand" END;
  RETURN NEW;
END $$;
CREATE TRIGGER lead_scores_refs BEFORE INSERT OR UPDATE ON "lead_scores" FOR EACH ROW EXECUTE FUNCTION fm_lead_scores_refs();

-- scans: the area and cap rules of PRODUCT §5.1; counts add up; timestamps follow the state
ALTER TABLE "scans" ADD CONSTRAINT "scans_property_cap_chk" CHECK ("property_cap" BETWEEN 10 AND 1000);
ALTER TABLE "scans" ADD CONSTRAINT "scans_label_chk" CHECK (char_length(btrim("label")) BETWEEN 1 AND 200);
ALTER TABLE "scans" ADD CONSTRAINT "scans_center_chk" CHECK (
  ("center_lat" IS NULL) = ("center_lng" IS NULL)
  AND ("center_lat" IS NULL OR ("center_lat" BETWEEN -90 AND 90 AND "center_lng" BETWEEN -180 AND 180)));
-- 0.5–50 miles (804–80,468 m) for a drawn radius; ZIP and city areas are resolved to a circle too
ALTER TABLE "scans" ADD CONSTRAINT "scans_radius_chk" CHECK (
  "radius_meters" IS NULL OR "radius_meters" BETWEEN 800 AND 80500);
ALTER TABLE "scans" ADD CONSTRAINT "scans_area_chk" CHECK ("area_kind" = 'CSV' OR ("center_lat" IS NOT NULL AND "radius_meters" IS NOT NULL));
ALTER TABLE "scans" ADD CONSTRAINT "scans_source_chk" CHECK ("source" IS NULL OR "source" IN ('regrid', 'overpass', 'sandbox', 'csv'));
ALTER TABLE "scans" ADD CONSTRAINT "scans_counts_chk" CHECK (
  "total" BETWEEN 0 AND 1000 AND "discovery_attempts" BETWEEN 0 AND 10 AND "done" >= 0 AND "failed" >= 0 AND "needs_review" >= 0
  AND "done" + "failed" + "needs_review" <= "total"
  AND "leads_created" >= 0 AND "leads_rescored" >= 0 AND "hot_leads" >= 0 AND "leads_created" + "leads_rescored" <= "done");
ALTER TABLE "scans" ADD CONSTRAINT "scans_times_chk" CHECK (
  ("status" IN ('COMPLETED', 'FAILED', 'CANCELED')) = ("finished_at" IS NOT NULL)
  AND ("status" = 'CANCELED') = ("canceled_at" IS NOT NULL)
  AND ("status" = 'PENDING' OR "status" = 'CANCELED' OR "started_at" IS NOT NULL));

-- forward-only states: pending → running → completed | failed | canceled; a finished scan may run again only to
-- re-run its failed properties (completed/failed → running); canceled is final
CREATE FUNCTION fm_scans_status_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = OLD.status THEN RETURN NEW; END IF;
  IF (OLD.status = 'PENDING' AND NEW.status IN ('RUNNING', 'FAILED', 'CANCELED'))
     OR (OLD.status = 'RUNNING' AND NEW.status IN ('COMPLETED', 'FAILED', 'CANCELED'))
     OR (OLD.status IN ('COMPLETED', 'FAILED') AND NEW.status = 'RUNNING') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'scan status cannot go from % to %', OLD.status, NEW.status USING ERRCODE = '23514', HINT = 'FM_SCAN_STATUS';
END $$;
CREATE TRIGGER scans_status_forward BEFORE UPDATE OF status ON "scans" FOR EACH ROW EXECUTE FUNCTION fm_scans_status_forward();

ALTER TABLE "scan_properties" ADD CONSTRAINT "scan_properties_address_chk" CHECK (
  char_length(btrim("address_line1")) > 0 AND "normalized_address" = upper("normalized_address")
  AND "state" ~ '^[A-Z]{2}$' AND "zip" ~ '^[0-9]{5}(-[0-9]{4})?$');
ALTER TABLE "scan_properties" ADD CONSTRAINT "scan_properties_lat_lng_chk" CHECK (
  ("lat" IS NULL) = ("lng" IS NULL) AND ("lat" IS NULL OR ("lat" BETWEEN -90 AND 90 AND "lng" BETWEEN -180 AND 180)));
ALTER TABLE "scan_properties" ADD CONSTRAINT "scan_properties_source_chk" CHECK ("source" IN ('regrid', 'overpass', 'sandbox', 'csv'));
ALTER TABLE "scan_properties" ADD CONSTRAINT "scan_properties_attempts_chk" CHECK ("attempts" BETWEEN 0 AND 100);

ALTER TABLE "roof_images" ADD CONSTRAINT "roof_images_size_chk" CHECK ("width" > 0 AND "height" > 0 AND "bytes" > 0);
ALTER TABLE "roof_images" ADD CONSTRAINT "roof_images_sha256_chk" CHECK ("sha256" ~ '^[0-9a-f]{64}$');
ALTER TABLE "roof_images" ADD CONSTRAINT "roof_images_provider_chk" CHECK ("provider" IN ('mapbox', 'google', 'sandbox'));
ALTER TABLE "roof_images" ADD CONSTRAINT "roof_images_mpp_chk" CHECK ("metres_per_pixel" IS NULL OR "metres_per_pixel" > 0);

ALTER TABLE "roof_assessments" ADD CONSTRAINT "roof_assessments_outcome_chk" CHECK ("outcome" IN ('assessed', 'malformed', 'low_confidence'));
ALTER TABLE "roof_assessments" ADD CONSTRAINT "roof_assessments_attempt_chk" CHECK ("attempt" BETWEEN 1 AND 10);
ALTER TABLE "roof_assessments" ADD CONSTRAINT "roof_assessments_confidence_chk" CHECK ("confidence" IS NULL OR "confidence" BETWEEN 0 AND 1);
ALTER TABLE "roof_assessments" ADD CONSTRAINT "roof_assessments_review_chk" CHECK (
  ("review_status" IS NULL OR "review_status" = 'PENDING') = ("reviewed_at" IS NULL));

ALTER TABLE "lead_scores" ADD CONSTRAINT "lead_scores_score_chk" CHECK ("score" IS NULL OR "score" BETWEEN 0 AND 100);
ALTER TABLE "lead_scores" ADD CONSTRAINT "lead_scores_version_chk" CHECK (char_length(btrim("version")) BETWEEN 1 AND 16);
ALTER TABLE "lead_scores" ADD CONSTRAINT "lead_scores_confidence_chk" CHECK ("confidence" IS NULL OR "confidence" BETWEEN 0 AND 1);
