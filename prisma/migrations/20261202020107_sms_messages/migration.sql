-- CreateEnum
CREATE TYPE "SmsDirection" AS ENUM ('INBOUND', 'OUTBOUND');

-- CreateTable
CREATE TABLE "sms_messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID,
    "lead_id" UUID,
    "direction" "SmsDirection" NOT NULL,
    "from_number" VARCHAR(16) NOT NULL,
    "to_number" VARCHAR(16) NOT NULL,
    "body" TEXT NOT NULL,
    "provider_message_id" VARCHAR(128),
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "classified_as" VARCHAR(8),
    "outcome" VARCHAR(40),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sms_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sms_messages_provider_message_id_key" ON "sms_messages"("provider_message_id");

-- CreateIndex
CREATE INDEX "sms_messages_org_id_received_at_idx" ON "sms_messages"("org_id", "received_at");

-- CreateIndex
CREATE INDEX "sms_messages_lead_id_received_at_idx" ON "sms_messages"("lead_id", "received_at");

-- AddForeignKey
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Rules Prisma cannot express (lib/sms/handle-inbound-sms.ts).
-- ---------------------------------------------------------------------------------------------
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_numbers_chk" CHECK (
  "from_number" ~ '^\+[1-9][0-9]{6,14}$' AND "to_number" ~ '^\+[1-9][0-9]{6,14}$');
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_classified_chk" CHECK (
  "classified_as" IS NULL OR "classified_as" IN ('STOP', 'HELP', 'START'));
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_lead_org_chk" CHECK ("lead_id" IS NULL OR "org_id" IS NOT NULL);
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_body_len_chk" CHECK (char_length("body") <= 10000);

-- the lead of a message is in the same organization
CREATE FUNCTION fm_sms_messages_same_org_lead() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.lead_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "leads" l WHERE l.id = NEW.lead_id AND l.org_id = NEW.org_id) THEN
    RAISE EXCEPTION 'the lead must belong to the same organization' USING ERRCODE = '23514', HINT = 'FM_SAME_ORG';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER sms_messages_same_org BEFORE INSERT OR UPDATE OF lead_id, org_id ON "sms_messages"
  FOR EACH ROW EXECUTE FUNCTION fm_sms_messages_same_org_lead();

-- a START reply re-grants a prior SMS consent: its own evidence source
ALTER TABLE "contact_consents" DROP CONSTRAINT "contact_consents_source_chk";
ALTER TABLE "contact_consents" ADD CONSTRAINT "contact_consents_source_chk" CHECK (
  "source" IN ('report_form', 'import', 'manual', 'api', 'opt_out', 'sms_keyword'));

-- inbound texts find the lead by the sender's phone (contacts.phones @> ARRAY[phone]) ...
CREATE INDEX "contacts_phones_gin_idx" ON "contacts" USING GIN ("phones");
-- ... and the organization by the numbers of its earlier texts (no phone-number table yet)
CREATE INDEX "outbox_messages_sms_from_idx" ON "outbox_messages" ((payload->>'from'), "created_at") WHERE "channel" = 'SMS';
CREATE INDEX "outbox_messages_sms_to_idx" ON "outbox_messages" ((payload->>'to'), "created_at") WHERE "channel" = 'SMS';
