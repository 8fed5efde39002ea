// argon2id hashing and the password policy (12–128 chars, not common, not containing the email).
import 'server-only'
import { hash, verify } from '@node-rs/argon2'

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

// The policy lives in password-policy.ts (client-safe); re-exported here for server callers.
export { passwordField, passwordProblem } from '@/lib/auth/password-policy'
