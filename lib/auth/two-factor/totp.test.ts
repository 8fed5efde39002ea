import { describe, expect, it } from 'vitest'
import { generateRecoveryCodes, hashRecoveryCode, newTotpSecret, normalizeRecoveryCode, totpFor, totpStep, verifyTotp } from './totp'

describe('verifyTotp', () => {
  const secret = newTotpSecret()
  const at = (t: number) => totpFor({ secret, label: 'x' }).generate({ timestamp: t })
  const now = Date.UTC(2026, 10, 23, 12, 0, 15)

  it('accepts the current code and one step either side', () => {
    expect(verifyTotp({ secret, code: at(now), timestamp: now })).toBe(true)
    expect(verifyTotp({ secret, code: at(now - 30_000), timestamp: now })).toBe(true)
    expect(verifyTotp({ secret, code: at(now + 30_000), timestamp: now })).toBe(true)
  })
  it('refuses codes two steps away, malformed codes and other secrets', () => {
    expect(verifyTotp({ secret, code: at(now - 60_000), timestamp: now })).toBe(false)
    expect(verifyTotp({ secret, code: at(now + 60_000), timestamp: now })).toBe(false)
    expect(verifyTotp({ secret, code: 'abcdef', timestamp: now })).toBe(false)
    expect(verifyTotp({ secret, code: '12345', timestamp: now })).toBe(false)
    const other = newTotpSecret()
    expect(verifyTotp({ secret: other, code: at(now), timestamp: now })).toBe(false)
  })
  it('reports the matched time step (for replay protection)', () => {
    const step = Math.floor(now / 30_000)
    expect(totpStep({ secret, code: at(now), timestamp: now })).toBe(step)
    expect(totpStep({ secret, code: at(now - 30_000), timestamp: now })).toBe(step - 1)
    expect(totpStep({ secret, code: at(now + 30_000), timestamp: now })).toBe(step + 1)
    expect(totpStep({ secret, code: at(now - 60_000), timestamp: now })).toBeNull()
  })
  it('builds an otpauth URI with issuer, SHA1, 6 digits, 30 s', () => {
    const uri = totpFor({ secret, label: 'a@b.test' }).toString()
    expect(uri).toMatch(/^otpauth:\/\/totp\/Fish%20Mouth:a%40b\.test\?/)
    expect(uri).toContain('algorithm=SHA1')
    expect(uri).toContain('digits=6')
    expect(uri).toContain('period=30')
  })
})

describe('recovery codes', () => {
  it('generates 10 distinct, readable codes', () => {
    const codes = generateRecoveryCodes()
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/)
  })
  it('hashes independent of case, spaces and hyphens', () => {
    expect(normalizeRecoveryCode(' AbCde-FgHjk ')).toBe('abcdefghjk')
    expect(hashRecoveryCode('ABCDE FGHJK')).toBe(hashRecoveryCode('abcde-fghjk'))
    expect(hashRecoveryCode('abcde-fghjk')).not.toBe(hashRecoveryCode('abcde-fghjm'))
  })
})
