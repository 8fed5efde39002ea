import { describe, expect, it } from 'vitest'
import { aerialImageKey, contentTypeForKey, isValidKey, objectKeyFor } from '@/lib/storage/keys'

const SHA = 'a'.repeat(64)

describe('storage keys', () => {
  it('builds org-scoped keys', () => {
    expect(objectKeyFor({ orgId: 'cm0org1', kind: 'aerial', name: 'x.jpg' })).toBe('orgs/cm0org1/aerial/x.jpg')
    expect(aerialImageKey({ orgId: 'cm0org1', sha256: SHA, contentType: 'image/jpeg' })).toBe(`orgs/cm0org1/aerial/${SHA}.jpg`)
    expect(aerialImageKey({ orgId: 'o', sha256: SHA, contentType: 'image/png; charset=binary' })).toMatch(/\.png$/)
    expect(aerialImageKey({ orgId: 'o', sha256: SHA, contentType: 'application/x-weird' })).toMatch(/\.bin$/)
  })

  it('refuses an org id or sha that would break out of the prefix', () => {
    expect(() => objectKeyFor({ orgId: '..', kind: 'aerial', name: 'x.jpg' })).toThrow(/Invalid storage key/)
    expect(() => objectKeyFor({ orgId: 'a/../../b', kind: 'aerial', name: 'x' })).toThrow(/Invalid storage key/)
    expect(() => aerialImageKey({ orgId: 'o', sha256: '../etc', contentType: 'image/jpeg' })).toThrow(/sha256/)
  })

  it.each([
    '',
    '/etc/passwd',
    '../x',
    'a/../../x',
    'a/./b',
    'a//b',
    'a/',
    '.hidden',
    'a\\..\\b',
    'a/b\0c',
    '%2e%2e/x',
    'a b',
    'é',
    'x.meta.json',
    'x.tmp',
    'a/' + 'b'.repeat(600),
  ])('refuses %j', (key) => {
    expect(isValidKey(key)).toBe(false)
  })

  it('accepts ordinary keys', () => {
    for (const k of ['a', 'orgs/o1/aerial/abc.jpg', 'A-b_c.1/x']) expect(isValidKey(k)).toBe(true)
    expect(isValidKey(42)).toBe(false)
  })

  it('guesses the content type from the extension', () => {
    expect(contentTypeForKey('a/b.jpg')).toBe('image/jpeg')
    expect(contentTypeForKey('a/b.PNG')).toBe('image/png')
    expect(contentTypeForKey('a/b')).toBe('application/octet-stream')
  })
})
