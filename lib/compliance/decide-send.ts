// THE function every channel calls right before the provider call: allow, deny(rule) or defer(until). Loads every
// fact in one SQL round trip (all reads are index probes: lead pk, consent partial unique, suppression unique,
// dnc_entries (org, phone), dnc_list_numbers pk (list_id, phone), outbox by org), then runs the pure evaluate()
// and records deny/defer. Reads committed state (READ COMMITTED) unless the caller passes its own transaction.
// A system entry point (the sequence engine, the SMS inbox, the dialer), scoped by orgId: a lead of another org
// is NOT_FOUND.
import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'
import { db, type Tx } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { stateOfPhone } from './area-codes'
import { evaluate, type Decision, type EvaluateInput } from './evaluate'
import { e164ToDigits } from './phone'
import { recipientZones } from './recipient-zone'
import { recordDecision } from './record-decision'
import { decideSendSchema, parseOrThrow, type DecideSendInput } from './schemas'

interface FactsRow {
  lead: { state: string; lat: number | null; lng: number | null; deleted: boolean } | null
  has_postal: boolean
  consent: { status: 'GRANTED' | 'REVOKED'; written: boolean; recipient: string | null } | null
  channel_revoked: boolean
  suppression: string | null
  internal_dnc: boolean
  dnc_lists: { kind: 'NATIONAL' | 'STATE'; state: string | null; sourceDate: string; hit: boolean }[]
  prior_sends: { channel: 'SMS' | 'CALL'; sentAt: string }[]
}

/** The longest cap window in the rule table (FL/MD/OK: 24 h). */
const CAP_LOOKBACK_MS = 24 * 3_600_000

export async function loadFacts(
  i: ReturnType<typeof decideSendSchema.parse>,
  tx?: Tx,
): Promise<{ facts: EvaluateInput; phoneState: string | null }> {
  const phone = i.channel === 'EMAIL' ? null : i.to.phone!
  const email = i.channel === 'EMAIL' ? i.to.email!.toLowerCase() : null
  const digits = phone ? e164ToDigits(phone) : null
  const phoneState = phone ? stateOfPhone(phone) : null
  const capFrom = new Date(i.at.getTime() - CAP_LOOKBACK_MS)
  const rows = await (tx ?? db).$queryRaw<FactsRow[]>(factsSql(i, { phone, email, digits, phoneState, capFrom }))
  const r = rows[0]!
  if (!r.lead) throw new AppError('NOT_FOUND', 'Lead not found', { details: { reason: 'NOT_FOUND' } })
  const facts: EvaluateInput = {
    channel: i.channel,
    purpose: i.purpose,
    at: i.at,
    recipient: phone ?? email!,
    leadErased: r.lead.deleted,
    suppression: r.suppression,
    consent: r.consent,
    channelRevoked: r.channel_revoked,
    internalDnc: r.internal_dnc,
    dncLists: r.dnc_lists.map((l) => ({ ...l, sourceDate: new Date(`${l.sourceDate.slice(0, 10)}T00:00:00Z`) })),
    orgHasPostalAddress: r.has_postal,
    states: [r.lead.state, phoneState],
    zones: recipientZones(r.lead),
    priorSends: r.prior_sends.map((s) => ({ channel: s.channel, sentAt: new Date(s.sentAt) })),
  }
  return { facts, phoneState }
}

/** The one round trip of facts (exported for the EXPLAIN test: every probe must stay an index probe). */
export function factsSql(
  i: { orgId: string; leadId: string; channel: string; purpose: string; at: Date },
  k: { phone: string | null; email: string | null; digits: bigint | null; phoneState: string | null; capFrom: Date },
): Prisma.Sql {
  const { phone, email, digits, phoneState, capFrom } = k
  const ch = Prisma.sql`${i.channel}::"ContactChannel"`
  return Prisma.sql`WITH lead AS (
      SELECT state, lat, lng, deleted_at IS NOT NULL AS deleted FROM leads WHERE id = ${i.leadId}::uuid AND org_id = ${i.orgId}::uuid
    )
    SELECT
      (SELECT row_to_json(lead) FROM lead) AS lead,
      (SELECT postal_address IS NOT NULL FROM organizations WHERE id = ${i.orgId}::uuid) AS has_postal,
      (SELECT json_build_object('status', status, 'recipient', recipient,
                                'written', disclosure_text_hash IS NOT NULL AND disclosure_version IS NOT NULL)
         FROM contact_consents
        WHERE lead_id = ${i.leadId}::uuid AND channel = ${ch} AND purpose = ${i.purpose}::"ContactPurpose" AND valid_to IS NULL) AS consent,
      EXISTS (SELECT 1 FROM contact_consents
               WHERE lead_id = ${i.leadId}::uuid AND channel = ${ch} AND valid_to IS NULL AND status = 'REVOKED') AS channel_revoked,
      (SELECT reason FROM email_suppressions WHERE email = ${email}::text) AS suppression,
      EXISTS (SELECT 1 FROM dnc_entries WHERE org_id = ${i.orgId}::uuid AND phone = ${digits}::bigint) AS internal_dnc,
      (SELECT coalesce(json_agg(json_build_object('kind', l.kind, 'state', l.state, 'sourceDate', l.source_date,
                'hit', EXISTS (SELECT 1 FROM dnc_list_numbers n WHERE n.list_id = l.id AND n.phone = ${digits}::bigint))), '[]'::json)
         FROM dnc_lists l
        WHERE ${digits}::bigint IS NOT NULL AND l.org_id = ${i.orgId}::uuid
          AND (l.kind = 'NATIONAL' OR l.state = (SELECT state FROM lead) OR l.state = ${phoneState}::text)) AS dnc_lists,
      (SELECT coalesce(json_agg(json_build_object('channel', o.channel, 'sentAt', o.sent_at)), '[]'::json)
         FROM outbox_messages o
        WHERE ${phone}::text IS NOT NULL AND o.org_id = ${i.orgId}::uuid AND o.channel IN ('SMS', 'CALL')
          AND o.status IN ('sent', 'delivered') AND o.sent_at > ${capFrom} AND o.sent_at <= ${i.at}
          AND o.payload->>'to' = ${phone}::text) AS prior_sends`
}

/**
 * Decide one send. deny/defer are recorded in compliance_decisions (in `tx` when given, so a caller's rollback
 * drops the record with the send it was about).
 */
export async function decideSend(input: DecideSendInput & { tx?: Tx }): Promise<Decision> {
  const { tx, ...rest } = input
  const i = parseOrThrow(decideSendSchema, rest)
  const { facts, phoneState } = await loadFacts(i, tx)
  const decision = evaluate(facts)
  if (decision.outcome !== 'allow') {
    await recordDecision({
      orgId: i.orgId,
      leadId: i.leadId,
      channel: i.channel,
      purpose: i.purpose,
      decision,
      tx,
      context: {
        at: i.at.toISOString(),
        zones: facts.zones,
        addressState: facts.states[0],
        phoneState,
        priorSends: facts.priorSends.length,
      },
    })
  }
  return decision
}
