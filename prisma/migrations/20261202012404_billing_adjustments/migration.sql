-- CreateEnum
CREATE TYPE "BillingAdjustmentKind" AS ENUM ('CREDIT', 'REFUND');

-- CreateEnum
CREATE TYPE "BillingAdjustmentStatus" AS ENUM ('PENDING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "billing_adjustments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "kind" "BillingAdjustmentKind" NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "reason" VARCHAR(32) NOT NULL,
    "note" VARCHAR(500) NOT NULL,
    "invoice_id" VARCHAR(64),
    "stripe_object_id" VARCHAR(255),
    "sandbox" BOOLEAN NOT NULL DEFAULT false,
    "status" "BillingAdjustmentStatus" NOT NULL DEFAULT 'PENDING',
    "error" VARCHAR(1000),
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "billing_adjustments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "billing_adjustments_org_id_created_at_idx" ON "billing_adjustments"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "billing_adjustments_invoice_id_idx" ON "billing_adjustments"("invoice_id");

-- CreateIndex
CREATE INDEX "billing_adjustments_created_at_idx" ON "billing_adjustments"("created_at");

-- AddForeignKey
ALTER TABLE "billing_adjustments" ADD CONSTRAINT "billing_adjustments_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_adjustments" ADD CONSTRAINT "billing_adjustments_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "billing_invoices"("id") ON DELETE NO ACTION ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------------
-- Rules Prisma cannot express.
-- ---------------------------------------------------------------------------------------------
-- integer cents, positive; a staff credit is at most $10,000 (lib/billing/staff-adjustment-schemas.ts)
ALTER TABLE "billing_adjustments" ADD CONSTRAINT "billing_adjustments_amount_chk" CHECK (
  "amount_cents" > 0 AND ("kind" <> 'CREDIT' OR "amount_cents" <= 1000000));
ALTER TABLE "billing_adjustments" ADD CONSTRAINT "billing_adjustments_reason_chk" CHECK (
  "reason" IN ('goodwill', 'service_issue', 'billing_error', 'other'));
ALTER TABLE "billing_adjustments" ADD CONSTRAINT "billing_adjustments_note_chk" CHECK (
  char_length(btrim("note")) BETWEEN 1 AND 500);
-- a refund names the invoice it refunds; a credit names none
ALTER TABLE "billing_adjustments" ADD CONSTRAINT "billing_adjustments_invoice_chk" CHECK (
  ("kind" = 'REFUND') = ("invoice_id" IS NOT NULL));
-- PENDING until Stripe answered: DONE carries Stripe's object, FAILED the error
ALTER TABLE "billing_adjustments" ADD CONSTRAINT "billing_adjustments_status_chk" CHECK (
  ("status" = 'PENDING') = ("completed_at" IS NULL)
  AND ("status" <> 'DONE' OR "stripe_object_id" IS NOT NULL)
  AND ("status" <> 'FAILED' OR "error" IS NOT NULL));

-- a refund stays inside the org of the invoice it refunds
CREATE FUNCTION fm_billing_adjustments_refs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.invoice_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM "billing_invoices" i WHERE i.id = NEW.invoice_id AND i.org_id = NEW.org_id) THEN
    RAISE EXCEPTION 'the invoice of a refund must belong to the same organization' USING ERRCODE = '23514', HINT = 'FM_SAME_ORG';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER billing_adjustments_refs BEFORE INSERT OR UPDATE OF invoice_id, org_id ON "billing_adjustments"
  FOR EACH ROW EXECUTE FUNCTION fm_billing_adjustments_refs();
