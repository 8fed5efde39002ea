-- AlterTable
ALTER TABLE "spend_reservations" ADD COLUMN     "free" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sandbox" BOOLEAN NOT NULL DEFAULT false;


-- ---------------------------------------------------------------------------------------------
-- Rules Prisma cannot express.
-- ---------------------------------------------------------------------------------------------
-- sandbox data never takes from the trial allowance; only quality leads have a free allowance
ALTER TABLE "spend_reservations" ADD CONSTRAINT "spend_reservations_flags_chk" CHECK (
  NOT ("sandbox" AND "free") AND (NOT "free" OR "kind" = 'QUALITY_LEAD'));
