// Import progress for the UI (poll) and the API: counts, status, first row errors.
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import { requireScope, type LeadActor } from '@/lib/leads/lead-actor'
import { leadIdSchema } from '@/lib/leads/schemas'

const SELECT = {
  id: true, fileName: true, status: true, totalRows: true, processed: true, created: true, skipped: true, failed: true,
  errors: true, startedAt: true, finishedAt: true, createdAt: true, createdById: true,
} as const

export async function getImport({ actor, importId }: { actor: LeadActor; importId: string }) {
  requireScope(actor, 'lead.write')
  if (!leadIdSchema.safeParse(importId).success) throw notFound('Import')
  const imp = await db.leadImport.findFirst({ where: { id: importId, orgId: actor.orgId }, select: SELECT })
  if (!imp) throw notFound('Import')
  return { ...imp, percent: imp.totalRows ? Math.floor((imp.processed / imp.totalRows) * 100) : 100 }
}

export async function listImports({ actor, limit = 20 }: { actor: LeadActor; limit?: number }) {
  requireScope(actor, 'lead.write')
  return db.leadImport.findMany({ where: { orgId: actor.orgId }, orderBy: { createdAt: 'desc' }, take: Math.min(limit, 100), select: SELECT })
}
