// The HOT-lead alert (job notifications.hot-lead): when a lead is HOT, every owner, admin and manager of its org
// gets one in-app notification and one email. Both carry a deterministic dedupe key per lead and recipient, so a
// retried job, a second job or a later re-score of the same lead never alerts anyone twice (PRODUCT §5.1: "one
// alert per lead, never repeated on rescoring"). A lead that is not HOT (or deleted) alerts nobody.
import 'server-only'
import { db } from '@/lib/db'
import { env } from '@/lib/env'
import { sendEmail } from '@/lib/email/send-email'
import { assertCan, type Actor } from '@/lib/auth/actor'
import type { Role } from '@/lib/generated/prisma/enums'
import { hotLeadMessage } from '@/lib/notifications/hot-lead-message'

/** Who hears about HOT leads: the people who run scans and hand leads out (PRODUCT §5.1). */
export const HOT_LEAD_RECIPIENT_ROLES = ['OWNER', 'ADMIN', 'MANAGER'] as const satisfies readonly Role[]

export const HOT_LEAD_KIND = 'lead.hot'

/** One alert per lead and recipient, ever: the key of both the notification and the email. */
export const hotLeadDedupeKey = (leadId: string, userId: string) => `${HOT_LEAD_KIND}:${leadId}:${userId}`

export type NotifyHotLeadResult =
  { status: 'skipped'; reason: 'not_found' | 'not_hot' } | { status: 'notified'; recipients: number; created: number }

export async function notifyHotLead({ actor, leadId }: { actor: Actor; leadId: string }): Promise<NotifyHotLeadResult> {
  // an alert is a system event (the pipeline scored a lead HOT): no role holds notification.send
  const orgId = assertCan(actor, 'notification.send')
  assertCan(actor, 'lead.read')
  assertCan(actor, 'member.read')
  const lead = await db.lead.findFirst({
    where: { id: leadId, orgId, deletedAt: null },
    select: {
      id: true,
      band: true,
      score: true,
      scoreBreakdown: true,
      addressLine1: true,
      addressLine2: true,
      city: true,
      state: true,
      zip: true,
      org: { select: { slug: true, name: true, deletedAt: true } },
    },
  })
  if (!lead || lead.org.deletedAt) return { status: 'skipped', reason: 'not_found' }
  if (lead.band !== 'HOT') return { status: 'skipped', reason: 'not_hot' }

  const recipients = await db.membership.findMany({
    where: { orgId, role: { in: [...HOT_LEAD_RECIPIENT_ROLES] }, user: { deletedAt: null } },
    orderBy: { createdAt: 'asc' },
    select: { user: { select: { id: true, email: true, name: true, emailVerifiedAt: true } } },
  })
  if (!recipients.length) return { status: 'notified', recipients: 0, created: 0 }

  const msg = hotLeadMessage(lead, { orgSlug: lead.org.slug })
  const { count: created } = await db.notification.createMany({
    data: recipients.map(({ user }) => ({
      orgId,
      userId: user.id,
      kind: HOT_LEAD_KIND,
      leadId: lead.id,
      title: msg.title,
      body: msg.body,
      url: msg.url,
      dedupeKey: hotLeadDedupeKey(lead.id, user.id),
    })),
    skipDuplicates: true,
  })

  // Every recipient's email is (re)sent on every run: sendEmail is insert-or-return-existing on its dedupe key, so
  // a run that crashed between the notifications and the emails completes the emails on retry, and nothing else
  // is sent twice. Unverified addresses get the in-app notification only.
  const link = new URL(msg.url, env().APP_URL).toString()
  for (const { user } of recipients) {
    if (!user.emailVerifiedAt) continue
    await sendEmail({
      to: user.email,
      orgId,
      template: 'lead-hot',
      dedupeKey: hotLeadDedupeKey(lead.id, user.id),
      subject: msg.title,
      text:
        `Hi ${user.name},\n\n` +
        `A lead in ${lead.org.name} just scored HOT${lead.score === null ? '' : ` (${lead.score}/100)`}: ${msg.address}.\n\n` +
        (msg.reason ? `Top reason: ${msg.reason}\n\n` : '') +
        `Open the lead: ${link}\n\n` +
        `You get this email because you are an owner, admin or manager of ${lead.org.name} on Fish Mouth.`,
    })
  }
  return { status: 'notified', recipients: recipients.length, created }
}
