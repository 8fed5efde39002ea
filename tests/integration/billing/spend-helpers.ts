// Shared setup for the ledger / spend-cap tests (B2): orgs on a paid plan with a cap, counter reads.
import { db } from '@/lib/db'
import type { OrgPlan } from '@/lib/generated/prisma/enums'
import { currentPeriod } from '@/lib/billing/period'
import { normalizeAddress } from '@/lib/leads/normalize-address'
import { addMember, createOrg, createUser, uniq } from '@/tests/factories'

/** An org on `plan` with an ACTIVE account, `capCents` cap and (unless `customer: false`) a Stripe customer. */
export async function createPaidOrg({
  plan = 'PROFESSIONAL',
  capCents = 50_000,
  customer = true,
  sandboxAccount = false,
}: { plan?: OrgPlan; capCents?: number; customer?: boolean; sandboxAccount?: boolean } = {}) {
  const org = await createOrg()
  await db.organization.update({ where: { id: org.id }, data: { plan } })
  const account = await db.billingAccount.update({
    where: { orgId: org.id },
    data: {
      state: 'ACTIVE',
      trialEndsAt: null,
      spendCapCents: capCents,
      stripeCustomerId: customer ? uniq('cus_') : null,
      sandbox: sandboxAccount,
    },
  })
  const owner = await createUser()
  await addMember(org.id, owner.id, 'OWNER')
  return { org, account, owner }
}

/** A fresh Trial org (the insert trigger makes its 14-day trial account) with an OWNER. */
export async function createTrialOrg() {
  const org = await createOrg()
  const owner = await createUser()
  await addMember(org.id, owner.id, 'OWNER')
  return { org, owner }
}

export async function counterOf(orgId: string) {
  const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId } })
  const period = currentPeriod(account)
  const c = await db.spendCounter.findUnique({ where: { orgId_periodStart: { orgId, periodStart: period.start } } })
  return { usedCents: 0, reservedCents: 0, freeQualityLeadsUsed: 0, warnedPercent: 0, ...c }
}

/** Sets the org's period counter to `usedCents` committed spend (a month of usage so far). */
export async function setUsed(orgId: string, usedCents: number) {
  const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId } })
  const p = currentPeriod(account)
  await db.spendCounter.upsert({
    where: { orgId_periodStart: { orgId, periodStart: p.start } },
    create: { orgId, periodStart: p.start, periodEnd: p.end, usedCents },
    update: { usedCents },
  })
}

export async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await p
  } catch (e) {
    const err = e as { name?: string; code: string; message: string; details: Record<string, unknown> }
    if (err.name !== 'AppError') throw e
    return err
  }
  throw new Error('expected the call to fail')
}

/** A lead at a fresh address (the ledger's quality-lead rows need a lead and its normalized address). */
export async function createLeadAt(orgId: string, line1 = `${Math.floor(Math.random() * 9000) + 100} ${uniq('Oak')} St`) {
  const normalizedAddress = normalizeAddress({ line1, city: 'Austin', state: 'TX', zip: '78701' })
  return db.lead.create({
    data: { orgId, normalizedAddress, addressLine1: line1, city: 'Austin', state: 'TX', zip: '78701' },
    select: { id: true, normalizedAddress: true },
  })
}
