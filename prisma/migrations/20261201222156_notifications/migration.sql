-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "lead_id" UUID,
    "title" VARCHAR(200) NOT NULL,
    "body" VARCHAR(1000) NOT NULL,
    "url" VARCHAR(500) NOT NULL,
    "dedupe_key" VARCHAR(200) NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "notifications_dedupe_key_key" ON "notifications"("dedupe_key");

-- CreateIndex
CREATE INDEX "notifications_user_id_org_id_read_at_created_at_idx" ON "notifications"("user_id", "org_id", "read_at", "created_at");

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;




-- ---------------------------------------------------------------------------------------------
-- Rules Prisma cannot express.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_text_chk" CHECK (
  char_length(btrim("title")) > 0 AND char_length(btrim("body")) > 0 AND "kind" ~ '^[a-z][a-z_]*(\.[a-z_]+)*$' AND "url" LIKE '/%');

-- a notification goes to a member of the org, about that org's lead
CREATE FUNCTION fm_notifications_refs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "memberships" m WHERE m.user_id = NEW.user_id AND m.org_id = NEW.org_id) THEN
    RAISE EXCEPTION 'a notification goes to a member of the organization' USING ERRCODE = '23514', HINT = 'FM_SAME_ORG';
  END IF;
  PERFORM fm_assert_same_org('leads', NEW.lead_id, NEW.org_id, 'the lead of a notification');
  RETURN NEW;
END $$;
CREATE TRIGGER notifications_refs BEFORE INSERT ON "notifications" FOR EACH ROW EXECUTE FUNCTION fm_notifications_refs();
