// Records a consent with its evidence (the report form's checkbox, an import, a manual entry, the API). A system
// entry point scoped by orgId (the public report form has no member); audited.
import 'server-only'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { appendConsent, lockLead } from './consent-history'
import { grantConsentSchema, parseOrThrow } from './schemas'
import type { z } from 'zod'

export async function grantConsent(input: z.input<typeof grantConsentSchema>): Promise<{ id: string }> {
  const i = parseOrThrow(grantConsentSchema, input)
  const e = i.evidence
  return db.$transaction(async (tx) => {
    await lockLead(tx, i.orgId, i.leadId)
    const id = await appendConsent(tx, {
      orgId: i.orgId,
      leadId: i.leadId,
      channel: i.channel,
      purpose: i.purpose,
      status: 'GRANTED',
      source: e.source,
      recipient: e.recipient ?? null,
      disclosureVersion: e.disclosureVersion ?? null,
      disclosureTextHash: e.disclosureTextHash ?? null,
      evidenceAt: e.at,
      ip: e.ip ?? null,
      pageUrl: e.pageUrl ?? null,
    })
    await writeAudit(tx, {
      orgId: i.orgId,
      actor: { type: 'SYSTEM' },
      action: 'compliance.consent.grant',
      targetType: 'lead',
      targetId: i.leadId,
      after: { consentId: id, channel: i.channel, purpose: i.purpose, source: e.source, disclosureVersion: e.disclosureVersion },
    })
    return { id }
  })
}
