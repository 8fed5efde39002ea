// Admin CLI: create an organization (optionally with an existing user as OWNER) and set its plan.
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { createOrg } from '@/lib/orgs/create-org'
import { createOrgSchema } from '@/lib/orgs/schemas'
import type { OrgPlan } from '@/lib/generated/prisma/enums'

export async function adminCreateOrg({ slug, name, plan = 'TRIAL', ownerEmail }: { slug: string; name: string; plan?: OrgPlan; ownerEmail?: string }) {
  let orgId: string
  if (ownerEmail) {
    const owner = await db.user.findUnique({ where: { email: ownerEmail.toLowerCase() }, select: { id: true } })
    if (!owner) throw new AppError('NOT_FOUND', `No user with email ${ownerEmail} (create it first: fm user create)`)
    orgId = (await createOrg({ userId: owner.id, input: { slug, name } })).id
  } else {
    const p = createOrgSchema.parse({ slug, name })
    if (await db.organization.findUnique({ where: { slug: p.slug }, select: { id: true } })) throw new AppError('CONFLICT', `Slug "${p.slug}" is taken`)
    orgId = await db.$transaction(async (tx) => {
      const org = await tx.organization.create({ data: { slug: p.slug, name: p.name }, select: { id: true, slug: true, name: true } })
      await writeAudit(tx, { orgId: org.id, actor: { type: 'SYSTEM' }, action: 'org.create', targetType: 'organization', targetId: org.id, after: { ...org, via: 'cli' } })
      return org.id
    })
  }
  return setOrgPlan({ orgId, plan })
}

export async function setOrgPlan({ orgId, plan }: { orgId: string; plan: OrgPlan }) {
  return db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { plan: true } })
    const org = await tx.organization.update({ where: { id: orgId }, data: { plan }, select: { id: true, slug: true, name: true, plan: true } })
    if (before.plan !== plan) await writeAudit(tx, { orgId, actor: { type: 'SYSTEM' }, action: 'org.plan.set', targetType: 'organization', targetId: orgId, before, after: { plan } })
    return org
  })
}
