// Admin CLI: create an organization (optionally with an existing user as OWNER) and set its plan.
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { auditActorOf, orgIdOf } from '@/lib/auth/actor'
import { createOrg } from '@/lib/orgs/create-org'
import { createOrgSchema } from '@/lib/orgs/schemas'
import type { OrgPlan } from '@/lib/generated/prisma/enums'
import { operator, operatorInOrg, type OperatorActor } from '@/lib/admin-cli/operator'
import { applyManualPlan } from '@/lib/billing/apply-manual-plan'

export async function adminCreateOrg({
  slug,
  name,
  plan = 'TRIAL',
  ownerEmail,
}: {
  slug: string
  name: string
  plan?: OrgPlan
  ownerEmail?: string
}) {
  // the CLI is an edge: its arguments are parsed here, once, with the same schema as the web form
  const p = createOrgSchema.parse({ slug, name })
  let orgId: string
  if (ownerEmail) {
    const owner = await db.user.findUnique({ where: { email: ownerEmail.toLowerCase() }, select: { id: true } })
    if (!owner) throw new AppError('NOT_FOUND', `No user with email ${ownerEmail} (create it first: fm user create)`)
    orgId = (await createOrg({ userId: owner.id, ...p })).id
  } else {
    if (await db.organization.findUnique({ where: { slug: p.slug }, select: { id: true } }))
      throw new AppError('CONFLICT', `Slug "${p.slug}" is taken`)
    orgId = await db.$transaction(async (tx) => {
      const org = await tx.organization.create({ data: { slug: p.slug, name: p.name }, select: { id: true, slug: true, name: true } })
      await writeAudit(tx, {
        orgId: org.id,
        actor: auditActorOf(operator()),
        action: 'org.create',
        targetType: 'organization',
        targetId: org.id,
        after: { ...org, via: 'cli' },
      })
      return org.id
    })
  }
  return setOrgPlan({ actor: operator(orgId), plan })
}

/** `fm org set-plan`: a plan outside Stripe (a contract invoiced offline, a comp). Self-serve changes go through Stripe. */
export async function adminSetOrgPlan({ orgSlug, plan }: { orgSlug: string; plan: OrgPlan }) {
  const { actor } = await operatorInOrg(orgSlug)
  return setOrgPlan({ actor, plan })
}

// Not exported: only the operator sets a plan by hand. An OWNER holds billing.manage too, but changes the plan
// through Stripe checkout (billing issue), never by naming one.
async function setOrgPlan({ actor, plan }: { actor: OperatorActor; plan: OrgPlan }) {
  const orgId = orgIdOf(actor)
  return db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { plan: true } })
    // the billing account follows (a paid plan set by hand is ACTIVE, not "Enterprise on a free trial")
    await applyManualPlan(tx, { orgId, plan })
    const org = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { id: true, slug: true, name: true, plan: true } })
    if (before.plan !== plan)
      await writeAudit(tx, {
        orgId,
        actor: auditActorOf(actor),
        action: 'org.plan.set',
        targetType: 'organization',
        targetId: orgId,
        before,
        after: { plan },
      })
    return org
  })
}
