// One inbound text (Telnyx message.received): store it, then — before anything else looks at it — honour
// STOP / HELP / START. A system entry point (the webhook processor), idempotent per provider message id: the row,
// the consent change and the one reply commit together, so a redelivered or replayed webhook inserts nothing and
// sends nothing (and the reply's outbox dedupe key `sms-<kind>-…:<providerMessageId>` guards the send again).
//
// The organization: `orgId` when the caller knows it; else, as there is no phone-number table yet, from the org's
// earlier texts in outbox_messages (channel SMS): (1) the org that most recently texted this sender FROM the number
// that received the reply (the conversation), else (2) the org that most recently sent anything from that number
// (a stranger texting the org's number), else (3) the org that most recently texted this sender from any number.
// None → stored with no org, nothing sent. The leads: the org's non-deleted leads with a contact holding the
// sender's phone (E.164); a STOP revokes every one of them.
//
// STOP → recordOptOut (SMS, or ALL when the words say so — opt-out-scope.ts) for each lead (a stranger's number goes
// on the internal DNC list instead) and ONE confirmation text, never marketing. HELP → one reply with the company's
// name and contact. START → re-grants SMS consent only where the lead had granted it before the revocation (the new
// row copies that grant's disclosure evidence, source 'sms_keyword', at the time of the reply) and the number is not
// on the internal DNC list, then one confirmation; otherwise nothing is sent. Anything else is stored as text: the
// body is untrusted homeowner input and is never interpreted here.
import 'server-only'
import { z } from 'zod'
import { db, type Tx } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { appendConsent, lockLead } from '@/lib/compliance/consent-history'
import { classifyInboundText, type InboundKind } from '@/lib/compliance/opt-out-keywords'
import { E164, e164ToDigits } from '@/lib/compliance/phone'
import { recordOptOut } from '@/lib/compliance/record-opt-out'
import { PURPOSES, parseOrThrow } from '@/lib/compliance/schemas'
import { enqueueMessage, prepareOutbox } from '@/lib/outbox/enqueue-message'
import { optOutHow, optOutScope, type OptOutScope } from './opt-out-scope'

const phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number (+15125550100)')

export const inboundSmsSchema = z.object({
  orgId: z.uuid().optional(),
  from: phone,
  to: phone,
  text: z.string().max(10_000),
  providerMessageId: z.string().min(1).max(128),
  receivedAt: z.date().refine((d) => !Number.isNaN(d.getTime()), 'a valid date'),
})
export type InboundSmsInput = z.input<typeof inboundSmsSchema>

export type InboundOutcome =
  | 'duplicate'
  | 'no_org'
  | 'stored'
  | 'opted_out'
  | 'opted_out_unknown_sender'
  | 'help_sent'
  | 'resubscribed'
  | 'start_no_lead'
  | 'start_no_prior_consent'
  | 'start_already_subscribed'
  | 'start_blocked_dnc'

export interface InboundSmsResult {
  smsMessageId: string
  orgId: string | null
  leadIds: string[]
  classifiedAs: InboundKind | null
  outcome: InboundOutcome
  /** the outbox row of the one reply (STOP/START confirmation, HELP answer), when one was queued */
  replyOutboxId: string | null
  scope?: OptOutScope
}

export const replyText = {
  stop: (company: string, scope: OptOutScope) =>
    scope === 'ALL'
      ? `${company}: you're unsubscribed and will get no more texts, calls or e-mails. Reply START to resubscribe to texts.`
      : `${company}: you're unsubscribed and will get no more texts. Reply START to resubscribe.`,
  help: (company: string, number: string) =>
    `${company}: for help reply to this message or call ${formatUs(number)}. Msg & data rates may apply. Reply STOP to unsubscribe.`,
  start: (company: string) => `${company}: you're resubscribed to texts. Reply HELP for help, STOP to unsubscribe.`,
}

function formatUs(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164)
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164
}

export async function resolveOrgId(tx: Tx, from: string, to: string): Promise<string | null> {
  const rows = await tx.$queryRaw<{ org_id: string }[]>`
    SELECT org_id FROM (
      (SELECT o.org_id, 1 AS rank, o.created_at FROM outbox_messages o JOIN organizations g ON g.id = o.org_id AND g.deleted_at IS NULL
        WHERE o.channel = 'SMS' AND o.payload->>'from' = ${to} AND o.payload->>'to' = ${from}
        ORDER BY o.created_at DESC LIMIT 1)
      UNION ALL
      (SELECT o.org_id, 2, o.created_at FROM outbox_messages o JOIN organizations g ON g.id = o.org_id AND g.deleted_at IS NULL
        WHERE o.channel = 'SMS' AND o.payload->>'from' = ${to} ORDER BY o.created_at DESC LIMIT 1)
      UNION ALL
      (SELECT o.org_id, 3, o.created_at FROM outbox_messages o JOIN organizations g ON g.id = o.org_id AND g.deleted_at IS NULL
        WHERE o.channel = 'SMS' AND o.payload->>'to' = ${from} ORDER BY o.created_at DESC LIMIT 1)
    ) c ORDER BY rank LIMIT 1`
  return rows[0]?.org_id ?? null
}

async function findLeadIds(tx: Tx, orgId: string, from: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ lead_id: string }[]>`
    SELECT DISTINCT c.lead_id FROM contacts c JOIN leads l ON l.id = c.lead_id AND l.deleted_at IS NULL
     WHERE c.org_id = ${orgId}::uuid AND c.phones @> ARRAY[${from}]::text[]
     ORDER BY c.lead_id`
  return rows.map((r) => r.lead_id)
}

export async function handleInboundSms(input: InboundSmsInput): Promise<InboundSmsResult> {
  const i = parseOrThrow(inboundSmsSchema, input)
  const seen = await db.smsMessage.findUnique({ where: { providerMessageId: i.providerMessageId } })
  if (seen) return duplicateResult(seen)
  await prepareOutbox() // pg-boss cold start outside the transaction
  return db.$transaction(async (tx) => handle(tx, i), { maxWait: 10_000, timeout: 20_000 })
}

function duplicateResult(row: { id: string; orgId: string | null; leadId: string | null; classifiedAs: string | null }): InboundSmsResult {
  return {
    smsMessageId: row.id,
    orgId: row.orgId,
    leadIds: row.leadId ? [row.leadId] : [],
    classifiedAs: (row.classifiedAs as InboundKind | null) ?? null,
    outcome: 'duplicate',
    replyOutboxId: null,
  }
}

async function handle(tx: Tx, i: z.output<typeof inboundSmsSchema>): Promise<InboundSmsResult> {
  let orgId = i.orgId ?? (await resolveOrgId(tx, i.from, i.to))
  const org = orgId ? await tx.organization.findFirst({ where: { id: orgId, deletedAt: null }, select: { id: true, name: true } }) : null
  if (i.orgId && !org) throw new AppError('NOT_FOUND', 'Organization not found', { details: { reason: 'NOT_FOUND' } })
  if (!org) orgId = null
  const leadIds = org ? await findLeadIds(tx, org.id, i.from) : []
  const kind = classifyInboundText(i.text)

  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO sms_messages (org_id, lead_id, direction, from_number, to_number, body, provider_message_id, received_at, classified_as)
    VALUES (${orgId}::uuid, ${leadIds[0] ?? null}::uuid, 'INBOUND', ${i.from}, ${i.to}, ${i.text}, ${i.providerMessageId}, ${i.receivedAt}, ${kind})
    ON CONFLICT (provider_message_id) DO NOTHING
    RETURNING id`
  if (!inserted[0]) {
    const row = await tx.smsMessage.findUniqueOrThrow({ where: { providerMessageId: i.providerMessageId } })
    return duplicateResult(row)
  }
  const smsMessageId = inserted[0].id
  const base = { smsMessageId, orgId, leadIds, classifiedAs: kind }

  let result: InboundSmsResult
  if (!org) result = { ...base, outcome: 'no_org', replyOutboxId: null }
  else if (kind === 'STOP') result = { ...base, ...(await onStop(tx, i, org, leadIds)) }
  else if (kind === 'HELP') {
    const replyOutboxId = await reply(tx, i, org.id, leadIds, 'sms-help', replyText.help(org.name, i.to))
    result = { ...base, outcome: 'help_sent', replyOutboxId }
  } else if (kind === 'START') result = { ...base, ...(await onStart(tx, i, org, leadIds)) }
  else result = { ...base, outcome: 'stored', replyOutboxId: null }

  await tx.smsMessage.update({ where: { id: smsMessageId }, data: { outcome: result.outcome } })
  for (const leadId of leadIds)
    await tx.leadActivity.create({
      data: {
        orgId: org!.id,
        leadId,
        type: 'sms.received',
        actorType: 'SYSTEM',
        data: { smsMessageId, classifiedAs: kind, outcome: result.outcome },
      },
    })
  return result
}

type Org = { id: string; name: string }
type Input = z.output<typeof inboundSmsSchema>

async function onStop(tx: Tx, i: Input, org: Org, leadIds: string[]) {
  const scope = optOutScope(i.text)
  const how = optOutHow(i.text)
  const evidencePhone = E164.test(i.from) ? i.from : undefined
  for (const leadId of leadIds)
    await recordOptOut({
      tx,
      orgId: org.id,
      leadId,
      channel: scope,
      how,
      evidence: { at: i.receivedAt, text: i.text.slice(0, 1600), phone: evidencePhone },
    })
  if (leadIds.length === 0 && evidencePhone) {
    // a number with no lead (yet): the internal DNC list keeps it from ever being texted or called by this org
    await tx.$executeRaw`
      INSERT INTO dnc_entries (org_id, phone, reason) VALUES (${org.id}::uuid, ${e164ToDigits(evidencePhone)}, 'opt-out (SMS STOP, no lead)')
      ON CONFLICT (org_id, phone) DO NOTHING`
    await writeAudit(tx, {
      orgId: org.id,
      actor: { type: 'SYSTEM' },
      action: 'compliance.opt_out',
      targetType: 'phone',
      targetId: i.from,
      after: { channel: scope, how, text: i.text.slice(0, 1600), lead: null },
    })
  }
  const replyOutboxId = await reply(tx, i, org.id, leadIds, 'sms-stop-confirm', replyText.stop(org.name, scope))
  return { outcome: (leadIds.length ? 'opted_out' : 'opted_out_unknown_sender') as InboundOutcome, replyOutboxId, scope }
}

async function onStart(tx: Tx, i: Input, org: Org, leadIds: string[]): Promise<{ outcome: InboundOutcome; replyOutboxId: string | null }> {
  if (leadIds.length === 0) return { outcome: 'start_no_lead', replyOutboxId: null }
  const dnc = E164.test(i.from)
    ? await tx.dncEntry.findUnique({ where: { orgId_phone: { orgId: org.id, phone: e164ToDigits(i.from) } }, select: { id: true } })
    : null
  if (dnc) return { outcome: 'start_blocked_dnc', replyOutboxId: null }
  let regranted = 0
  let revokedWithoutPrior = 0
  for (const leadId of leadIds) {
    await lockLead(tx, org.id, leadId)
    for (const purpose of PURPOSES) {
      const open = await tx.contactConsent.findFirst({ where: { leadId, channel: 'SMS', purpose, validTo: null } })
      if (!open || open.status !== 'REVOKED') continue
      const prior = await tx.contactConsent.findFirst({
        where: { leadId, channel: 'SMS', purpose, status: 'GRANTED', id: { not: open.id }, validFrom: { lte: open.validFrom } },
        orderBy: { validFrom: 'desc' },
      })
      if (!prior) {
        revokedWithoutPrior++
        continue
      }
      const id = await appendConsent(tx, {
        orgId: org.id,
        leadId,
        channel: 'SMS',
        purpose,
        status: 'GRANTED',
        source: 'sms_keyword',
        recipient: prior.recipient,
        disclosureVersion: prior.disclosureVersion,
        disclosureTextHash: prior.disclosureTextHash,
        evidenceAt: i.receivedAt,
      })
      await writeAudit(tx, {
        orgId: org.id,
        actor: { type: 'SYSTEM' },
        action: 'compliance.consent.regrant',
        targetType: 'lead',
        targetId: leadId,
        after: {
          consentId: id,
          priorConsentId: prior.id,
          channel: 'SMS',
          purpose,
          text: i.text.slice(0, 1600),
          providerMessageId: i.providerMessageId,
        },
      })
      regranted++
    }
  }
  if (regranted === 0) return { outcome: revokedWithoutPrior ? 'start_no_prior_consent' : 'start_already_subscribed', replyOutboxId: null }
  const replyOutboxId = await reply(tx, i, org.id, leadIds, 'sms-start-confirm', replyText.start(org.name))
  return { outcome: 'resubscribed', replyOutboxId }
}

/** Queues the one reply (from the number the person texted) and records it in the thread. */
async function reply(tx: Tx, i: Input, orgId: string, leadIds: string[], kind: string, text: string): Promise<string> {
  const res = await enqueueMessage({
    tx,
    channel: 'SMS',
    orgId,
    dedupeKey: `${kind}:${i.providerMessageId}`,
    payload: { from: i.to, to: i.from, text },
  })
  if (res.created)
    await tx.smsMessage.create({
      data: {
        orgId,
        leadId: leadIds[0] ?? null,
        direction: 'OUTBOUND',
        fromNumber: i.to,
        toNumber: i.from,
        body: text,
        receivedAt: new Date(),
        outcome: `reply:${kind}`,
      },
    })
  return res.id
}
