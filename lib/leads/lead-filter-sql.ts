// The WHERE clause shared by list, bulk-by-filter and export: org + live + the actor's row scope + filters.
// Band and score filters are written on coalesce(score, -1) so they ride the score keyset indexes.
import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'
import type { Permission } from '@/lib/auth/permissions'
import { membershipIdOf, orgIdOf, requireScope, type Actor } from '@/lib/auth/actor'
import { NO_MEMBER } from '@/lib/leads/lead-scope'
import { normalizeStreet } from '@/lib/leads/normalize-address'
import { phoneSearchDigits } from '@/lib/leads/phone'
import type { LeadFilter } from '@/lib/leads/schemas'

const SCORE = Prisma.sql`coalesce(l.score, -1)`
const BAND_RANGE = { HOT: [80, 100], WARM: [60, 79], COLD: [0, 59] } as const

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Asserts `permission` for the actor (FORBIDDEN without it) and returns the WHERE clause for its leads. */
export function leadFilterSql(actor: Actor, filter: LeadFilter, permission: Permission = 'lead.read'): Prisma.Sql {
  const scope = requireScope(actor, permission)
  const me = membershipIdOf(actor) ?? NO_MEMBER
  const parts: Prisma.Sql[] = [Prisma.sql`l.org_id = ${orgIdOf(actor)}::uuid`, Prisma.sql`l.deleted_at IS NULL`]
  if (scope === 'assigned') parts.push(Prisma.sql`l.assignee_id = ${me}::uuid`)

  if (filter.q) {
    const digits = phoneSearchDigits(filter.q)
    const terms = new Set<string>()
    if (digits) terms.add(digits)
    else {
      terms.add(filter.q.toLowerCase().replace(/\s+/g, ' '))
      terms.add(normalizeStreet(filter.q).street.toLowerCase())
    }
    const ors = [...terms].filter(Boolean).map((t) => Prisma.sql`l.search_text LIKE ${`%${likeEscape(t)}%`}`)
    if (ors.length) parts.push(Prisma.sql`(${Prisma.join(ors, ' OR ')})`)
  }
  if (filter.band?.length) {
    const ors = filter.band.map((b) => Prisma.sql`${SCORE} BETWEEN ${BAND_RANGE[b][0]} AND ${BAND_RANGE[b][1]}`)
    parts.push(Prisma.sql`(${Prisma.join(ors, ' OR ')})`)
  }
  if (filter.scoreMin !== undefined) parts.push(Prisma.sql`${SCORE} >= ${filter.scoreMin}`)
  if (filter.scoreMax !== undefined) parts.push(Prisma.sql`${SCORE} BETWEEN 0 AND ${filter.scoreMax}`)
  if (filter.status?.length) parts.push(Prisma.sql`l.status = ANY(${filter.status}::"LeadStatus"[])`)
  if (filter.source?.length) parts.push(Prisma.sql`l.source = ANY(${filter.source}::"LeadSource"[])`)
  if (filter.tags?.length) parts.push(Prisma.sql`l.tags @> ${filter.tags}::text[]`)
  if (filter.assignee === 'unassigned') parts.push(Prisma.sql`l.assignee_id IS NULL`)
  else if (filter.assignee === 'me') parts.push(Prisma.sql`l.assignee_id = ${me}::uuid`)
  else if (filter.assignee) parts.push(Prisma.sql`l.assignee_id = ${filter.assignee}::uuid`)
  if (filter.scanId) parts.push(Prisma.sql`l.scan_id = ${filter.scanId}::uuid`)
  if (filter.createdFrom) parts.push(Prisma.sql`l.created_at >= ${filter.createdFrom}`)
  if (filter.createdTo) parts.push(Prisma.sql`l.created_at < ${filter.createdTo}`)
  return Prisma.join(parts, ' AND ')
}
