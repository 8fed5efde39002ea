// Server-side wiring shared by the lead pages: the member's actor + UI permissions, the assignable members,
// and the list rows mapped to plain view objects.
import { can, scopeOf } from '@/lib/auth/permissions'
import type { MemberContext } from '@/lib/auth/org-context'
import { memberActor, type Actor } from '@/lib/auth/actor'
import type { LeadListItem } from '@/lib/leads/list-leads'
import { listAssignees } from '@/lib/leads/list-assignees'
import type { LeadRowView } from '@/components/leads/types'
import type { MemberOption } from '@/components/leads/lead-filters'

export function leadPermissions(member: MemberContext) {
  const r = member.role
  return {
    actor: memberActor(member),
    isRep: scopeOf(r, 'lead.read') === 'assigned',
    canWrite: can(r, 'lead.write'),
    canAssign: can(r, 'lead.assign'),
    canDelete: can(r, 'lead.delete'),
    canExport: can(r, 'lead.export'),
    /** imports create unassigned leads: org-wide lead.write only */
    canImport: scopeOf(r, 'lead.write') === 'all',
  }
}

export async function memberOptions(actor: Actor): Promise<MemberOption[]> {
  const members = await listAssignees({ actor })
  return members.map((m) => ({ membershipId: m.membershipId, name: m.name, role: m.role }))
}

export function toRowView(l: LeadListItem): LeadRowView {
  return {
    id: l.id,
    address: [l.addressLine1, l.addressLine2].filter(Boolean).join(' '),
    cityLine: `${l.city}, ${l.state} ${l.zip}`,
    ownerName: l.ownerName,
    score: l.score,
    band: l.band,
    status: l.status,
    source: l.source,
    assigneeName: l.assignee?.name ?? null,
    tags: l.tags,
    yearBuilt: l.yearBuilt,
    roofAgeYears: l.roofAgeYears,
    propertyValueCents: l.propertyValueCents,
    createdAt: new Date(l.createdAt).toISOString(),
    updatedAt: new Date(l.updatedAt).toISOString(),
  }
}
