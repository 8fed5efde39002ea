// The password policy, without the hashing library, so client forms validate with the very same zod schema
// the server uses (12–128 chars, not a common/breached password, not containing the email).
import { z } from 'zod'
import { COMMON_PASSWORDS } from '@/lib/auth/common-passwords'

export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 128

export const passwordField = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`)
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), 'This password is too common; choose another')

/** Adds the "must not contain your email" rule where the email is known. */
export function passwordProblem(password: string, email: string): string | null {
  const r = passwordField.safeParse(password)
  if (!r.success) return r.error.issues[0]?.message ?? 'Invalid password'
  const local = email.toLowerCase().split('@')[0] ?? ''
  const p = password.toLowerCase()
  if (email && (p.includes(email.toLowerCase()) || (local.length >= 4 && p.includes(local))))
    return 'The password must not contain your email'
  return null
}

/** Live hints for the sign-up / change-password forms (each rule, met or not). */
export function passwordHints(password: string, email = ''): Array<{ label: string; ok: boolean }> {
  const local = email.toLowerCase().split('@')[0] ?? ''
  const p = password.toLowerCase()
  return [
    { label: `At least ${PASSWORD_MIN} characters`, ok: password.length >= PASSWORD_MIN && password.length <= PASSWORD_MAX },
    { label: 'Not a common password', ok: password.length > 0 && !COMMON_PASSWORDS.has(p) },
    {
      label: 'Does not contain your email',
      ok: password.length > 0 && !(email && (p.includes(email.toLowerCase()) || (local.length >= 4 && p.includes(local)))),
    },
  ]
}
