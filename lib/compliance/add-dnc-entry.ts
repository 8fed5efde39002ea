// Adds a number to the org's internal do-not-call list (a homeowner said "don't call me" to a rep). Anyone who works
// leads may add (blocking is the safe direction); idempotent. Audited.
import 'server-only'
import { assertCan, auditActorOf, userIdOf, type Actor } from '@/lib/auth/actor'
import { writeAudit } from '@/lib/audit/write-audit'
import { db } from '@/lib/db'
import type { z } from 'zod'
import { addDncEntrySchema } from './dnc-schemas'
import { e164ToDigits } from './phone'
import { parseOrThrow } from './schemas'

export async function addDncEntry({ actor, ...input }: { actor: Actor } & z.input<typeof addDncEntrySchema>): Promise<{ added: boolean }> {
  const orgId = assertCan(actor, 'lead.write')
  const i = parseOrThrow(addDncEntrySchema, input)
  const phone = e164ToDigits(i.phone)
  return db.$transaction(async (tx) => {
    const n = await tx.$executeRaw`
      INSERT INTO dnc_entries (org_id, phone, reason, added_by) VALUES (${orgId}::uuid, ${phone}, ${i.reason ?? null}, ${userIdOf(actor)}::uuid)
      ON CONFLICT (org_id, phone) DO NOTHING`
    if (n > 0)
      await writeAudit(tx, {
        orgId,
        actor: auditActorOf(actor),
        action: 'compliance.dnc_entry.add',
        targetType: 'phone',
        targetId: i.phone,
        after: { reason: i.reason },
      })
    return { added: n > 0 }
  })
}
