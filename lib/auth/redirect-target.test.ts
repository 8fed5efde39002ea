import { describe, expect, it } from 'vitest'
import { postSignInTarget, safeNextPath } from './redirect-target'

describe('safeNextPath', () => {
  it('keeps same-site relative paths', () => {
    expect(safeNextPath('/acme/leads?page=2#top')).toBe('/acme/leads?page=2#top')
    expect(safeNextPath('/')).toBe('/')
  })
  it('refuses anything that could leave the site', () => {
    for (const bad of [
      '//evil.test',
      '/\\evil.test',
      'https://evil.test',
      'javascript:alert(1)',
      'acme',
      '',
      '/a\\b',
      '/\t/evil.test',
      null,
      undefined,
    ])
      expect(safeNextPath(bad as string), String(bad)).toBeNull()
  })
})

describe('postSignInTarget', () => {
  it('prefers next, then the first org, then /orgs/new', () => {
    expect(postSignInTarget({ next: '/x/leads', firstOrgSlug: 'acme' })).toBe('/x/leads')
    expect(postSignInTarget({ next: '//evil.test', firstOrgSlug: 'acme' })).toBe('/acme')
    expect(postSignInTarget({ firstOrgSlug: null })).toBe('/orgs/new')
    expect(postSignInTarget({ firstOrgSlug: 'acme', emailVerified: false })).toBe('/verify-email')
  })
})
