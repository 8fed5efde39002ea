// The trial clock (job billing.trial-expiry, hourly): every TRIALING account past its trial_ends_at becomes
// TRIAL_ENDED (read-only: no scans, no outreach, nothing billable; everything stays viewable and exportable) with one
// audit row, and its OWNERs get one in-app notification and one e-mail. Entitlements already treat an expired trial
// as ended between two runs (lib/billing/entitlements.ts), so the job only makes it visible and durable.
//
// Each org flips in its own transaction with a guarded UPDATE (state = 'TRIALING' AND trial_ends_at <= now): two
// overlapping runs cannot both flip it, and a paid upgrade that landed meanwhile is never overwritten. The
// notification rides in the same transaction; the e-mail is (re)sent for every trial that ended in the last
// 2 days on every run with a deterministic dedupe key, so a crash between the flip and the e-mail only delays it.
import 'server-only'
import { db } from '@/lib/db'
import { env } from '@/lib/env'
import { sendEmail } from '@/lib/email/send-email'
import { writeAudit } from '@/lib/audit/write-audit'
import { getPlan } from '@/lib/billing/plans'

export const TRIAL_ENDED_KIND = 'billing.trial_ended'
const EMAIL_CATCH_UP_MS = 2 * 86_400_000
const BATCH = 200

export const trialEndedDedupeKey = (orgId: string, userId: string) => `${TRIAL_ENDED_KIND}:${orgId}:${userId}`

function trialEndedMessage(org: { slug: string; name: string }) {
  const pro = getPlan('PROFESSIONAL')
  return {
    title: `Your ${org.name} trial has ended`,
    body:
      'Scans and outreach are paused; your leads, scans and reports stay available and exportable. ' +
      `Choose a plan to continue (Professional from $${pro.priceCents / 100}/month).`,
    url: `/${org.slug}/settings/billing`,
  }
}

/**
 * Unscoped on purpose (a cron job over every org): the orgs come from the trial clock, never from input.
 * Returns the orgs it ended in this run and how many e-mails it (re)queued.
 */
export async function unsafeExpireTrials({ now = new Date() }: { now?: Date } = {}): Promise<{ ended: string[]; emailed: number }> {
  const ended: string[] = []
  for (;;) {
    const due = await db.billingAccount.findMany({
      where: { state: 'TRIALING', trialEndsAt: { lte: now }, orgId: { notIn: ended } },
      select: { orgId: true, trialEndsAt: true },
      orderBy: { trialEndsAt: 'asc' },
      take: BATCH,
    })
    if (!due.length) break
    for (const acc of due) {
      const flipped = await db.$transaction(async (tx) => {
        const { count } = await tx.billingAccount.updateMany({
          where: { orgId: acc.orgId, state: 'TRIALING', trialEndsAt: { lte: now } },
          data: { state: 'TRIAL_ENDED', stateChangedAt: now },
        })
        if (count !== 1) return false
        await writeAudit(tx, {
          orgId: acc.orgId,
          actor: { type: 'SYSTEM' },
          action: 'billing.state.changed',
          targetType: 'billing_account',
          targetId: acc.orgId,
          before: { state: 'TRIALING' },
          after: { state: 'TRIAL_ENDED', reason: 'TRIAL_EXPIRED', trialEndsAt: acc.trialEndsAt },
        })
        const org = await tx.organization.findUniqueOrThrow({ where: { id: acc.orgId }, select: { slug: true, name: true } })
        const owners = await tx.membership.findMany({ where: { orgId: acc.orgId, role: 'OWNER' }, select: { userId: true } })
        const msg = trialEndedMessage(org)
        await tx.notification.createMany({
          data: owners.map((o) => ({
            orgId: acc.orgId,
            userId: o.userId,
            kind: TRIAL_ENDED_KIND,
            title: msg.title.slice(0, 200),
            body: msg.body,
            url: msg.url,
            dedupeKey: trialEndedDedupeKey(acc.orgId, o.userId),
          })),
          skipDuplicates: true,
        })
        return true
      })
      if (flipped) ended.push(acc.orgId)
    }
    if (due.length < BATCH) break
  }
  const emailed = await sendTrialEndedEmails(now)
  return { ended, emailed }
}

/** E-mails every OWNER of a trial that ended by the clock in the last 2 days (idempotent per org and owner). */
async function sendTrialEndedEmails(now: Date): Promise<number> {
  const recent = await db.billingAccount.findMany({
    where: {
      state: 'TRIAL_ENDED',
      trialEndsAt: { lte: now, gt: new Date(now.getTime() - EMAIL_CATCH_UP_MS) },
      org: { deletedAt: null },
    },
    select: {
      orgId: true,
      org: {
        select: {
          slug: true,
          name: true,
          memberships: {
            where: { role: 'OWNER', user: { deletedAt: null, emailVerifiedAt: { not: null } } },
            select: { user: { select: { id: true, email: true, name: true } } },
          },
        },
      },
    },
  })
  let emailed = 0
  for (const acc of recent) {
    const msg = trialEndedMessage(acc.org)
    const link = new URL(msg.url, env().APP_URL).toString()
    for (const { user } of acc.org.memberships) {
      await sendEmail({
        to: user.email,
        orgId: acc.orgId,
        template: 'billing-trial-ended',
        dedupeKey: trialEndedDedupeKey(acc.orgId, user.id),
        subject: msg.title,
        text: `Hi ${user.name},\n\n${msg.body}\n\nChoose a plan: ${link}\n\nYou get this email because you own ${acc.org.name} on Fish Mouth.`,
      })
      emailed++
    }
  }
  return emailed
}
