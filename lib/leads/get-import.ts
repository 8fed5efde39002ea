// Import progress for the UI (poll) and the API: counts, status, first row errors.
import 'server-only'
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import { assertCan, type Actor } from '@/lib/auth/actor'
import { leadIdSchema } from '@/lib/leads/schemas'

const SELECT = {
  id: true,
  fileName: true,
  status: true,
  totalRows: true,
  processed: true,
  created: true,
  skipped: true,
  failed: true,
  errors: true,
  startedAt: true,
  finishedAt: true,
  createdAt: true,
  createdById: true,
} as const

export async function getImport({ actor, importId }: { actor: Actor; importId: string }) {
  const orgId = assertCan(actor, 'lead.write')
  if (!leadIdSchema.safeParse(importId).success) throw notFound('Import')
  const imp = await db.leadImport.findFirst({ where: { id: importId, orgId }, select: SELECT })
  if (!imp) throw notFound('Import')
  return { ...imp, percent: imp.totalRows ? Math.floor((imp.processed / imp.totalRows) * 100) : 100 }
}

export async function listImports({ actor, limit = 20 }: { actor: Actor; limit?: number }) {
  const orgId = assertCan(actor, 'lead.write')
  return db.leadImport.findMany({ where: { orgId }, orderBy: { createdAt: 'desc' }, take: Math.min(limit, 100), select: SELECT })
}
