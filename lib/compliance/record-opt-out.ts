// Revokes consent at once (we do not use the 10 business days FCC 24-24 allows): one REVOKED row per purpose of the
// channel, or of every channel for 'ALL'. A call/all opt-out from a known number also joins the internal DNC list.
// Audited. A system entry point (inbound SMS, unsubscribe page, call transcript), scoped by orgId.
import 'server-only'
import { db, type Tx } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { appendConsent, lockLead } from './consent-history'
import { e164ToDigits } from './phone'
import { CHANNELS, PURPOSES, optOutSchema, parseOrThrow } from './schemas'
import type { z } from 'zod'

export async function recordOptOut(input: z.input<typeof optOutSchema> & { tx?: Tx }): Promise<{ revoked: number }> {
  const { tx: outer, ...rest } = input
  const i = parseOrThrow(optOutSchema, rest)
  const channels = i.channel === 'ALL' ? CHANNELS : [i.channel]
  const run = async (tx: Tx) => {
    await lockLead(tx, i.orgId, i.leadId)
    let revoked = 0
    for (const channel of channels)
      for (const purpose of PURPOSES) {
        await appendConsent(tx, {
          orgId: i.orgId,
          leadId: i.leadId,
          channel,
          purpose,
          status: 'REVOKED',
          source: 'opt_out',
          recipient: i.evidence.phone ?? null,
          evidenceAt: i.evidence.at,
          ip: i.evidence.ip ?? null,
          revokedHow: i.how,
          revokedText: i.evidence.text ?? null,
        })
        revoked++
      }
    if (i.evidence.phone && (i.channel === 'CALL' || i.channel === 'ALL')) {
      await tx.$executeRaw`
        INSERT INTO dnc_entries (org_id, phone, reason) VALUES (${i.orgId}::uuid, ${e164ToDigits(i.evidence.phone)}, 'opt-out')
        ON CONFLICT (org_id, phone) DO NOTHING`
    }
    await writeAudit(tx, {
      orgId: i.orgId,
      actor: { type: 'SYSTEM' },
      action: 'compliance.opt_out',
      targetType: 'lead',
      targetId: i.leadId,
      after: { channel: i.channel, how: i.how, text: i.evidence.text },
    })
    return { revoked }
  }
  return outer ? run(outer) : db.$transaction(run)
}
