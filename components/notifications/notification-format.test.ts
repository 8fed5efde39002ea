import { describe, expect, it } from 'vitest'
import { badgeCount, bellLabel, relativeTime, safeAppPath } from './notification-format'

describe('notification format', () => {
  const now = Date.parse('2026-11-20T12:00:00Z')
  it('says how long ago, then the date', () => {
    expect(relativeTime('2026-11-20T11:59:30Z', now)).toBe('just now')
    expect(relativeTime('2026-11-20T11:55:00Z', now)).toBe('5 min ago')
    expect(relativeTime('2026-11-20T09:00:00Z', now)).toBe('3 h ago')
    expect(relativeTime('2026-11-19T12:00:00Z', now)).toBe('1 day ago')
    expect(relativeTime('2026-11-01T12:00:00Z', now)).toBe('Nov 1, 2026')
    expect(relativeTime('2026-11-20T12:00:05Z', now)).toBe('just now')
  })
  it('badge and accessible name', () => {
    expect(badgeCount(3)).toBe('3')
    expect(badgeCount(120)).toBe('99+')
    expect(bellLabel(3)).toBe('Notifications, 3 unread')
  })
  it('follows app paths only', () => {
    expect(safeAppPath('/acme/leads/1', '/x')).toBe('/acme/leads/1')
    for (const bad of ['//evil.test', '/\\evil.test', 'https://evil.test', 'javascript:alert(1)']) expect(safeAppPath(bad, '/x')).toBe('/x')
  })
})
