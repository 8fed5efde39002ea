// Creates an organization with its creator as OWNER, in one transaction with the audit rows.
// "Create another organization" (/orgs/new) and the operator CLI use it. No actor: the signed-in user has no
// org (and so no right in one) until this creates it.
import 'server-only'
import type { Tx } from '@/lib/db'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import type { CreateOrgInput } from '@/lib/orgs/schemas'
import { claimTrial, type TrialClaimResult } from '@/lib/billing/claim-trial'

export interface CreatedOrg {
  id: string
  slug: string
  name: string
  timeZone: string
  membershipId: string
  /** 'refused': the owner's e-mail already used its free trial; the org starts without one (choose a plan) */
  trial: TrialClaimResult
}

async function insert(tx: Tx, userId: string, input: CreateOrgInput): Promise<CreatedOrg> {
  const taken = await tx.organization.findUnique({ where: { slug: input.slug }, select: { id: true } })
  if (taken) throw slugTaken()
  const org = await tx.organization.create({
    data: { name: input.name, slug: input.slug, ...(input.timeZone ? { timeZone: input.timeZone } : {}) },
    select: { id: true, slug: true, name: true, timeZone: true },
  })
  const membership = await tx.membership.create({ data: { orgId: org.id, userId, role: 'OWNER' }, select: { id: true } })
  await writeAudit(tx, {
    orgId: org.id,
    actor: { type: 'USER', id: userId },
    action: 'org.create',
    targetType: 'organization',
    targetId: org.id,
    after: org,
  })
  await writeAudit(tx, {
    orgId: org.id,
    actor: { type: 'USER', id: userId },
    action: 'member.add',
    targetType: 'membership',
    targetId: membership.id,
    after: { userId, role: 'OWNER', via: 'org.create' },
  })
  // one trial per org and per owner e-mail, claimed in this transaction (lib/billing/claim-trial.ts)
  const trial = await claimTrial(tx, { orgId: org.id, userId })
  return { ...org, membershipId: membership.id, trial }
}

const slugTaken = () =>
  new AppError('CONFLICT', 'That URL name is taken; choose another', { details: { reason: 'SLUG_TAKEN', field: 'slug' } })

/** Pass `tx` to create the org inside a larger transaction (e.g. a sign-up). */
export async function createOrg({ userId, tx, ...input }: { userId: string; tx?: Tx } & CreateOrgInput): Promise<CreatedOrg> {
  try {
    return tx ? await insert(tx, userId, input) : await db.$transaction((t) => insert(t, userId, input))
  } catch (err) {
    // two sign-ups racing for the same slug: the unique index decides
    if ((err as { code?: string })?.code === 'P2002') throw slugTaken()
    throw err
  }
}
