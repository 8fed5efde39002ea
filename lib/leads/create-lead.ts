// Creates one lead (manual or API) with its optional primary contact, timeline entry and audit row.
import 'server-only'
import { db } from '@/lib/db'
import { AppError, reasonOf, toAppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertAssignee } from '@/lib/leads/assignee'
import { auditActorOf, membershipIdOf, orgIdOf, requireScope, type Actor } from '@/lib/auth/actor'
import { normalizeAddress } from '@/lib/leads/normalize-address'
import { recordActivities } from '@/lib/leads/record-activity'
import type { NewLead } from '@/lib/leads/schemas'
import { LEAD_DETAIL_SELECT } from '@/lib/leads/get-lead'

/** `lead`: parsed by createLeadSchema at the edge. `source` defaults to API for API keys, else MANUAL. */
export async function createLead({ actor, lead: p, source }: { actor: Actor; lead: NewLead; source?: 'MANUAL' | 'API' }) {
  const scope = requireScope(actor, 'lead.write')
  const orgId = orgIdOf(actor)
  // a REP creates leads for themself (otherwise they could not see what they just made)
  let assigneeId = p.assigneeId ?? null
  if (scope === 'assigned') assigneeId = membershipIdOf(actor)
  else if (assigneeId) requireScope(actor, 'lead.assign')
  const normalizedAddress = normalizeAddress({ line1: p.addressLine1, line2: p.addressLine2, city: p.city, state: p.state, zip: p.zip })
  try {
    return await db.$transaction(async (tx) => {
      await assertAssignee(tx, { orgId, membershipId: assigneeId })
      const { contact, ...facts } = p
      const lead = await tx.lead.create({
        data: {
          ...facts,
          orgId,
          normalizedAddress,
          assigneeId,
          source: source ?? (actor.kind === 'apiKey' ? 'API' : 'MANUAL'),
          lostReason: p.status === 'LOST' ? p.lostReason : null,
          scoreVersion: p.score != null ? 'manual' : null,
        },
        select: LEAD_DETAIL_SELECT,
      })
      if (contact && (contact.name || contact.phones.length || contact.emails.length)) {
        await tx.contact.create({
          data: { orgId, leadId: lead.id, name: contact.name, phones: contact.phones, emails: contact.emails, isPrimary: true },
        })
      }
      await recordActivities(tx, actor, [{ leadId: lead.id, type: 'lead.created', data: { source: lead.source } }])
      await writeAudit(tx, { orgId, actor: auditActorOf(actor), action: 'lead.create', targetType: 'lead', targetId: lead.id, after: lead })
      return lead
    })
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('CONFLICT', 'A lead with this address already exists', {
        details: { reason: 'DUPLICATE_ADDRESS', normalizedAddress },
      })
    throw err
  }
}

export const isUniqueViolation = (err: unknown) => !(err instanceof AppError) && reasonOf(toAppError(err)) === 'UNIQUE'
