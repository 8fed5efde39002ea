-- CreateTable
CREATE TABLE "plan_quota_usage" (
    "org_id" UUID NOT NULL,
    "quota" VARCHAR(40) NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_quota_usage_pkey" PRIMARY KEY ("org_id","quota","period_start")
);

-- AddForeignKey
ALTER TABLE "plan_quota_usage" ADD CONSTRAINT "plan_quota_usage_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Rules Prisma cannot express.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE "plan_quota_usage" ADD CONSTRAINT "plan_quota_usage_chk" CHECK ("used" >= 0 AND "quota" ~ '^[a-z][a-z_]*$');
