-- CreateEnum
CREATE TYPE "BillingState" AS ENUM ('TRIALING', 'TRIAL_ENDED', 'ACTIVE', 'PAST_DUE', 'READ_ONLY', 'CANCELED');

-- CreateEnum
CREATE TYPE "UsageKind" AS ENUM ('QUALITY_LEAD', 'AI_CALL', 'SMS_SEGMENT', 'ENRICHMENT', 'POSTCARD_4X6', 'POSTCARD_6X9', 'LETTER');

-- CreateEnum
CREATE TYPE "SpendReservationStatus" AS ENUM ('RESERVED', 'COMMITTED', 'RELEASED');

-- CreateEnum
CREATE TYPE "LeadDisputeReason" AS ENUM ('WRONG_ADDRESS', 'NO_ROOF_VISIBLE', 'COMMERCIAL_PROPERTY', 'DUPLICATE');

-- CreateEnum
CREATE TYPE "LeadDisputeStatus" AS ENUM ('OPEN', 'CREDITED', 'REJECTED');

-- AlterTable
ALTER TABLE "billing_accounts" ADD COLUMN     "cancel_at_period_end" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "canceled_at" TIMESTAMPTZ(3),
ADD COLUMN     "data_retained_until" TIMESTAMPTZ(3),
ADD COLUMN     "dispute_frozen_at" TIMESTAMPTZ(3),
ADD COLUMN     "dunning_day" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "first_paid_at" TIMESTAMPTZ(3),
ADD COLUMN     "past_due_since" TIMESTAMPTZ(3),
ADD COLUMN     "pending_plan" "OrgPlan",
ADD COLUMN     "period_end" TIMESTAMPTZ(3) NOT NULL DEFAULT (now() + '1 mon'::interval),
ADD COLUMN     "period_start" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "sandbox" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "spend_cap_cents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "state" "BillingState" NOT NULL DEFAULT 'TRIALING',
ADD COLUMN     "state_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "trial_ends_at" TIMESTAMPTZ(3),
ALTER COLUMN "stripe_customer_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "trial_claims" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trial_claims_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "spend_counters" (
    "org_id" UUID NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "period_end" TIMESTAMPTZ(3) NOT NULL,
    "used_cents" INTEGER NOT NULL DEFAULT 0,
    "reserved_cents" INTEGER NOT NULL DEFAULT 0,
    "free_quality_leads_used" INTEGER NOT NULL DEFAULT 0,
    "warned_percent" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spend_counters_pkey" PRIMARY KEY ("org_id","period_start")
);

-- CreateTable
CREATE TABLE "spend_reservations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "kind" "UsageKind" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_cents" INTEGER NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "identifier" VARCHAR(100) NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "status" "SpendReservationStatus" NOT NULL DEFAULT 'RESERVED',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settled_at" TIMESTAMPTZ(3),

    CONSTRAINT "spend_reservations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "kind" "UsageKind" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_cents" INTEGER NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "identifier" VARCHAR(100) NOT NULL,
    "lead_id" UUID,
    "normalized_address" VARCHAR(300),
    "sandbox" BOOLEAN NOT NULL DEFAULT false,
    "free" BOOLEAN NOT NULL DEFAULT false,
    "billable" BOOLEAN NOT NULL,
    "credit_of_id" UUID,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_disputes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "usage_event_id" UUID NOT NULL,
    "lead_id" UUID,
    "reason" "LeadDisputeReason" NOT NULL,
    "note" VARCHAR(1000),
    "status" "LeadDisputeStatus" NOT NULL DEFAULT 'OPEN',
    "credit_cents" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" UUID,
    "decided_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "lead_disputes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_disputes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "stripe_dispute_id" VARCHAR(64) NOT NULL,
    "charge_id" VARCHAR(64),
    "amount_cents" INTEGER NOT NULL,
    "reason" VARCHAR(64),
    "status" VARCHAR(32) NOT NULL,
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "payment_disputes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_invoices" (
    "id" VARCHAR(64) NOT NULL,
    "org_id" UUID NOT NULL,
    "number" VARCHAR(64),
    "status" VARCHAR(32) NOT NULL,
    "amount_due_cents" INTEGER NOT NULL,
    "amount_paid_cents" INTEGER NOT NULL,
    "tax_cents" INTEGER NOT NULL DEFAULT 0,
    "currency" VARCHAR(3) NOT NULL DEFAULT 'usd',
    "hosted_invoice_url" VARCHAR(1000),
    "invoice_pdf_url" VARCHAR(1000),
    "period_start" TIMESTAMPTZ(3),
    "period_end" TIMESTAMPTZ(3),
    "attempt_count" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "paid_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "billing_invoices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_alerts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID,
    "kind" VARCHAR(64) NOT NULL,
    "severity" VARCHAR(16) NOT NULL DEFAULT 'warning',
    "title" VARCHAR(200) NOT NULL,
    "body" VARCHAR(4000) NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "dedupe_key" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by_id" UUID,

    CONSTRAINT "staff_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_reconciliations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ran_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "orgs" INTEGER NOT NULL,
    "ledger_rows" INTEGER NOT NULL,
    "mismatches" INTEGER NOT NULL,
    "details" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "billing_reconciliations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "trial_claims_org_id_key" ON "trial_claims"("org_id");

-- CreateIndex
CREATE UNIQUE INDEX "trial_claims_email_key" ON "trial_claims"("email");

-- CreateIndex
CREATE INDEX "spend_reservations_status_created_at_idx" ON "spend_reservations"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "spend_reservations_org_id_identifier_key" ON "spend_reservations"("org_id", "identifier");

-- CreateIndex
CREATE UNIQUE INDEX "usage_events_identifier_key" ON "usage_events"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "usage_events_credit_of_id_key" ON "usage_events"("credit_of_id");

-- CreateIndex
CREATE INDEX "usage_events_org_id_period_start_kind_idx" ON "usage_events"("org_id", "period_start", "kind");

-- CreateIndex
CREATE INDEX "usage_events_org_id_created_at_idx" ON "usage_events"("org_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "lead_disputes_usage_event_id_key" ON "lead_disputes"("usage_event_id");

-- CreateIndex
CREATE INDEX "lead_disputes_org_id_status_created_at_idx" ON "lead_disputes"("org_id", "status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "payment_disputes_stripe_dispute_id_key" ON "payment_disputes"("stripe_dispute_id");

-- CreateIndex
CREATE INDEX "payment_disputes_org_id_created_at_idx" ON "payment_disputes"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "billing_invoices_org_id_created_at_idx" ON "billing_invoices"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "billing_invoices_status_created_at_idx" ON "billing_invoices"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "staff_alerts_dedupe_key_key" ON "staff_alerts"("dedupe_key");

-- CreateIndex
CREATE INDEX "staff_alerts_resolved_at_created_at_idx" ON "staff_alerts"("resolved_at", "created_at");

-- CreateIndex
CREATE INDEX "billing_reconciliations_ran_at_idx" ON "billing_reconciliations"("ran_at");

-- CreateIndex
CREATE UNIQUE INDEX "billing_accounts_stripe_subscription_id_key" ON "billing_accounts"("stripe_subscription_id");

-- CreateIndex
CREATE INDEX "billing_accounts_state_past_due_since_idx" ON "billing_accounts"("state", "past_due_since");

-- AddForeignKey
ALTER TABLE "trial_claims" ADD CONSTRAINT "trial_claims_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spend_counters" ADD CONSTRAINT "spend_counters_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spend_reservations" ADD CONSTRAINT "spend_reservations_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_credit_of_id_fkey" FOREIGN KEY ("credit_of_id") REFERENCES "usage_events"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_disputes" ADD CONSTRAINT "lead_disputes_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_disputes" ADD CONSTRAINT "lead_disputes_usage_event_id_fkey" FOREIGN KEY ("usage_event_id") REFERENCES "usage_events"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_disputes" ADD CONSTRAINT "payment_disputes_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_invoices" ADD CONSTRAINT "billing_invoices_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_alerts" ADD CONSTRAINT "staff_alerts_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------------
-- Rules Prisma cannot express.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_cap_chk" CHECK ("spend_cap_cents" BETWEEN 0 AND 100000000);
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_dunning_chk" CHECK ("dunning_day" IN (0, 3, 7, 14));
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_period_chk" CHECK ("period_end" > "period_start");
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_past_due_chk" CHECK (
  "state" NOT IN ('PAST_DUE', 'READ_ONLY') OR "past_due_since" IS NOT NULL);
ALTER TABLE "trial_claims" ADD CONSTRAINT "trial_claims_email_chk" CHECK ("email" = lower("email") AND "email" LIKE '%_@_%');

ALTER TABLE "spend_counters" ADD CONSTRAINT "spend_counters_amounts_chk" CHECK (
  "used_cents" >= 0 AND "reserved_cents" >= 0 AND "reserved_cents" <= "used_cents"
  AND "free_quality_leads_used" >= 0 AND "warned_percent" IN (0, 80, 90, 100) AND "period_end" > "period_start");

ALTER TABLE "spend_reservations" ADD CONSTRAINT "spend_reservations_amount_chk" CHECK (
  "quantity" > 0 AND "unit_cents" >= 0 AND "amount_cents" = "quantity" * "unit_cents"
  AND char_length("identifier") > 0 AND ("status" = 'RESERVED') = ("settled_at" IS NULL));

-- a charge is quantity × unit; a credit is the negative of the row it credits (and never billable itself)
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_amount_chk" CHECK (
  "quantity" > 0 AND "unit_cents" >= 0 AND char_length("identifier") > 0
  AND (("credit_of_id" IS NULL AND "amount_cents" = "quantity" * "unit_cents")
    OR ("credit_of_id" IS NOT NULL AND "amount_cents" = -("quantity" * "unit_cents") AND NOT "billable")));
-- what goes to Stripe is never sandbox, never free
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_billable_chk" CHECK (
  NOT "billable" OR (NOT "sandbox" AND NOT "free" AND "amount_cents" > 0));
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_quality_lead_chk" CHECK (
  "kind" <> 'QUALITY_LEAD' OR "credit_of_id" IS NOT NULL OR ("lead_id" IS NOT NULL AND "normalized_address" IS NOT NULL));
-- a quality lead is billed once per normalized address per org (live data only; sandbox rows are shown, not billed)
CREATE UNIQUE INDEX "usage_events_quality_lead_once" ON "usage_events" ("org_id", "normalized_address")
  WHERE "kind" = 'QUALITY_LEAD' AND "credit_of_id" IS NULL AND NOT "sandbox";

-- the ledger is append-only
CREATE FUNCTION fm_usage_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- deleting the whole organization (ON DELETE CASCADE: its row is already gone) takes its ledger with it
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM "organizations" o WHERE o.id = OLD.org_id) THEN RETURN OLD; END IF;
  RAISE EXCEPTION 'the usage ledger is append-only (credit a row with a new row instead)' USING ERRCODE = '23514', HINT = 'FM_APPEND_ONLY';
END $$;
CREATE TRIGGER usage_events_append_only BEFORE UPDATE OR DELETE ON "usage_events"
  FOR EACH ROW EXECUTE FUNCTION fm_usage_events_append_only();

-- a credit and a lead dispute stay inside the org of the row they are about
CREATE FUNCTION fm_usage_events_refs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fm_assert_same_org('usage_events', NEW.credit_of_id, NEW.org_id, 'the row a credit credits');
  RETURN NEW;
END $$;
CREATE TRIGGER usage_events_refs BEFORE INSERT ON "usage_events" FOR EACH ROW EXECUTE FUNCTION fm_usage_events_refs();
CREATE FUNCTION fm_lead_disputes_refs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fm_assert_same_org('usage_events', NEW.usage_event_id, NEW.org_id, 'the fee a lead dispute is about');
  RETURN NEW;
END $$;
CREATE TRIGGER lead_disputes_refs BEFORE INSERT OR UPDATE OF usage_event_id, org_id ON "lead_disputes"
  FOR EACH ROW EXECUTE FUNCTION fm_lead_disputes_refs();
ALTER TABLE "lead_disputes" ADD CONSTRAINT "lead_disputes_decided_chk" CHECK (
  ("status" = 'OPEN') = ("decided_at" IS NULL) AND "credit_cents" >= 0 AND ("status" = 'CREDITED' OR "credit_cents" = 0));

-- every organization has a billing account from its first moment: a trial (14 days, no card) unless made on a paid
-- plan (the operator CLI, the seed); lib/billing changes it from there
CREATE FUNCTION fm_organizations_billing_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "billing_accounts" ("org_id", "state", "trial_ends_at", "period_start", "period_end", "spend_cap_cents", "updated_at")
  VALUES (NEW.id,
          CASE WHEN NEW.plan = 'TRIAL' THEN 'TRIALING'::"BillingState" ELSE 'ACTIVE'::"BillingState" END,
          CASE WHEN NEW.plan = 'TRIAL' THEN NEW.created_at + interval '14 days' END,
          NEW.created_at,
          NEW.created_at + CASE WHEN NEW.plan = 'TRIAL' THEN interval '14 days' ELSE interval '1 month' END,
          CASE NEW.plan WHEN 'PROFESSIONAL' THEN 50000 WHEN 'ENTERPRISE' THEN 200000 ELSE 0 END,
          now())
  ON CONFLICT ("org_id") DO NOTHING;
  RETURN NEW;
END $$;
CREATE TRIGGER organizations_billing_account AFTER INSERT ON "organizations" FOR EACH ROW EXECUTE FUNCTION fm_organizations_billing_account();

-- every organization has a billing account: backfill the ones made before billing existed
INSERT INTO "billing_accounts" ("org_id", "state", "trial_ends_at", "period_start", "period_end", "spend_cap_cents", "updated_at")
SELECT o.id,
       CASE WHEN o.plan = 'TRIAL' THEN 'TRIALING'::"BillingState" ELSE 'ACTIVE'::"BillingState" END,
       CASE WHEN o.plan = 'TRIAL' THEN o.created_at + interval '14 days' END,
       CASE WHEN o.plan = 'TRIAL' THEN o.created_at ELSE date_trunc('month', now()) END,
       CASE WHEN o.plan = 'TRIAL' THEN o.created_at + interval '14 days' ELSE date_trunc('month', now()) + interval '1 month' END,
       CASE o.plan WHEN 'PROFESSIONAL' THEN 50000 WHEN 'ENTERPRISE' THEN 200000 ELSE 0 END,
       now()
FROM "organizations" o
WHERE NOT EXISTS (SELECT 1 FROM "billing_accounts" b WHERE b.org_id = o.id);
