-- CreateEnum
CREATE TYPE "OutboxChannel" AS ENUM ('EMAIL', 'SMS', 'CALL', 'MAIL', 'METER');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('queued', 'sending', 'sent', 'delivered', 'failed');

-- CreateEnum
CREATE TYPE "WebhookProvider" AS ENUM ('STRIPE', 'TELNYX', 'SENDGRID', 'LOB');

-- CreateEnum
CREATE TYPE "WebhookEventStatus" AS ENUM ('received', 'processing', 'processed', 'failed');

-- CreateTable
CREATE TABLE "outbox_messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID,
    "channel" "OutboxChannel" NOT NULL,
    "dedupe_key" VARCHAR(200) NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "provider" VARCHAR(32),
    "provider_message_id" VARCHAR(128),
    "sandbox" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "provider" "WebhookProvider" NOT NULL,
    "event_id" VARCHAR(255) NOT NULL,
    "type" VARCHAR(100) NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "WebhookEventStatus" NOT NULL DEFAULT 'received',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "stripe_customer_id" VARCHAR(64) NOT NULL,
    "stripe_subscription_id" VARCHAR(64),
    "status" VARCHAR(32),
    "price_id" VARCHAR(64),
    "current_period_end" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "billing_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "email_suppressions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" VARCHAR(254) NOT NULL,
    "reason" VARCHAR(32) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_suppressions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mail_tracking_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "provider_object_id" VARCHAR(64) NOT NULL,
    "event_type" VARCHAR(64) NOT NULL,
    "webhook_event_id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mail_tracking_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_dedupe_key_key" ON "outbox_messages"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbox_messages_status_next_attempt_at_idx" ON "outbox_messages"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_messages_provider_provider_message_id_idx" ON "outbox_messages"("provider", "provider_message_id");

-- CreateIndex
CREATE INDEX "outbox_messages_org_id_created_at_idx" ON "outbox_messages"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "webhook_events_status_received_at_idx" ON "webhook_events"("status", "received_at");

-- CreateIndex
CREATE INDEX "webhook_events_provider_received_at_idx" ON "webhook_events"("provider", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_events_provider_event_id_key" ON "webhook_events"("provider", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "billing_accounts_org_id_key" ON "billing_accounts"("org_id");

-- CreateIndex
CREATE UNIQUE INDEX "billing_accounts_stripe_customer_id_key" ON "billing_accounts"("stripe_customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "email_suppressions_email_key" ON "email_suppressions"("email");

-- CreateIndex
CREATE UNIQUE INDEX "mail_tracking_events_webhook_event_id_key" ON "mail_tracking_events"("webhook_event_id");

-- CreateIndex
CREATE INDEX "mail_tracking_events_provider_object_id_occurred_at_idx" ON "mail_tracking_events"("provider_object_id", "occurred_at");


-- ---------------------------------------------------------------------------------------------
-- Rules Prisma cannot express: CHECK constraints and triggers.
-- ---------------------------------------------------------------------------------------------

ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_attempts_chk" CHECK ("attempts" BETWEEN 0 AND 100);
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_dedupe_key_chk" CHECK (char_length("dedupe_key") BETWEEN 1 AND 200);
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_lease_chk" CHECK ("status" <> 'sending' OR "lease_until" IS NOT NULL);
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_attempts_chk" CHECK ("attempts" >= 0);
ALTER TABLE "email_suppressions" ADD CONSTRAINT "email_suppressions_email_lower_chk" CHECK ("email" = lower("email"));

-- outbox status moves forward only: queued → sending → sent → delivered | failed. The one step back is
-- sending → queued (an attempt released before anything reached the provider). A dead-lettered row goes
-- back to queued only when staff retry it (that transaction sets fm.outbox_manual_retry = 'on').
CREATE FUNCTION fm_outbox_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = OLD.status THEN
    RETURN NEW;
  END IF;
  IF (OLD.status = 'queued' AND NEW.status IN ('sending', 'failed'))
     OR (OLD.status = 'sending' AND NEW.status IN ('queued', 'sent', 'delivered', 'failed'))
     OR (OLD.status = 'sent' AND NEW.status IN ('delivered', 'failed'))
     OR (OLD.status = 'failed' AND NEW.status = 'queued' AND current_setting('fm.outbox_manual_retry', true) = 'on') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'outbox status cannot move from % to %', OLD.status, NEW.status
    USING ERRCODE = 'P0001', HINT = 'FM_OUTBOX_FORWARD_ONLY';
END $$;
CREATE TRIGGER outbox_messages_forward_only BEFORE UPDATE OF status ON "outbox_messages"
  FOR EACH ROW EXECUTE FUNCTION fm_outbox_forward_only();

-- webhook events: processed is final (a replay re-runs a processed event by resetting through the app,
-- which sets fm.webhook_replay = 'on'); failed may be retried.
CREATE FUNCTION fm_webhook_events_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = OLD.status OR OLD.status <> 'processed'
     OR current_setting('fm.webhook_replay', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'webhook event already processed' USING ERRCODE = 'P0001', HINT = 'FM_WEBHOOK_PROCESSED';
END $$;
CREATE TRIGGER webhook_events_forward_only BEFORE UPDATE OF status ON "webhook_events"
  FOR EACH ROW EXECUTE FUNCTION fm_webhook_events_forward_only();
