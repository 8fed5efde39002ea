// Lead test helpers: real rows through the domain functions.
import { db } from '@/lib/db'
import type { Role } from '@/lib/generated/prisma/enums'
import { createOrgWithRoles } from '@/tests/factories'
import { memberActor, type Actor } from '@/lib/auth/actor'
import { createLead } from '@/lib/leads/create-lead'
import { createLeadSchema, type CreateLeadInput } from '@/lib/leads/schemas'

export type OrgWithRoles = Awaited<ReturnType<typeof createOrgWithRoles>>

export async function actorsOf(org: OrgWithRoles): Promise<Record<Role, Actor> & { membership: Record<Role, string> }> {
  const rows = await db.membership.findMany({ where: { orgId: org.org.id }, select: { id: true, role: true, userId: true } })
  const out = { membership: {} } as Record<Role, Actor> & { membership: Record<Role, string> }
  for (const role of ['OWNER', 'ADMIN', 'MANAGER', 'REP', 'VIEWER'] as Role[]) {
    const m = rows.find((r) => r.userId === org.members[role].user.id)!
    out[role] = memberActor({ org: { id: org.org.id }, role, membershipId: m.id, userId: m.userId })
    out.membership[role] = m.id
  }
  return out
}

let n = 0
export function leadInput(over: Partial<CreateLeadInput> = {}): CreateLeadInput {
  n++
  return { addressLine1: `${1000 + n + Math.floor(Math.random() * 1e6)} Elm Street`, city: 'Dallas', state: 'TX', zip: '75201', ...over }
}

export async function makeLead(actor: Actor, over: Partial<CreateLeadInput> = {}) {
  return createLead({ actor, lead: createLeadSchema.parse(leadInput(over)) })
}
