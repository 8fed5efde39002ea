import { describe, expect, it } from 'vitest'
import { estimatePropertiesInArea, pointInCircle, resolveArea } from '@/lib/geo/area'
import { addressKeyOf, dedupeByAddress } from '@/lib/geo/dedupe'
import { sandboxDiscovery, sandboxProperties } from '@/lib/geo/sandbox-properties'
import type { DiscoveredProperty } from '@/lib/geo/types'

const circle = resolveArea({ kind: 'radius', lat: 30.2672, lng: -97.7431, radiusMiles: 1.5 })

describe('sandbox properties', () => {
  it('are the same for the same area, every time', () => {
    expect(sandboxProperties(circle, 40)).toEqual(sandboxProperties({ ...circle, label: 'another label' }, 40))
    const other = resolveArea({ kind: 'radius', lat: 30.2672, lng: -97.7431, radiusMiles: 1.6 })
    expect(sandboxProperties(other, 5)).not.toEqual(sandboxProperties(circle, 5))
  })

  it('a larger count extends the list without reshuffling it', () => {
    const ten = sandboxProperties(circle, 10)
    expect(sandboxProperties(circle, 200).slice(0, 10)).toEqual(ten)
  })

  it('lie inside the circle, with distinct addresses and plausible values', () => {
    const list = sandboxProperties(circle, 500)
    expect(list).toHaveLength(500)
    expect(new Set(list.map(addressKeyOf)).size).toBe(500)
    expect(new Set(list.map((p) => p.sourceId)).size).toBe(500)
    for (const p of list) {
      expect(pointInCircle(p, circle.centre, circle.radiusMeters)).toBe(true)
      expect(p.source).toBe('sandbox')
      expect(p.addressLine1).toMatch(/^\d{3,4} [A-Z][A-Za-z ]+ [A-Z][a-z]+$/)
      expect(p.state).toBe('TX')
      expect(p.zip).toMatch(/^787\d\d$/)
      expect(p.yearBuilt).toBeGreaterThanOrEqual(1960)
      expect(p.yearBuilt).toBeLessThanOrEqual(2022)
      expect(Number.isInteger(p.assessedValueCents)).toBe(true)
      expect(p.assessedValueCents).toBeGreaterThanOrEqual(110_000_00)
      expect(p.ownerName).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/)
      expect(p.parcelId).toMatch(/^SBX-[0-9A-F]{10}$/)
    }
  })

  it('use the ZIP of a ZIP area and the city of a city area', () => {
    const zip = resolveArea({ kind: 'zip', zip: '30305' })
    for (const p of sandboxProperties(zip, 30)) expect(p).toMatchObject({ zip: '30305', city: 'Atlanta', state: 'GA' })
    const city = resolveArea({ kind: 'city', city: 'Plano', state: 'TX' })
    for (const p of sandboxProperties(city, 30)) {
      expect(p).toMatchObject({ city: 'Plano', state: 'TX' })
      expect(pointInCircle(p, city.centre, city.radiusMeters)).toBe(true)
    }
  })

  it('a scan gets exactly as many as asked, up to what the area holds', () => {
    expect(sandboxDiscovery(circle, 120)).toHaveLength(120)
    const tiny = resolveArea({ kind: 'radius', lat: 44.5, lng: -103.5, radiusMiles: 0.5 })
    const holds = estimatePropertiesInArea(tiny).inArea
    expect(holds).toBeLessThan(1_000)
    expect(sandboxDiscovery(tiny, 1_000)).toHaveLength(holds)
    expect(sandboxDiscovery(resolveArea({ kind: 'radius', lat: 0, lng: -150, radiusMiles: 5 }), 50)).toEqual([])
  })
})

describe('dedupeByAddress', () => {
  it('keeps the first of each normalized address', () => {
    const base: DiscoveredProperty = {
      sourceId: 'a',
      source: 'overpass',
      addressLine1: '12 North Main Street',
      city: 'Austin',
      state: 'TX',
      zip: '78701',
      lat: 30,
      lng: -97,
    }
    const { properties, duplicates } = dedupeByAddress([
      base,
      { ...base, sourceId: 'b', addressLine1: '12 N Main St.', state: 'Texas', zip: '78701-1234' },
      { ...base, sourceId: 'c', addressLine1: '14 N Main St' },
    ])
    expect(properties.map((p) => p.sourceId)).toEqual(['a', 'c'])
    expect(duplicates).toBe(1)
  })
})
