// Imports a national or state do-not-call file: refused when the file is more than 31 days old (16 CFR
// 310.4(b)(3)(iv)); replaces the org's previous list of the same kind/state in one transaction. Numbers are stored
// as BIGINT under the (list_id, phone) primary key, so a lookup is one index probe at any size.
import 'server-only'
import { assertCan, auditActorOf, userIdOf, type Actor } from '@/lib/auth/actor'
import { writeAudit } from '@/lib/audit/write-audit'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import type { z } from 'zod'
import { importDncListSchema } from './dnc-schemas'
import { DNC_MAX_AGE_DAYS, listAgeDays } from './evaluate'
import { parseUsPhone } from './phone'
import { parseOrThrow } from './schemas'

const CHUNK = 50_000

export async function importDncList({
  actor,
  now = new Date(),
  ...input
}: { actor: Actor; now?: Date } & z.input<typeof importDncListSchema>): Promise<{ listId: string; rowCount: number; rejected: number }> {
  const orgId = assertCan(actor, 'org.settings.update')
  const i = parseOrThrow(importDncListSchema, input)
  const sourceDate = new Date(`${i.sourceDate}T00:00:00Z`)
  const age = listAgeDays(sourceDate, now)
  if (age > DNC_MAX_AGE_DAYS)
    throw new AppError(
      'VALIDATION_FAILED',
      `The file is ${age} days old; do-not-call files older than ${DNC_MAX_AGE_DAYS} days are refused`,
      {
        details: { reason: 'EXPIRED', ageDays: age },
      },
    )
  if (age < -1) throw new AppError('VALIDATION_FAILED', 'The file date is in the future', { details: { reason: 'INVALID' } })

  const digits: string[] = []
  let rejected = 0
  for (const raw of i.phones) {
    const d = parseUsPhone(raw)
    if (d === null) rejected++
    else digits.push(d.toString())
  }
  return db.$transaction(
    async (tx) => {
      const state = i.kind === 'STATE' ? i.state! : null
      await tx.dncList.deleteMany({ where: { orgId, kind: i.kind, state } })
      const list = await tx.dncList.create({
        data: { orgId, kind: i.kind, state, fileName: i.fileName, rowCount: 0, sourceDate, importedBy: userIdOf(actor) },
        select: { id: true },
      })
      let rowCount = 0
      for (let k = 0; k < digits.length; k += CHUNK) {
        rowCount += await tx.$executeRaw`
          INSERT INTO dnc_list_numbers (list_id, phone)
          SELECT ${list.id}::uuid, unnest(${digits.slice(k, k + CHUNK)}::text[])::bigint
          ON CONFLICT DO NOTHING`
      }
      await tx.dncList.update({ where: { id: list.id }, data: { rowCount } })
      await writeAudit(tx, {
        orgId,
        actor: auditActorOf(actor),
        action: 'compliance.dnc_list.import',
        targetType: 'dnc_list',
        targetId: list.id,
        after: { kind: i.kind, state, fileName: i.fileName, sourceDate: i.sourceDate, rowCount, rejected },
      })
      return { listId: list.id, rowCount, rejected }
    },
    { timeout: 600_000 },
  )
}
