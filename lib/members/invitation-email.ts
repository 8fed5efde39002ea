// The invitation email (first send and every resend). The token only ever exists in this email.
import 'server-only'
import { env } from '@/lib/env'
import { sendEmail } from '@/lib/email/send-email'
import { ROLE_LABELS } from '@/lib/members/schemas'
import type { Role } from '@/lib/generated/prisma/enums'

export const INVITE_TTL_MS = 7 * 24 * 3600_000

export const invitationUrl = (token: string) => `${env().APP_URL.replace(/\/$/, '')}/invite/${token}`

export async function sendInvitationEmail(args: {
  invitationId: string
  sendCount: number
  orgId: string
  orgName: string
  /** null when no person sent it (the operator CLI) */
  inviterName: string | null
  to: string
  role: Role
  token: string
  expiresAt: Date
}): Promise<void> {
  const link = invitationUrl(args.token)
  const who = args.inviterName ?? 'Your team'
  await sendEmail({
    to: args.to,
    orgId: args.orgId,
    template: 'member-invite',
    dedupeKey: `invite:${args.invitationId}:${args.sendCount}`,
    subject: `${who} invited you to ${args.orgName} on Fish Mouth`,
    text:
      `${who} invited you to join ${args.orgName} on Fish Mouth as ${ROLE_LABELS[args.role]}.\n\n` +
      `Accept the invitation: ${link}\n\n` +
      `The link works once and expires on ${args.expiresAt.toUTCString()}. If you did not expect this, ignore this email.`,
  })
}
