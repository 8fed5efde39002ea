// Map view: the same filtered, scoped set as the list (lib/leads/lead-filter-sql.ts), as light points, best
// scores first, in ONE query capped at `cap` (+1 row to know it was capped), plus a bounded count of matching
// leads that have no coordinates yet.
import 'server-only'
import { db } from '@/lib/db'
import { leadFilterSql } from '@/lib/leads/lead-filter-sql'
import type { Actor } from '@/lib/auth/actor'
import type { LeadFilter } from '@/lib/leads/schemas'
import type { LeadBand, LeadStatus } from '@/lib/generated/prisma/enums'

export const MAP_POINT_CAP = 2000
const WITHOUT_COORDS_COUNT_CAP = 10_000

export interface MapPointRow {
  id: string
  lat: number
  lng: number
  address: string
  score: number | null
  band: LeadBand | null
  status: LeadStatus
}

export interface MapPoints {
  points: MapPointRow[]
  /** more matching leads with coordinates than `cap` */
  capped: boolean
  /** matching leads without coordinates (counted up to 10,000) */
  withoutCoords: number
}

/** `filter`: parsed by leadFilterSchema at the edge; the right (lead.read) is asserted by leadFilterSql. */
export async function listMapPoints({
  actor,
  filter,
  cap = MAP_POINT_CAP,
}: {
  actor: Actor
  filter: LeadFilter
  cap?: number
}): Promise<MapPoints> {
  const where = leadFilterSql(actor, filter)
  const limit = Math.max(1, Math.min(cap, MAP_POINT_CAP))
  const rows = await db.$queryRaw<MapPointRow[]>`
    SELECT l.id, l.lat, l.lng, l.address_line1 || ', ' || l.city AS address, l.score, l.band::text AS band, l.status::text AS status
      FROM leads l
     WHERE ${where} AND l.lat IS NOT NULL AND l.lng IS NOT NULL
     ORDER BY coalesce(l.score, -1) DESC, l.id DESC
     LIMIT ${limit + 1}`
  const [{ n }] = await db.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM leads l WHERE ${where} AND (l.lat IS NULL OR l.lng IS NULL) LIMIT ${WITHOUT_COORDS_COUNT_CAP}) x`
  return { points: rows.slice(0, limit), capped: rows.length > limit, withoutCoords: n ?? 0 }
}
