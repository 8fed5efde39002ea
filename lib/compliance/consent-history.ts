// Appends to the consent history of (lead, channel, purpose): closes the open row and inserts the new one, under a
// lock on the lead row so two writers never race for the one open row (partial unique index backs it up).
import 'server-only'
import type { Tx } from '@/lib/db'
import { AppError } from '@/lib/errors'
import type { Channel, Purpose } from './rules'

export async function lockLead(tx: Tx, orgId: string, leadId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM leads WHERE id = ${leadId}::uuid AND org_id = ${orgId}::uuid FOR NO KEY UPDATE`
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'Lead not found', { details: { reason: 'NOT_FOUND' } })
}

export interface ConsentRowInput {
  orgId: string
  leadId: string
  channel: Channel
  purpose: Purpose
  status: 'GRANTED' | 'REVOKED'
  /** sms_keyword: a START reply re-granting a prior SMS consent (lib/sms/handle-inbound-sms.ts) */
  source: 'report_form' | 'import' | 'manual' | 'api' | 'opt_out' | 'sms_keyword'
  recipient?: string | null
  disclosureVersion?: string | null
  disclosureTextHash?: string | null
  evidenceAt: Date
  ip?: string | null
  pageUrl?: string | null
  revokedHow?: 'keyword' | 'reply_text' | 'unsubscribe_click' | 'manual' | null
  revokedText?: string | null
}

/** Call after lockLead in the same transaction. Returns the new row's id. */
export async function appendConsent(tx: Tx, row: ConsentRowInput): Promise<string> {
  const now = new Date()
  await tx.contactConsent.updateMany({
    where: { leadId: row.leadId, channel: row.channel, purpose: row.purpose, validTo: null },
    data: { validTo: now },
  })
  const created = await tx.contactConsent.create({ data: { ...row, validFrom: now }, select: { id: true } })
  return created.id
}
