// Lead list: search + filters + sort + keyset pagination in ONE query (a second, EXPLAIN-based estimate only
// when a total is asked for and the first page is full). The sort expressions match the partial indexes
// in migration 20261123100000_leads, so deep pages cost the same as the first.
import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'
import { db, sqlRows } from '@/lib/db'
import { decodeCursor, encodeCursor } from '@/lib/leads/cursor'
import { leadFilterSql } from '@/lib/leads/lead-filter-sql'
import type { Actor } from '@/lib/auth/actor'
import type { ListLeadsQuery } from '@/lib/leads/schemas'
import type { LeadBand, LeadSource, LeadStatus, RoofMaterial } from '@/lib/generated/prisma/enums'

export interface LeadListItem {
  id: string
  normalizedAddress: string
  addressLine1: string
  addressLine2: string | null
  city: string
  state: string
  zip: string
  lat: number | null
  lng: number | null
  ownerName: string | null
  yearBuilt: number | null
  propertyValueCents: number | null
  roofMaterial: RoofMaterial | null
  roofAgeYears: number | null
  score: number | null
  band: LeadBand | null
  status: LeadStatus
  lostReason: string | null
  tags: string[]
  source: LeadSource
  scanId: string | null
  assignee: { membershipId: string; name: string } | null
  createdAt: Date
  updatedAt: Date
}

export interface LeadPage {
  items: LeadListItem[]
  nextCursor: string | null
  /** exact when `totalIsEstimate` is false */
  total?: number
  totalIsEstimate?: boolean
}

const SORT_SQL = {
  score: Prisma.sql`coalesce(l.score, -1)`,
  created: Prisma.sql`l.created_at`,
  updated: Prisma.sql`l.updated_at`,
  address: Prisma.sql`l.normalized_address`,
} as const

type Row = Omit<LeadListItem, 'assignee'> & { assigneeName: string | null; assigneeId: string | null; sortValue: number | Date | string }

/** `query`: parsed by listLeadsSchema at the edge; lead.read is asserted by leadFilterSql. */
export async function listLeads({ actor, query: p }: { actor: Actor; query: ListLeadsQuery }): Promise<LeadPage> {
  const key = SORT_SQL[p.sort]
  const where = [leadFilterSql(actor, p)]
  if (p.cursor) {
    const c = decodeCursor(p.cursor, { sort: p.sort, dir: p.dir })
    // typed parameters: an untyped JS number binds as numeric, and (numeric, uuid) row comparison cannot use the index
    const v =
      p.sort === 'created' || p.sort === 'updated'
        ? Prisma.sql`${String(c.v)}::timestamptz`
        : p.sort === 'score'
          ? Prisma.sql`${Number(c.v)}::int`
          : Prisma.sql`${String(c.v)}::text`
    where.push(p.dir === 'desc' ? Prisma.sql`(${key}, l.id) < (${v}, ${c.i}::uuid)` : Prisma.sql`(${key}, l.id) > (${v}, ${c.i}::uuid)`)
  }
  const dir = p.dir === 'desc' ? Prisma.sql`DESC` : Prisma.sql`ASC`
  // sqlRows: pg's own row parsing (this is the hottest read in the product; see lib/db.ts)
  const rows = await sqlRows<Row>(Prisma.sql`
    SELECT l.id, l.normalized_address AS "normalizedAddress", l.address_line1 AS "addressLine1", l.address_line2 AS "addressLine2",
           l.city, l.state, l.zip, l.lat, l.lng, l.owner_name AS "ownerName", l.year_built AS "yearBuilt",
           l.property_value_cents AS "propertyValueCents", l.roof_material::text AS "roofMaterial", l.roof_age_years AS "roofAgeYears",
           l.score, l.band::text AS band, l.status::text AS status, l.lost_reason AS "lostReason", l.tags, l.source::text AS source,
           l.scan_id AS "scanId", l.assignee_id AS "assigneeId", u.name AS "assigneeName",
           l.created_at AS "createdAt", l.updated_at AS "updatedAt", ${key} AS "sortValue"
      FROM leads l
      LEFT JOIN memberships m ON m.id = l.assignee_id
      LEFT JOIN users u ON u.id = m.user_id
     WHERE ${Prisma.join(where, ' AND ')}
     ORDER BY ${key} ${dir}, l.id ${dir}
     LIMIT ${p.limit + 1}`)
  const hasMore = rows.length > p.limit
  const page = hasMore ? rows.slice(0, p.limit) : rows
  const last = page[page.length - 1]
  const nextCursor =
    hasMore && last
      ? encodeCursor({
          s: p.sort,
          d: p.dir,
          v: last.sortValue instanceof Date ? last.sortValue.toISOString() : (last.sortValue as number | string),
          i: last.id,
        })
      : null
  const items = page.map(({ assigneeName, assigneeId, sortValue: _s, ...r }) => ({
    ...r,
    assignee: assigneeId ? { membershipId: assigneeId, name: assigneeName ?? '' } : null,
  }))
  const result: LeadPage = { items, nextCursor }
  if (p.withTotal) {
    if (!p.cursor && !hasMore) Object.assign(result, { total: items.length, totalIsEstimate: false })
    else Object.assign(result, { total: await estimateCount(Prisma.join([leadFilterSql(actor, p)])), totalIsEstimate: true })
  }
  return result
}

/** The planner's row estimate: O(1) however many leads match (an exact count(*) over 100k rows is not cheap). */
async function estimateCount(where: Prisma.Sql): Promise<number> {
  const plan = await db.$queryRaw<Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM leads l WHERE ${where}`
  return Math.round(plan[0]?.['QUERY PLAN']?.[0]?.Plan['Plan Rows'] ?? 0)
}
