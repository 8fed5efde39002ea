// Import step 2: store the file + mapping as a lead_imports row and queue the leads.import job.
// Progress is read with get-import.ts; the job (run-import.ts) writes in batches and can resume.
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { getBoss } from '@/lib/jobs/boss'
import { auditActor, type LeadActor } from '@/lib/leads/lead-actor'
import { importMappingSchema, parseCsv, requireImportScope, type ImportMapping } from '@/lib/leads/import-mapping'

export const LEADS_IMPORT_QUEUE = 'leads.import'

export async function commitImport({ actor, csvText, mapping, fileName, enqueue = true }: {
  actor: LeadActor; csvText: string; mapping: ImportMapping; fileName: string; enqueue?: boolean
}) {
  requireImportScope(actor)
  const map = importMappingSchema.parse(mapping)
  const { headers, rows } = parseCsv(csvText)
  const missing = Object.values(map).filter((h) => !headers.includes(h!))
  if (missing.length) throw new AppError('VALIDATION_FAILED', `Columns not in the file: ${missing.join(', ')}`, { details: { missing } })
  const imp = await db.$transaction(async (tx) => {
    const row = await tx.leadImport.create({
      data: { orgId: actor.orgId, createdById: actor.userId, fileName: fileName.slice(0, 200) || 'import.csv', mapping: map, csvText, totalRows: rows.length },
      select: { id: true, status: true, totalRows: true, createdAt: true },
    })
    await writeAudit(tx, { orgId: actor.orgId, actor: auditActor(actor), action: 'lead.import.start', targetType: 'lead_import', targetId: row.id, after: { fileName, totalRows: rows.length, mapping: map } })
    return row
  })
  if (enqueue) {
    const boss = await getBoss()
    await boss.createQueue(LEADS_IMPORT_QUEUE)
    await boss.send(LEADS_IMPORT_QUEUE, { importId: imp.id, orgId: actor.orgId }, { retryLimit: 3, retryDelay: 10, retryBackoff: true, singletonKey: imp.id })
  }
  return imp
}
