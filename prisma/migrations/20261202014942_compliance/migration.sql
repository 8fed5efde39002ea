-- CreateEnum
CREATE TYPE "ContactChannel" AS ENUM ('EMAIL', 'SMS', 'CALL');

-- CreateEnum
CREATE TYPE "ContactPurpose" AS ENUM ('MARKETING', 'TRANSACTIONAL');

-- CreateEnum
CREATE TYPE "ConsentStatus" AS ENUM ('GRANTED', 'REVOKED');

-- CreateEnum
CREATE TYPE "DncListKind" AS ENUM ('NATIONAL', 'STATE');

-- CreateEnum
CREATE TYPE "ComplianceOutcome" AS ENUM ('deny', 'defer');

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "postal_address" VARCHAR(300);

-- CreateTable
CREATE TABLE "contact_consents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "lead_id" UUID NOT NULL,
    "channel" "ContactChannel" NOT NULL,
    "purpose" "ContactPurpose" NOT NULL,
    "status" "ConsentStatus" NOT NULL,
    "source" VARCHAR(16) NOT NULL,
    "recipient" VARCHAR(254),
    "disclosure_version" VARCHAR(64),
    "disclosure_text_hash" CHAR(64),
    "evidence_at" TIMESTAMPTZ(3) NOT NULL,
    "ip" VARCHAR(64),
    "page_url" VARCHAR(2000),
    "revoked_how" VARCHAR(20),
    "revoked_text" VARCHAR(1600),
    "valid_from" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "valid_to" TIMESTAMPTZ(3),

    CONSTRAINT "contact_consents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dnc_entries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "phone" BIGINT NOT NULL,
    "reason" VARCHAR(200),
    "added_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dnc_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dnc_lists" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "kind" "DncListKind" NOT NULL,
    "state" CHAR(2),
    "file_name" VARCHAR(255) NOT NULL,
    "row_count" INTEGER NOT NULL,
    "source_date" DATE NOT NULL,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "imported_by" UUID,

    CONSTRAINT "dnc_lists_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dnc_list_numbers" (
    "list_id" UUID NOT NULL,
    "phone" BIGINT NOT NULL,

    CONSTRAINT "dnc_list_numbers_pkey" PRIMARY KEY ("list_id","phone")
);

-- CreateTable
CREATE TABLE "compliance_decisions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "lead_id" UUID NOT NULL,
    "channel" "ContactChannel" NOT NULL,
    "purpose" "ContactPurpose" NOT NULL,
    "outcome" "ComplianceOutcome" NOT NULL,
    "rule" VARCHAR(40) NOT NULL,
    "jurisdiction" VARCHAR(8),
    "explanation" VARCHAR(500) NOT NULL,
    "defer_until" TIMESTAMPTZ(3),
    "context" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "compliance_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "contact_consents_org_id_lead_id_valid_from_idx" ON "contact_consents"("org_id", "lead_id", "valid_from");

-- CreateIndex
CREATE UNIQUE INDEX "dnc_entries_org_id_phone_key" ON "dnc_entries"("org_id", "phone");

-- CreateIndex
CREATE INDEX "dnc_lists_org_id_kind_idx" ON "dnc_lists"("org_id", "kind");

-- CreateIndex
CREATE INDEX "compliance_decisions_org_id_lead_id_created_at_idx" ON "compliance_decisions"("org_id", "lead_id", "created_at");

-- CreateIndex
CREATE INDEX "compliance_decisions_org_id_rule_created_at_idx" ON "compliance_decisions"("org_id", "rule", "created_at");

-- AddForeignKey
ALTER TABLE "contact_consents" ADD CONSTRAINT "contact_consents_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_consents" ADD CONSTRAINT "contact_consents_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dnc_entries" ADD CONSTRAINT "dnc_entries_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dnc_lists" ADD CONSTRAINT "dnc_lists_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dnc_list_numbers" ADD CONSTRAINT "dnc_list_numbers_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "dnc_lists"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "compliance_decisions" ADD CONSTRAINT "compliance_decisions_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "compliance_decisions" ADD CONSTRAINT "compliance_decisions_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------------
-- Rules Prisma cannot express.
-- ---------------------------------------------------------------------------------------------
-- the current consent of (lead, channel, purpose) is one indexed probe: at most one open row
CREATE UNIQUE INDEX "contact_consents_current_key" ON "contact_consents"("lead_id", "channel", "purpose") WHERE "valid_to" IS NULL;
ALTER TABLE "contact_consents" ADD CONSTRAINT "contact_consents_source_chk" CHECK (
  "source" IN ('report_form', 'import', 'manual', 'api', 'opt_out'));
-- a revocation says how it came; a grant carries no revocation fields
ALTER TABLE "contact_consents" ADD CONSTRAINT "contact_consents_revoked_chk" CHECK (
  ("status" = 'REVOKED') = ("revoked_how" IS NOT NULL)
  AND ("revoked_how" IS NULL OR "revoked_how" IN ('keyword', 'reply_text', 'unsubscribe_click', 'manual')));
ALTER TABLE "contact_consents" ADD CONSTRAINT "contact_consents_hash_chk" CHECK (
  "disclosure_text_hash" IS NULL OR "disclosure_text_hash" ~ '^[0-9a-f]{64}$');
ALTER TABLE "contact_consents" ADD CONSTRAINT "contact_consents_validity_chk" CHECK (
  "valid_to" IS NULL OR "valid_to" >= "valid_from");

-- history is append-only: a row may only be closed (valid_to set once), never changed or deleted directly; the
-- FK cascade of a lead's or org's hard deletion runs inside the RI trigger (pg_trigger_depth() > 1) and is allowed
CREATE FUNCTION fm_contact_consents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF pg_trigger_depth() <= 1 THEN
      RAISE EXCEPTION 'consent history is append-only' USING ERRCODE = '23514', HINT = 'FM_APPEND_ONLY';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.valid_to IS NOT NULL OR NEW.valid_to IS NULL
     OR (to_jsonb(NEW) - 'valid_to') <> (to_jsonb(OLD) - 'valid_to') THEN
    RAISE EXCEPTION 'consent history is append-only (only valid_to may be set, once)' USING ERRCODE = '23514', HINT = 'FM_APPEND_ONLY';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER contact_consents_append_only BEFORE UPDATE OR DELETE ON "contact_consents"
  FOR EACH ROW EXECUTE FUNCTION fm_contact_consents_append_only();

-- the lead of a consent or a decision is in the same organization
CREATE FUNCTION fm_compliance_same_org_lead() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "leads" l WHERE l.id = NEW.lead_id AND l.org_id = NEW.org_id) THEN
    RAISE EXCEPTION 'the lead must belong to the same organization' USING ERRCODE = '23514', HINT = 'FM_SAME_ORG';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER contact_consents_same_org BEFORE INSERT ON "contact_consents"
  FOR EACH ROW EXECUTE FUNCTION fm_compliance_same_org_lead();
CREATE TRIGGER compliance_decisions_same_org BEFORE INSERT ON "compliance_decisions"
  FOR EACH ROW EXECUTE FUNCTION fm_compliance_same_org_lead();

-- phones are E.164 digits (country code first, 8..15 digits)
ALTER TABLE "dnc_entries" ADD CONSTRAINT "dnc_entries_phone_chk" CHECK ("phone" BETWEEN 10000000 AND 999999999999999);
ALTER TABLE "dnc_list_numbers" ADD CONSTRAINT "dnc_list_numbers_phone_chk" CHECK ("phone" BETWEEN 10000000 AND 999999999999999);
ALTER TABLE "dnc_lists" ADD CONSTRAINT "dnc_lists_state_chk" CHECK (
  ("kind" = 'STATE') = ("state" IS NOT NULL) AND ("state" IS NULL OR "state" ~ '^[A-Z]{2}$'));
ALTER TABLE "dnc_lists" ADD CONSTRAINT "dnc_lists_row_count_chk" CHECK ("row_count" >= 0);
-- one current list per (org, kind, state): an import replaces the previous one in the same transaction
CREATE UNIQUE INDEX "dnc_lists_current_key" ON "dnc_lists"("org_id", "kind", COALESCE("state", '--'));

ALTER TABLE "compliance_decisions" ADD CONSTRAINT "compliance_decisions_defer_chk" CHECK (
  ("outcome" = 'defer') = ("defer_until" IS NOT NULL));
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_postal_address_chk" CHECK (
  "postal_address" IS NULL OR char_length(btrim("postal_address")) BETWEEN 10 AND 300);
