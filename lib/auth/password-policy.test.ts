import { describe, expect, it } from 'vitest'
import { passwordHints, passwordProblem } from './password-policy'

describe('passwordProblem', () => {
  it('accepts a long uncommon password', () => {
    expect(passwordProblem('correct-Horse-battery-42', 'joe@roof.test')).toBeNull()
  })
  it('refuses short, too long and common passwords', () => {
    expect(passwordProblem('short-pw1', 'joe@roof.test')).toMatch(/at least 12/)
    expect(passwordProblem('x'.repeat(129), 'joe@roof.test')).toMatch(/at most 128/)
    expect(passwordProblem('Password1234', 'joe@roof.test')).toMatch(/too common/)
    expect(passwordProblem('QWERTY123456', 'joe@roof.test')).toMatch(/too common/)
  })
  it('refuses passwords containing the email or its local part', () => {
    expect(passwordProblem('xx-joe@roof.test-xx', 'joe@roof.test')).toMatch(/email/)
    expect(passwordProblem('my-Maria.Lopez-2026', 'maria.lopez@roof.test')).toMatch(/email/)
    // short local parts are not meaningful on their own
    expect(passwordProblem('joe-likes-long-roofs', 'joe@roof.test')).toBeNull()
  })
})

describe('passwordHints', () => {
  it('reports each rule', () => {
    expect(passwordHints('', 'a@b.test').every((h) => !h.ok)).toBe(true)
    expect(passwordHints('correct-Horse-battery-42', 'a@b.test').every((h) => h.ok)).toBe(true)
    expect(passwordHints('password1234', 'a@b.test').find((h) => h.label.includes('common'))?.ok).toBe(false)
  })
})
