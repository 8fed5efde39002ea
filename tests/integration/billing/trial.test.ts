// The trial (lib/billing/claim-trial.ts via lib/orgs/create-org.ts, lib/billing/expire-trials.ts) against real
// PostgreSQL: one trial per org and per owner e-mail (a second org by the same e-mail starts without one — "trial
// abuse refused"), races for one e-mail, and the hourly trial clock (audited, owners told once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { memberActor } from '@/lib/auth/actor'
import { createOrg } from '@/lib/orgs/create-org'
import { getEntitlements } from '@/lib/billing/entitlements'
import { TRIAL_USED_MESSAGE } from '@/lib/billing/claim-trial'
import { TRIAL_ENDED_KIND, unsafeExpireTrials } from '@/lib/billing/expire-trials'
import { createScan } from '@/lib/scans/create-scan'
import { newScanSchema } from '@/lib/scans/schemas'
import { stopBoss } from '@/lib/jobs/boss'
import { prepareQueues } from '@/lib/jobs/enqueue'
import { createOrg as createOrgRow, createUser, uniq } from '@/tests/factories'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'
import { createOrgAction } from '@/app/orgs/new/actions'
import { createSession } from '@/tests/factories'
import { ok } from '@/tests/integration/members/helpers'

beforeAll(async () => {
  usePrivateBossSchema()
  await prepareQueues(['scans.discover'])
})
afterAll(async () => {
  await stopBoss()
})

const DAY = 86_400_000
const errOf = async (p: Promise<unknown>) =>
  toAppError(
    await p.then(
      () => null,
      (e: unknown) => e,
    ),
  )

async function ownerActor(orgId: string, userId: string) {
  const m = await db.membership.findFirstOrThrow({ where: { orgId, userId }, select: { id: true, role: true } })
  return memberActor({ org: { id: orgId }, userId, membershipId: m.id, role: m.role })
}

describe('one trial per org and per owner e-mail', () => {
  it('the first org claims the trial (14 days, no card) with the owner e-mail lower-cased', async () => {
    const user = await createUser({ email: `${uniq('Trial-')}@Example.test` })
    const s = await createSession(user.id)
    const slug = uniq('first-')
    ok(await createOrgAction.as({ sessionId: s.id })({ name: 'First Roofing', slug }))
    const org = await db.organization.findUniqueOrThrow({ where: { slug }, select: { id: true, plan: true } })
    const claim = await db.trialClaim.findUniqueOrThrow({ where: { orgId: org.id } })
    expect(claim.email).toBe(user.email.toLowerCase())
    const e = await getEntitlements(org.id)
    expect(e).toMatchObject({ plan: 'TRIAL', state: 'TRIALING', readOnly: false, trial: { active: true, daysLeft: 14, freeLeadsLeft: 5 } })
    expect(await db.billingAccount.findUniqueOrThrow({ where: { orgId: org.id }, select: { stripeCustomerId: true } })).toEqual({
      stripeCustomerId: null,
    })
  })

  it('trial abuse refused: a second org by the same e-mail is created WITHOUT a trial and cannot scan until a plan is chosen', async () => {
    const user = await createUser()
    const first = await createOrg({ userId: user.id, name: 'Abuse One', slug: uniq('abuse-') })
    expect(first.trial).toBe('claimed')
    const second = await createOrg({ userId: user.id, name: 'Abuse Two', slug: uniq('abuse-') })
    expect(second.trial).toBe('refused')

    expect(await db.trialClaim.count({ where: { email: user.email } })).toBe(1)
    const acc = await db.billingAccount.findUniqueOrThrow({ where: { orgId: second.id } })
    expect(acc).toMatchObject({ state: 'TRIAL_ENDED', trialEndsAt: null })
    const e = await getEntitlements(second.id)
    expect(e).toMatchObject({ state: 'TRIAL_ENDED', readOnly: true, trial: { active: false, refused: true, freeLeadsLeft: 0 } })
    const audit = await db.auditLog.findFirstOrThrow({ where: { orgId: second.id, action: 'billing.state.changed' } })
    expect(audit).toMatchObject({ actorType: 'USER', actorId: user.id, after: { state: 'TRIAL_ENDED', reason: 'TRIAL_USED' } })

    const area = newScanSchema.parse({ area: { kind: 'zip', zip: '75201' }, propertyCap: 10 })
    const refused = await errOf(createScan({ actor: await ownerActor(second.id, user.id), ...area }))
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: TRIAL_USED_MESSAGE, details: { reason: 'BILLING_READ_ONLY' } })
    // the first org keeps its trial
    expect((await getEntitlements(first.id)).state).toBe('TRIALING')
    await expect(createScan({ actor: await ownerActor(first.id, user.id), ...area })).resolves.toMatchObject({ status: 'PENDING' })
  })

  it('an e-mail already claimed by an earlier org gives no new trial', async () => {
    const user = await createUser()
    const earlier = await createOrgRow()
    await db.trialClaim.create({ data: { orgId: earlier.id, email: user.email } })
    const org = await createOrg({ userId: user.id, name: 'Late', slug: uniq('late-') })
    expect(org.trial).toBe('refused')
  })

  it('two orgs created at the same moment by one e-mail: exactly one trial', async () => {
    const user = await createUser()
    const results = await Promise.all([1, 2, 3].map((i) => createOrg({ userId: user.id, name: `Race ${i}`, slug: uniq(`race${i}-`) })))
    expect(results.map((r) => r.trial).sort()).toEqual(['claimed', 'refused', 'refused'])
    const states = await db.billingAccount.findMany({ where: { orgId: { in: results.map((r) => r.id) } }, select: { state: true } })
    expect(states.map((s) => s.state).sort()).toEqual(['TRIALING', 'TRIAL_ENDED', 'TRIAL_ENDED'])
    expect(await db.trialClaim.count({ where: { email: user.email } })).toBe(1)
  })

  it('an org made on a paid plan (operator CLI, seed) has no trial to claim', async () => {
    const org = await createOrgRow({ plan: 'PROFESSIONAL' })
    expect(await db.billingAccount.findUniqueOrThrow({ where: { orgId: org.id }, select: { state: true, trialEndsAt: true } })).toEqual({
      state: 'ACTIVE',
      trialEndsAt: null,
    })
  })
})

describe('trial clock (job billing.trial-expiry)', () => {
  it('ends trials past their end once: audited, the OWNER notified in-app and by e-mail; live trials and paid orgs untouched', async () => {
    const owner = await createUser()
    const expired = await createOrg({ userId: owner.id, name: 'Expired', slug: uniq('exp-') })
    const otherOwner = await createUser()
    const live = await createOrg({ userId: otherOwner.id, name: 'Live', slug: uniq('live-') })
    const paid = await createOrgRow({ plan: 'ENTERPRISE' })
    await db.billingAccount.update({ where: { orgId: expired.id }, data: { trialEndsAt: new Date(Date.now() - 3600_000) } })

    const run = await unsafeExpireTrials()
    expect(run.ended).toContain(expired.id)
    expect(run.ended).not.toContain(live.id)
    expect(run.ended).not.toContain(paid.id)
    expect((await db.billingAccount.findUniqueOrThrow({ where: { orgId: expired.id } })).state).toBe('TRIAL_ENDED')
    expect((await db.billingAccount.findUniqueOrThrow({ where: { orgId: live.id } })).state).toBe('TRIALING')
    expect((await db.billingAccount.findUniqueOrThrow({ where: { orgId: paid.id } })).state).toBe('ACTIVE')
    const audits = await db.auditLog.findMany({ where: { orgId: expired.id, action: 'billing.state.changed' } })
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ actorType: 'SYSTEM', after: { state: 'TRIAL_ENDED', reason: 'TRIAL_EXPIRED' } })
    expect(await db.notification.count({ where: { orgId: expired.id, userId: owner.id, kind: TRIAL_ENDED_KIND } })).toBe(1)
    const mails = await db.emailMessage.findMany({ where: { orgId: expired.id, template: 'billing-trial-ended' } })
    expect(mails).toHaveLength(1)
    expect(mails[0]).toMatchObject({ toEmail: owner.email })
    expect(mails[0]!.text).toContain('/settings/billing')

    // a second (overlapping or later) run changes nothing and sends nothing twice
    const again = await unsafeExpireTrials()
    expect(again.ended).not.toContain(expired.id)
    expect(await db.auditLog.count({ where: { orgId: expired.id, action: 'billing.state.changed' } })).toBe(1)
    expect(await db.notification.count({ where: { orgId: expired.id, kind: TRIAL_ENDED_KIND } })).toBe(1)
    expect(await db.emailMessage.count({ where: { orgId: expired.id, template: 'billing-trial-ended' } })).toBe(1)
  })

  it('never overwrites an org that upgraded meanwhile (guarded update)', async () => {
    const owner = await createUser()
    const org = await createOrg({ userId: owner.id, name: 'Upgraded', slug: uniq('upg-') })
    await db.billingAccount.update({
      where: { orgId: org.id },
      data: { trialEndsAt: new Date(Date.now() - DAY), state: 'ACTIVE' },
    })
    const run = await unsafeExpireTrials()
    expect(run.ended).not.toContain(org.id)
    expect((await db.billingAccount.findUniqueOrThrow({ where: { orgId: org.id } })).state).toBe('ACTIVE')
  })
})
