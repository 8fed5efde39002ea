// Discovered properties are de-duplicated by normalized address (USPS style, lib/leads/normalize-address.ts):
// the same key the leads table is unique on, so "already a lead" and "found twice" mean the same thing.
import 'server-only'
import type { DiscoveredProperty } from '@/lib/geo/types'
import { normalizeAddress } from '@/lib/leads/normalize-address'

export function addressKeyOf(p: Pick<DiscoveredProperty, 'addressLine1' | 'city' | 'state' | 'zip'>): string {
  return normalizeAddress({ line1: p.addressLine1, city: p.city, state: p.state, zip: p.zip })
}

/** Keeps the first property of each normalized address, in order. */
export function dedupeByAddress(list: DiscoveredProperty[]): { properties: DiscoveredProperty[]; duplicates: number } {
  const seen = new Set<string>()
  const properties = list.filter((p) => {
    const key = addressKeyOf(p)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return { properties, duplicates: list.length - properties.length }
}
