import { describe, expect, it } from 'vitest'
import { RESERVED_SLUGS, slugProblem, suggestSlug } from './slug'

describe('slugProblem', () => {
  it('accepts good slugs', () => {
    for (const s of ['acme', 'acme-roofing', 'a1b', 'x'.repeat(48), 'joes-roofing-2']) expect(slugProblem(s)).toBeNull()
  })
  it('refuses bad formats', () => {
    for (const s of ['', 'ab', 'x'.repeat(49), 'Acme', 'acme roofing', 'acme_roofing', '-acme', 'acme-', 'acme--co', 'ümlaut', 'a/b'])
      expect(slugProblem(s), s).not.toBeNull()
  })
  it('refuses every top-level route name', () => {
    for (const s of [
      'admin',
      'api',
      'account',
      'app',
      'auth',
      'dev',
      'help',
      'invite',
      'orgs',
      'pricing',
      'sign-in',
      'sign-up',
      'sign-out',
      'verify-email',
      'forgot-password',
      'reset-password',
      'terms',
      'privacy',
      'cookies',
      'billing-terms',
      'status',
      'settings',
      'static',
      'www',
      'mail',
      'support',
      'docs',
      'blog',
      'new',
    ])
      expect(slugProblem(s), s).toMatch(/reserved/)
  })
})

describe('suggestSlug', () => {
  it('derives a valid slug from names', () => {
    expect(suggestSlug("Joe's Roofing & Sons, LLC")).toBe('joes-roofing-sons-llc')
    expect(suggestSlug('Crème Brûlée Exteriors')).toBe('creme-brulee-exteriors')
    for (const n of ['', 'A', '!!!', 'Admin', 'Settings', 'x'.repeat(80), 'a '.repeat(40), 'Ω Roofing'])
      expect(slugProblem(suggestSlug(n)), n).toBeNull()
  })
  it('never suggests a reserved word', () => {
    for (const r of RESERVED_SLUGS) expect(RESERVED_SLUGS.has(suggestSlug(r))).toBe(false)
  })
})
