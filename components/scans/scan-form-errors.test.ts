import { describe, expect, it } from 'vitest'
import { scanAreaSchema } from '@/lib/geo/schemas'
import { issuesOf, retryIn, scanFieldErrors } from './scan-form-errors'

describe('new-scan field errors', () => {
  it('puts server issues (action schema paths and resolveArea paths) next to the right field', () => {
    const errors = scanFieldErrors([
      { path: 'area.radiusMiles', message: 'Radius must be between 0.5 and 50 miles' },
      { path: 'propertyCap', message: 'Scan at least 10 properties' },
      { path: 'zip', message: "We don't know the ZIP code 00000" },
      { path: 'area.city', message: 'Enter a city' },
    ])
    expect(errors).toEqual({
      radiusMiles: 'Radius must be between 0.5 and 50 miles',
      propertyCap: 'Scan at least 10 properties',
      zip: "We don't know the ZIP code 00000",
      city: 'Enter a city',
    })
  })

  it('maps the browser-side zod issues (array paths) and keeps the first message per field', () => {
    const r = scanAreaSchema.safeParse({ kind: 'radius', lat: 120, lng: -97, radiusMiles: 0 })
    expect(r.success).toBe(false)
    const errors = scanFieldErrors(r.error!.issues)
    expect(errors.lat).toMatch(/Latitude/)
    expect(errors.radiusMiles).toMatch(/between 0.5 and 50/)
    expect(errors.lng).toBeUndefined()
    expect(
      scanFieldErrors([
        { path: 'zip', message: 'first' },
        { path: 'zip', message: 'second' },
      ]).zip,
    ).toBe('first')
  })

  it('sends unknown paths, the area union itself and junk to the form-level message', () => {
    expect(scanFieldErrors([{ path: 'area', message: 'Choose a ZIP, a city, or a point and radius' }])).toEqual({
      form: 'Choose a ZIP, a city, or a point and radius',
    })
    expect(scanFieldErrors([{ path: 'area.kind' }])).toEqual({ form: 'Check this value' })
    expect(scanFieldErrors(null)).toEqual({})
  })

  it('reads issues from an error envelope defensively', () => {
    expect(issuesOf({ issues: [{ path: 'zip', message: 'x' }, 'junk', null] })).toEqual([{ path: 'zip', message: 'x' }])
    expect(issuesOf(undefined)).toEqual([])
    expect(issuesOf({ issues: 'no' })).toEqual([])
  })

  it('says when to retry after a rate limit', () => {
    expect(retryIn(2520)).toBe('in 42 min')
    expect(retryIn(61)).toBe('in 2 min')
    expect(retryIn(30)).toBe('in 30 s')
    expect(retryIn(undefined)).toBeNull()
    expect(retryIn(-1)).toBeNull()
  })
})
