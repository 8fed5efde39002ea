-- AlterEnum
ALTER TYPE "ScanAreaKind" ADD VALUE 'POLYGON';


-- ---------------------------------------------------------------------------------------------
-- Rules Prisma cannot express. (A new enum value cannot be used as a literal in the transaction that adds
-- it, so these compare the kind as text.)
-- ---------------------------------------------------------------------------------------------
-- a polygon keeps its bounding circle in centre/radius: any size up to 50 miles; the other kinds 0.5–50 miles
ALTER TABLE "scans" DROP CONSTRAINT "scans_radius_chk";
ALTER TABLE "scans" ADD CONSTRAINT "scans_radius_chk" CHECK (
  "radius_meters" IS NULL
  OR ("area_kind"::text = 'POLYGON' AND "radius_meters" BETWEEN 1 AND 80500)
  OR "radius_meters" BETWEEN 800 AND 80500);
-- a polygon area stores 3–200 vertices
ALTER TABLE "scans" ADD CONSTRAINT "scans_polygon_chk" CHECK (
  "area_kind"::text <> 'POLYGON'
  OR (jsonb_typeof("area"->'vertices') = 'array' AND jsonb_array_length("area"->'vertices') BETWEEN 3 AND 200));
