// Shared helpers for the auth integration tests (real database, no mocks).
import { randomInt } from 'node:crypto'
import { db } from '@/lib/db'
import { uniq } from '@/tests/factories'
import { waitForClockPast } from '@/tests/wait-for'
import { signUp } from '@/lib/auth/sign-up'
import { signUpSchema, type SignUpInput } from '@/lib/auth/schemas'

/** Sign-up as the form's action does it: parse with the shared schema, then the use case. */
export const signUpFromForm = async (raw: SignUpInput) => signUp(signUpSchema.parse(raw))

export const uniqEmail = (prefix = 'auth-') => `${uniq(prefix)}@example.test`
export const uniqIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`
export const GOOD_PASSWORD = 'Shingle-Ladder-Gutter-77'

export async function emailsTo(to: string) {
  return db.emailMessage.findMany({
    where: { toEmail: to.toLowerCase() },
    orderBy: { createdAt: 'desc' },
    select: { template: true, subject: true, text: true },
  })
}

/** Waits until the clock is past the newest email to `to`, so the next one gets a LATER created_at (millisecond
 * precision: two emails in one millisecond tie, and "the newest" would be a coin toss). */
export async function waitPastLatestEmailTo(to: string) {
  const m = await db.emailMessage.findFirst({
    where: { toEmail: to.toLowerCase() },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  })
  if (m) await waitForClockPast(m.createdAt)
}

/** The token from the newest email of `template` sent to `to`. */
export async function tokenFromLatestEmail(to: string, template: 'verify-email' | 'password-reset'): Promise<string> {
  const mail = (await emailsTo(to)).find((m) => m.template === template)
  if (!mail) throw new Error(`no ${template} email to ${to}`)
  const m =
    template === 'verify-email' ? mail.text.match(/\/verify-email\/([A-Za-z0-9_-]+)/) : mail.text.match(/[?&]token=([A-Za-z0-9_-]+)/)
  if (!m) throw new Error('no token in email')
  return m[1]
}

/** Moves a user's auth tokens of one kind into the past (to test expiry and hourly windows). */
export async function ageTokens(userId: string, kind: 'EMAIL_VERIFY' | 'PASSWORD_RESET', ms: number) {
  await db.$executeRaw`UPDATE auth_tokens SET created_at = created_at - ${ms} * interval '1 millisecond', expires_at = expires_at - ${ms} * interval '1 millisecond' WHERE user_id = ${userId}::uuid AND kind = ${kind}::"AuthTokenKind"`
}

export function signUpInput(over: Partial<{ name: string; email: string; password: string; companyName: string; slug: string }> = {}) {
  return {
    name: 'Dana Roofer',
    email: uniqEmail('signup-'),
    password: GOOD_PASSWORD,
    companyName: 'Dana Roofing',
    slug: uniq('dana-'),
    ...over,
  }
}
