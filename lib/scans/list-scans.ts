// The org's scans, newest first, with their progress counts (the scans page and GET /api/v1/scans).
import 'server-only'
import { db } from '@/lib/db'
import { assertCan, type Actor } from '@/lib/auth/actor'
import type { ListScansQuery } from '@/lib/scans/schemas'

export const SCAN_SUMMARY_SELECT = {
  id: true,
  status: true,
  areaKind: true,
  label: true,
  propertyCap: true,
  sandbox: true,
  source: true,
  total: true,
  done: true,
  failed: true,
  needsReview: true,
  leadsCreated: true,
  leadsRescored: true,
  hotLeads: true,
  error: true,
  startedAt: true,
  finishedAt: true,
  createdAt: true,
  createdBy: { select: { name: true } },
} as const

/** `query`: parsed by listScansSchema at the edge */
export async function listScans({ actor, query }: { actor: Actor; query: ListScansQuery }) {
  const orgId = assertCan(actor, 'scan.read')
  const rows = await db.scan.findMany({
    where: { orgId, ...(query.status ? { status: query.status } : {}), ...(query.before ? { createdAt: { lt: query.before } } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select: SCAN_SUMMARY_SELECT,
  })
  const items = rows.slice(0, query.limit).map((s) => ({ ...s, percent: scanPercent(s) }))
  return { items, nextBefore: rows.length > query.limit ? items[items.length - 1]!.createdAt : null }
}

export type ScanSummary = Awaited<ReturnType<typeof listScans>>['items'][number]

/** Finished properties (done, failed, waiting for review) over the total, 0–100: the one progress figure. */
export function scanPercent(s: { status: string; total: number; done: number; failed: number; needsReview: number }): number {
  if (!s.total) return s.status === 'COMPLETED' ? 100 : 0
  return Math.min(100, Math.floor(((s.done + s.failed + s.needsReview) / s.total) * 100))
}
