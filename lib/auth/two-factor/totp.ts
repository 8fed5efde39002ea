// TOTP (RFC 6238: SHA1, 6 digits, 30 s) and recovery codes. Pure helpers, unit-tested next door.
import 'server-only'
import { Secret, TOTP } from 'otpauth'
import { randomBytes } from 'node:crypto'
import { sha256Hex } from '@/lib/crypto'

export const TOTP_ISSUER = 'Fish Mouth'
/** Accept the previous and next 30 s step too (clock drift between phone and server). */
export const TOTP_WINDOW = 1
export const RECOVERY_CODE_COUNT = 10

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

export function totpFor({ secret, label }: { secret: string; label: string }): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) })
}

/** The 30 s time step the code belongs to (`timestamp` ± one step), or null when it does not match. */
export function totpStep({ secret, code, timestamp = Date.now() }: { secret: string; code: string; timestamp?: number }): number | null {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return null
  const delta = totpFor({ secret, label: 'verify' }).validate({ token, timestamp, window: TOTP_WINDOW })
  return delta === null ? null : Math.floor(timestamp / 30_000) + delta
}

/** true when `code` matches the secret at `timestamp` ± one step. */
export const verifyTotp = (args: { secret: string; code: string; timestamp?: number }): boolean => totpStep(args) !== null

export const isTotpShaped = (code: string) => /^\d{6}$/.test(code.replace(/\s+/g, ''))

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789' // no 0/o, 1/l/i

/** 10 codes like "k7m2p-x9c4t" (~50 bits each), shown once. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10)
    const chars = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('')
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })
}

export const normalizeRecoveryCode = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
export const hashRecoveryCode = (code: string) => sha256Hex(`recovery:${normalizeRecoveryCode(code)}`)
