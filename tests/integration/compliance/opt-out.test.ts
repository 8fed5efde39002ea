// Opt-out: revokes at once, per channel or all; the decision reads committed state; history is append-only.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { decideSend } from '@/lib/compliance/decide-send'
import { grantConsent } from '@/lib/compliance/grant-consent'
import { recordOptOut } from '@/lib/compliance/record-opt-out'
import { zonedTimeToUtc } from '@/lib/compliance/zones'
import { CHI, DISCLOSURE_HASH, grantPewc, makeLead, orgWithAddress } from './helpers'

const TX_PHONE = '+12145550100'
const at = zonedTimeToUtc(2026, 6, 10, 12 * 60, CHI)

async function setup() {
  const org = await orgWithAddress()
  const lead = await makeLead(org.id)
  await grantPewc(org.id, lead.id, ['SMS', 'CALL', 'EMAIL'])
  return { orgId: org.id, leadId: lead.id }
}

describe('recordOptOut', () => {
  it('STOP by text revokes texts only; consent history keeps the grant and the revocation', async () => {
    const { orgId, leadId } = await setup()
    const sms = { orgId, leadId, channel: 'SMS' as const, purpose: 'MARKETING' as const, to: { phone: TX_PHONE }, at }
    expect(await decideSend(sms)).toEqual({ outcome: 'allow' })
    expect(await recordOptOut({ orgId, leadId, channel: 'SMS', how: 'keyword', evidence: { at, text: 'STOP', phone: TX_PHONE } })).toEqual({
      revoked: 2,
    })
    expect(await decideSend(sms)).toMatchObject({ outcome: 'deny', rule: 'opted_out' })
    expect(await decideSend({ ...sms, purpose: 'TRANSACTIONAL' })).toMatchObject({ outcome: 'deny', rule: 'opted_out' })
    expect(await decideSend({ ...sms, channel: 'CALL' })).toEqual({ outcome: 'allow' })
    const history = await db.contactConsent.findMany({
      where: { leadId, channel: 'SMS', purpose: 'MARKETING' },
      orderBy: { validFrom: 'asc' },
    })
    expect(history.map((h) => [h.status, h.validTo === null])).toEqual([
      ['GRANTED', false],
      ['REVOKED', true],
    ])
    expect(history[1]).toMatchObject({ source: 'opt_out', revokedHow: 'keyword', revokedText: 'STOP' })
    expect(await db.auditLog.count({ where: { orgId, action: 'compliance.opt_out', targetId: leadId } })).toBe(1)
    // a new written consent (START + the form again) opens a new grant
    await grantConsent({
      orgId,
      leadId,
      channel: 'SMS',
      purpose: 'MARKETING',
      evidence: { source: 'report_form', disclosureVersion: 'v2', disclosureTextHash: DISCLOSURE_HASH, at },
    })
    await grantConsent({ orgId, leadId, channel: 'SMS', purpose: 'TRANSACTIONAL', evidence: { source: 'manual', at } })
    expect(await decideSend(sms)).toEqual({ outcome: 'allow' })
  })

  it('"take me off your list" for ALL stops every channel and puts the number on the internal DNC list', async () => {
    const { orgId, leadId } = await setup()
    await recordOptOut({
      orgId,
      leadId,
      channel: 'ALL',
      how: 'reply_text',
      evidence: { at, text: 'take me off your list', phone: TX_PHONE },
    })
    for (const channel of ['SMS', 'CALL'] as const)
      expect(await decideSend({ orgId, leadId, channel, purpose: 'MARKETING', to: { phone: TX_PHONE }, at })).toMatchObject({
        outcome: 'deny',
        rule: 'opted_out',
      })
    expect(await decideSend({ orgId, leadId, channel: 'EMAIL', purpose: 'MARKETING', to: { email: 'h@example.test' }, at })).toMatchObject({
      rule: 'opted_out',
    })
    expect(await db.dncEntry.count({ where: { orgId, phone: 12145550100n } })).toBe(1)
  })

  it('an opt-out recorded while a send is decided: the decision reads committed state only', async () => {
    const { orgId, leadId } = await setup()
    const sms = { orgId, leadId, channel: 'SMS' as const, purpose: 'MARKETING' as const, to: { phone: TX_PHONE }, at }
    let during: unknown
    let inside: unknown
    await db.$transaction(async (tx) => {
      await recordOptOut({ orgId, leadId, channel: 'SMS', how: 'keyword', evidence: { at, text: 'Stop please' }, tx })
      during = await decideSend(sms) // another connection: the opt-out is not committed yet
      inside = await decideSend({ ...sms, tx }) // the same transaction sees it
    })
    expect(during).toEqual({ outcome: 'allow' })
    expect(inside).toMatchObject({ outcome: 'deny', rule: 'opted_out' })
    expect(await decideSend(sms)).toMatchObject({ outcome: 'deny', rule: 'opted_out' })
  })

  it('history is append-only; cross-org and bad input are refused', async () => {
    const { orgId, leadId } = await setup()
    const row = await db.contactConsent.findFirstOrThrow({ where: { leadId, validTo: null } })
    await expect(db.contactConsent.update({ where: { id: row.id }, data: { status: 'REVOKED', revokedHow: 'manual' } })).rejects.toThrow()
    await expect(db.contactConsent.delete({ where: { id: row.id } })).rejects.toThrow()
    const other = await orgWithAddress()
    await expect(recordOptOut({ orgId: other.id, leadId, channel: 'SMS', how: 'keyword', evidence: { at } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(recordOptOut({ orgId, leadId, channel: 'FAX' as never, how: 'keyword', evidence: { at } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    await expect(
      grantConsent({ orgId, leadId, channel: 'SMS', purpose: 'MARKETING', evidence: { source: 'manual', at, disclosureTextHash: 'xyz' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    // the lead's hard deletion still cascades through the history
    await db.lead.delete({ where: { id: leadId } })
    expect(await db.contactConsent.count({ where: { leadId } })).toBe(0)
  })
})
