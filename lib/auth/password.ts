// argon2id hashing and the password policy (12–128 chars, not common, not containing the email).
import { hash, verify } from '@node-rs/argon2'
import { z } from 'zod'
import { COMMON_PASSWORDS } from '@/lib/auth/common-passwords'

// OWASP 2024 baseline for argon2id: m=19 MiB, t=2, p=1.
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string) => hash(password, OPTIONS)

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password)
  } catch {
    return false
  }
}

/** A real hash of a random string, verified against when the account does not exist (equal timing). */
let dummyHash: Promise<string> | undefined
export const dummyPasswordHash = () => (dummyHash ??= hashPassword('timing-equaliser-' + Math.random()))

export const passwordField = z
  .string()
  .min(12, 'Use at least 12 characters')
  .max(128, 'Use at most 128 characters')
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), 'This password is too common; choose another')

/** Adds the "must not contain your email" rule where the email is known. */
export function passwordProblem(password: string, email: string): string | null {
  const r = passwordField.safeParse(password)
  if (!r.success) return r.error.issues[0]?.message ?? 'Invalid password'
  const local = email.toLowerCase().split('@')[0] ?? ''
  const p = password.toLowerCase()
  if (p.includes(email.toLowerCase()) || (local.length >= 4 && p.includes(local))) return 'The password must not contain your email'
  return null
}
