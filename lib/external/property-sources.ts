// Property discovery for scans (issue #9 item 2): which source answers, and one call that returns the
// residential properties of an area. Order (PRODUCT.md §5.1):
//   FM_SANDBOX=1                        → sandbox (everywhere, even with a token)
//   Regrid live or misconfigured        → Regrid (a bad token fails loudly rather than silently degrading)
//   Overpass live or misconfigured      → Overpass (keyless; off with OVERPASS_ENABLED=0; tests only via a fake)
//   a kill switch on and nothing above  → UPSTREAM_UNAVAILABLE (a switched-off source never becomes fake data)
//   otherwise                           → sandbox
// Regrid's kill switch (FM_DISABLE_REGRID=1) therefore falls back to Overpass when Overpass is available.
// Results are de-duplicated by normalized address; failures are callService's AppErrors (UPSTREAM_*), which
// the scan pipeline records and retries as a job.
import 'server-only'
import { AppError } from '@/lib/errors'
import { providerEnv, providerState } from '@/lib/external/config'
import { searchBuildings } from '@/lib/external/overpass'
import { searchParcels } from '@/lib/external/regrid'
import { dedupeByAddress } from '@/lib/geo/dedupe'
import { sandboxDiscovery } from '@/lib/geo/sandbox-properties'
import type { DiscoveredProperty, PropertySource, ResolvedArea } from '@/lib/geo/types'
import type { ProviderEnv } from '@/lib/env'

/** A scan's property cap is at most 1,000 (PRODUCT.md §5.1); discovery never returns more. */
export const MAX_DISCOVERY_LIMIT = 1_000

export interface DiscoveryResult {
  source: PropertySource
  properties: DiscoveredProperty[]
  /** true when the properties are invented (sandbox): the scan and its leads say "Sandbox" */
  sandbox: boolean
  /** candidates the source returned but we dropped, by reason (no address, outside the circle, duplicate…) */
  skipped: Record<string, number>
}

/** The source discovery would use now, and why (for the estimate page's warnings and `doctor`). */
export function discoverySource(e: ProviderEnv = providerEnv()): { source: PropertySource; reason: string } {
  if (e.FM_SANDBOX === '1') return { source: 'sandbox', reason: 'FM_SANDBOX=1: sandbox properties' }
  const regrid = providerState('regrid', e)
  if (regrid.status === 'live' || regrid.status === 'misconfigured') return { source: 'regrid', reason: regrid.reason }
  const overpass = providerState('overpass', e)
  if (overpass.status === 'live' || overpass.status === 'misconfigured') return { source: 'overpass', reason: overpass.reason }
  if (regrid.status === 'disabled' || overpass.status === 'disabled')
    throw new AppError('UPSTREAM_UNAVAILABLE', 'Property discovery is switched off by the operator', {
      details: { provider: overpass.status === 'disabled' ? 'overpass' : 'regrid', operation: 'discover', reason: 'kill_switch' },
    })
  return { source: 'sandbox', reason: 'no Regrid token and Overpass off: sandbox properties' }
}

/**
 * The residential properties of an area, at most `limit` (clamped to 1–1,000), distinct by normalized address,
 * from the source `discoverySource()` picks. Sandbox: exactly min(limit, the area's estimate) properties,
 * the same ones for the same area every time.
 */
export async function discoverProperties(input: { area: ResolvedArea; limit: number }): Promise<DiscoveryResult> {
  const limit = Math.max(1, Math.min(MAX_DISCOVERY_LIMIT, Math.floor(input.limit)))
  const { source } = discoverySource()
  let found: { properties: DiscoveredProperty[]; skipped: Record<string, number>; sandbox: boolean }
  if (source === 'regrid') found = await searchParcels({ area: input.area, limit })
  else if (source === 'overpass') found = await searchBuildings({ area: input.area, limit })
  else found = { properties: sandboxDiscovery(input.area, limit), skipped: {}, sandbox: true }
  const { properties, duplicates } = dedupeByAddress(found.properties)
  const skipped = { ...found.skipped }
  if (duplicates) skipped.duplicate_address = (skipped.duplicate_address ?? 0) + duplicates
  return {
    source: found.sandbox ? 'sandbox' : source,
    properties: properties.slice(0, limit),
    sandbox: found.sandbox,
    skipped,
  }
}
