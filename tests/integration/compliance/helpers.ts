// Compliance test helpers: real rows in the real database.
import { createHash, randomUUID } from 'node:crypto'
import { db } from '@/lib/db'
import { grantConsent } from '@/lib/compliance/grant-consent'
import { createOrg } from '@/tests/factories'

export const CHI = 'America/Chicago'
export const NY = 'America/New_York'
export const DISCLOSURE = 'By checking this box I agree that Test Roofing Co may text and call me with automated technology ...'
export const DISCLOSURE_HASH = createHash('sha256').update(DISCLOSURE).digest('hex')

export async function orgWithAddress(postal: string | null = '100 Main St, Austin, TX 78701') {
  const org = await createOrg()
  if (postal) await db.organization.update({ where: { id: org.id }, data: { postalAddress: postal } })
  return org
}

export async function makeLead(
  orgId: string,
  over: { state?: string; lat?: number | null; lng?: number | null } = {},
): Promise<{ id: string }> {
  const n = randomUUID().slice(0, 8)
  return db.lead.create({
    data: {
      orgId,
      normalizedAddress: `${n} ELM ST DALLAS TX 75201`.toUpperCase(),
      addressLine1: `${n} Elm St`,
      city: 'Dallas',
      state: over.state ?? 'TX',
      zip: '75201',
      lat: over.lat === undefined ? 32.78 : over.lat,
      lng: over.lng === undefined ? -96.8 : over.lng,
    },
    select: { id: true },
  })
}

/** PEWC for marketing texts and calls, with the report form's evidence. */
export async function grantPewc(orgId: string, leadId: string, channels: ('SMS' | 'CALL' | 'EMAIL')[] = ['SMS', 'CALL']) {
  for (const channel of channels)
    for (const purpose of ['MARKETING', 'TRANSACTIONAL'] as const)
      await grantConsent({
        orgId,
        leadId,
        channel,
        purpose,
        evidence: {
          source: 'report_form',
          disclosureVersion: 'report-form-v1',
          disclosureTextHash: DISCLOSURE_HASH,
          at: new Date('2026-01-05T15:00:00Z'),
          ip: '203.0.113.9',
          pageUrl: 'https://app.fishmouth.test/r/abc',
        },
      })
}

let seq = 0
export async function recordSent(orgId: string, channel: 'SMS' | 'CALL', to: string, sentAt: Date) {
  seq++
  await db.outboxMessage.create({
    data: {
      orgId,
      channel,
      dedupeKey: `test-${randomUUID()}-${seq}`,
      payload: channel === 'SMS' ? { from: '+15125550000', to, text: 'hi' } : { from: '+15125550000', to },
      status: 'sent',
      sentAt,
    },
  })
}
