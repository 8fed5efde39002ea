// One free trial per organization and per owner e-mail, ever (PRODUCT §3). Runs inside the transaction that creates
// the org (lib/orgs/create-org.ts), after the insert trigger gave the org its 14-day TRIALING account: the claim is
// one INSERT … ON CONFLICT DO NOTHING on the unique e-mail (two sign-ups racing with one address: the second waits
// for the first and then finds it), so no check-then-act. An e-mail that already claimed a trial gets its new org
// WITHOUT a trial: the account becomes TRIAL_ENDED at once (trial_ends_at NULL marks "never had one") and the owner
// is asked to choose a plan.
import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'

export type TrialClaimResult = 'claimed' | 'refused' | 'not_trial'

export const TRIAL_USED_MESSAGE = 'Your free trial was already used; choose a plan to start'

/** Normalises the owner's e-mail the way trial_claims stores it (the CHECK wants lower case). */
export const trialEmail = (email: string) => email.trim().toLowerCase()

export async function claimTrial(tx: Tx, { orgId, userId }: { orgId: string; userId: string }): Promise<TrialClaimResult> {
  const [account] = await tx.$queryRaw<Array<{ state: string; plan: string }>>(Prisma.sql`
    SELECT b.state::text AS state, o.plan::text AS plan
    FROM billing_accounts b JOIN organizations o ON o.id = b.org_id
    WHERE b.org_id = ${orgId}::uuid FOR UPDATE OF b`)
  // a paid org (the operator CLI) or an account already moved on has no trial to claim
  if (!account || account.plan !== 'TRIAL' || account.state !== 'TRIALING') return 'not_trial'
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } })
  const email = trialEmail(user.email)
  const inserted = await tx.$queryRaw<Array<{ id: string }>>(Prisma.sql`
    INSERT INTO trial_claims (org_id, email) VALUES (${orgId}::uuid, ${email})
    ON CONFLICT DO NOTHING RETURNING id`)
  if (inserted.length) return 'claimed'
  const now = new Date()
  await tx.billingAccount.update({
    where: { orgId },
    data: { state: 'TRIAL_ENDED', trialEndsAt: null, stateChangedAt: now },
    select: { id: true },
  })
  await writeAudit(tx, {
    orgId,
    actor: { type: 'USER', id: userId },
    action: 'billing.state.changed',
    targetType: 'billing_account',
    targetId: orgId,
    before: { state: 'TRIALING' },
    after: { state: 'TRIAL_ENDED', reason: 'TRIAL_USED' },
  })
  return 'refused'
}
