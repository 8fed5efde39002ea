// The auth emails (verification, password reset, password changed). All go through lib/email/send-email.ts.
import 'server-only'
import { env } from '@/lib/env'
import { sendEmail } from '@/lib/email/send-email'

const link = (path: string) => new URL(path, env().APP_URL).toString()

export async function sendVerificationEmail({ to, name, tokenId, token }: { to: string; name: string; tokenId: string; token: string }) {
  const url = link(`/verify-email/${encodeURIComponent(token)}`)
  return sendEmail({
    to,
    template: 'verify-email',
    dedupeKey: `verify-email:${tokenId}`,
    subject: 'Confirm your email for Fish Mouth',
    text: `Hi ${name},\n\nConfirm your email address to start using Fish Mouth:\n${url}\n\nThis link works once and expires in 24 hours. If you did not sign up, ignore this email.`,
  })
}

export async function sendPasswordResetEmail({ to, tokenId, token }: { to: string; tokenId: string; token: string }) {
  const url = link(`/reset-password?token=${encodeURIComponent(token)}`)
  return sendEmail({
    to,
    template: 'password-reset',
    dedupeKey: `password-reset:${tokenId}`,
    subject: 'Reset your Fish Mouth password',
    text: `Someone (hopefully you) asked to reset the password of your Fish Mouth account.\n\nChoose a new password here:\n${url}\n\nThis link works once and expires in 1 hour. If you did not ask, ignore this email: your password stays the same.`,
  })
}

export async function sendPasswordChangedEmail({ to, name, eventId }: { to: string; name: string; eventId: string }) {
  return sendEmail({
    to,
    template: 'password-changed',
    dedupeKey: `password-changed:${eventId}`,
    subject: 'Your Fish Mouth password was changed',
    text: `Hi ${name},\n\nThe password of your Fish Mouth account was just changed, and your other sessions were signed out.\n\nIf this was not you, reset your password now: ${link('/forgot-password')}`,
  })
}
