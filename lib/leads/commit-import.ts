// Import step 2: store the file + mapping as a lead_imports row and queue the leads.import job.
// Progress is read with get-import.ts; the job (run-import.ts) writes in batches and can resume.
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { enqueue as enqueueJob, prepareQueues } from '@/lib/jobs/enqueue'
import { auditActorOf, userIdOf, type Actor } from '@/lib/auth/actor'
import { parseCsv, requireImportScope, type ImportMapping } from '@/lib/leads/import-mapping'

export const LEADS_IMPORT_QUEUE = 'leads.import'

export async function commitImport({
  actor,
  csvText,
  mapping,
  fileName,
  enqueue = true,
}: {
  actor: Actor
  csvText: string
  mapping: ImportMapping
  fileName: string
  enqueue?: boolean
}) {
  const orgId = requireImportScope(actor)
  const map = mapping
  const { headers, rows } = parseCsv(csvText)
  const missing = Object.values(map).filter((h) => !headers.includes(h!))
  if (missing.length) throw new AppError('VALIDATION_FAILED', `Columns not in the file: ${missing.join(', ')}`, { details: { missing } })
  if (enqueue) await prepareQueues([LEADS_IMPORT_QUEUE]) // outside the transaction: a cold pg-boss start can be slow
  const imp = await db.$transaction(async (tx) => {
    const row = await tx.leadImport.create({
      data: {
        orgId,
        createdById: userIdOf(actor),
        fileName: fileName.slice(0, 200) || 'import.csv',
        mapping: map,
        csvText,
        totalRows: rows.length,
      },
      select: { id: true, status: true, totalRows: true, createdAt: true },
    })
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'lead.import.start',
      targetType: 'lead_import',
      targetId: row.id,
      after: { fileName, totalRows: rows.length, mapping: map },
    })
    // the job commits with its row: a committed import always has its job, a rolled-back one never does
    if (enqueue) await enqueueJob({ queue: LEADS_IMPORT_QUEUE, data: { importId: row.id, orgId }, tx, options: { singletonKey: row.id } })
    return row
  })
  return imp
}
