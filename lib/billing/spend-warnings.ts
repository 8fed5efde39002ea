// Spend-cap warnings at 80, 90 and 100 % of the monthly cap, each once per period: the reservation that crosses a
// threshold moves the counter's `warned_percent` up with a guarded UPDATE (only one transaction can move it past a
// threshold) and, in the same transaction, queues a `billing.spend-warning` job. The job tells every OWNER in-app
// and by email; both carry a dedupe key per org, period, threshold and owner, so a retried job never repeats one.
// The banner in the org shell reads the counter itself (lib/billing/preview-spend.ts → getSpendStatus).
import 'server-only'
import { db, type Tx } from '@/lib/db'
import { env } from '@/lib/env'
import { assertCan, type Actor } from '@/lib/auth/actor'
import { sendEmail } from '@/lib/email/send-email'
import { enqueue, prepareQueues } from '@/lib/jobs/enqueue'
import type { QueueName } from '@/lib/jobs/queue-definitions'
import { formatCents, spendCapWarningLevel } from '@/lib/billing/plans'
import { prepareOutbox } from '@/lib/outbox/enqueue-message'

export const SPEND_WARNING_QUEUE = 'billing.spend-warning' satisfies QueueName
export const SPEND_WARNING_KIND = 'billing.spend'

/** One warning per org, period, threshold and owner, ever (the key of both the notification and the email). */
export const spendWarningDedupeKey = ({ orgId, periodStart, percent }: { orgId: string; periodStart: Date; percent: number }) =>
  `spend-warning:${orgId}:${periodStart.toISOString().slice(0, 10)}:${percent}`

/** Starts pg-boss and creates the queues a reservation/commit writes to (the warning job, the outbox dispatch),
 *  outside any transaction; call before opening a transaction that reserves or commits spend. Cached. */
export async function prepareSpendWarnings(): Promise<void> {
  await Promise.all([prepareQueues([SPEND_WARNING_QUEUE]), prepareOutbox()])
}

/**
 * In the reservation's transaction: when `usedCents` reached a threshold the counter has not warned about this
 * period, move `warned_percent` up (guarded: exactly one transaction does) and queue the warning job.
 * Returns the threshold it warned about, or null.
 */
export async function noteSpendThreshold({
  tx,
  orgId,
  periodStart,
  usedCents,
  capCents,
  warnedPercent,
}: {
  tx: Tx
  orgId: string
  periodStart: Date
  usedCents: number
  capCents: number
  /** the counter's warned_percent as the caller's UPDATE returned it (skips the statement when already warned) */
  warnedPercent?: number
}): Promise<80 | 90 | 100 | null> {
  const level = spendCapWarningLevel({ spentCents: usedCents, capCents })
  if (!level || (warnedPercent !== undefined && warnedPercent >= level)) return null
  const moved = await tx.$executeRaw`
    UPDATE spend_counters SET warned_percent = ${level}, updated_at = now()
     WHERE org_id = ${orgId}::uuid AND period_start = ${periodStart} AND warned_percent < ${level}`
  if (moved !== 1) return null
  await enqueue({
    queue: SPEND_WARNING_QUEUE,
    data: { orgId, periodStart: periodStart.toISOString(), percent: level },
    tx,
    options: { singletonKey: `${orgId}:${periodStart.toISOString()}:${level}` },
  })
  return level
}

export function spendWarningMessage({ percent, capCents, usedCents }: { percent: number; capCents: number; usedCents: number }) {
  const cap = formatCents({ cents: capCents })
  const used = formatCents({ cents: usedCents, alwaysCents: true })
  return percent >= 100
    ? {
        title: `Monthly spend cap reached (${cap})`,
        body: `You have used ${used} of your ${cap} monthly spend cap. New billable work (quality leads, outreach) is paused until you raise the cap or the next period starts.`,
      }
    : {
        title: `${percent}% of your monthly spend cap used`,
        body: `You have used ${used} of your ${cap} monthly spend cap. At 100% new billable work is paused; you can raise the cap on the billing page.`,
      }
}

export type SendSpendWarningResult = { status: 'skipped'; reason: 'no_counter' } | { status: 'sent'; owners: number }

/** The job: tell the org's OWNERs (in-app + email) that the period's spend reached `percent` of the cap. */
export async function sendSpendWarning({
  actor,
  periodStart,
  percent,
}: {
  actor: Actor
  periodStart: Date
  percent: 80 | 90 | 100
}): Promise<SendSpendWarningResult> {
  const orgId = assertCan(actor, 'notification.send')
  assertCan(actor, 'billing.read')
  assertCan(actor, 'member.read')
  const counter = await db.spendCounter.findUnique({
    where: { orgId_periodStart: { orgId, periodStart } },
    select: { usedCents: true, org: { select: { slug: true, deletedAt: true, billingAccount: { select: { spendCapCents: true } } } } },
  })
  if (!counter || counter.org.deletedAt) return { status: 'skipped', reason: 'no_counter' }
  const owners = await db.membership.findMany({
    where: { orgId, role: 'OWNER', user: { deletedAt: null } },
    orderBy: { createdAt: 'asc' },
    select: { user: { select: { id: true, email: true, emailVerifiedAt: true } } },
  })
  const capCents = counter.org.billingAccount?.spendCapCents ?? 0
  const msg = spendWarningMessage({ percent, capCents, usedCents: counter.usedCents })
  const url = `/${counter.org.slug}/settings/billing`
  const key = spendWarningDedupeKey({ orgId, periodStart, percent })
  await db.notification.createMany({
    data: owners.map(({ user }) => ({
      orgId,
      userId: user.id,
      kind: SPEND_WARNING_KIND,
      title: msg.title,
      body: msg.body,
      url,
      dedupeKey: `${key}:${user.id}`,
    })),
    skipDuplicates: true,
  })
  const link = new URL(url, env().APP_URL).toString()
  for (const { user } of owners) {
    if (!user.emailVerifiedAt) continue
    await sendEmail({
      to: user.email,
      orgId,
      template: 'spend-warning',
      dedupeKey: `${key}:${user.id}`,
      subject: msg.title,
      text: `${msg.body}\n\nBilling: ${link}`,
    })
  }
  return { status: 'sent', owners: owners.length }
}
