// Unsubscribes one recipient from a signed link (one-click POST or the confirmation page): the address joins
// email_suppressions (reason 'unsubscribe'; an existing suppression is kept) and, when the token names a lead, the
// lead's e-mail consent is revoked once (recordOptOut, how 'unsubscribe_click'). Idempotent: a repeated POST
// (mail providers retry, people click twice) changes nothing. Public: the signed token is the only credential.
import 'server-only'
import { db, type Tx } from '@/lib/db'
import { recordOptOut } from '@/lib/compliance/record-opt-out'
import { PURPOSES } from '@/lib/compliance/schemas'
import { verifyUnsubscribeToken } from './unsubscribe-token'

export interface UnsubscribeResult {
  email: string
  /** the sender's company name; null when the organization no longer exists */
  companyName: string | null
  /** false when the address was already unsubscribed (or suppressed) and the lead already opted out */
  changed: boolean
}

async function optOutLeadOnce(tx: Tx, c: { orgId: string; leadId: string; email: string }, at: Date, ip?: string) {
  // the lead row lock serializes two concurrent clicks; a deleted lead (or another org's) → nothing to revoke
  const lead = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM leads WHERE id = ${c.leadId}::uuid AND org_id = ${c.orgId}::uuid FOR NO KEY UPDATE`
  if (!lead.length) return false
  const open = await tx.contactConsent.findMany({
    where: { leadId: c.leadId, channel: 'EMAIL', validTo: null, status: 'REVOKED' },
    select: { purpose: true },
  })
  if (PURPOSES.every((p) => open.some((o) => o.purpose === p))) return false
  await recordOptOut({
    tx,
    orgId: c.orgId,
    leadId: c.leadId,
    channel: 'EMAIL',
    how: 'unsubscribe_click',
    evidence: { at, text: `unsubscribe link for ${c.email}`, ...(ip ? { ip: ip.slice(0, 64) } : {}) },
  })
  return true
}

export async function unsubscribeEmail({
  token,
  ip,
  at = new Date(),
}: {
  token: string
  ip?: string
  at?: Date
}): Promise<UnsubscribeResult> {
  const c = verifyUnsubscribeToken(token)
  return db.$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { id: c.orgId }, select: { name: true } })
    const inserted = await tx.$executeRaw`
      INSERT INTO email_suppressions (email, reason) VALUES (${c.email}, 'unsubscribe') ON CONFLICT (email) DO NOTHING`
    const optedOut = org && c.leadId ? await optOutLeadOnce(tx, { orgId: c.orgId, leadId: c.leadId, email: c.email }, at, ip) : false
    return { email: c.email, companyName: org?.name ?? null, changed: inserted > 0 || optedOut }
  })
}
