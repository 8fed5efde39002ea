// Tokens are random, sent once, and stored only as sha256 hashes. PII/secrets at rest use AES-256-GCM.
import 'server-only'
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { env } from '@/lib/env'

export const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex')

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url')

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a)
  const bb = Buffer.from(b)
  return ab.length === bb.length && timingSafeEqual(ab, bb)
}

const key = () => Buffer.from(env().ENCRYPTION_KEY, 'hex')

/** "v1.<iv>.<tag>.<ciphertext>" base64url */
export function encrypt(plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(), iv)
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.')
}

export function decrypt(value: string): string {
  const [v, iv, tag, ct] = value.split('.')
  if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unrecognised ciphertext')
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8')
}
