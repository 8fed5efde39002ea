// Shared shapes of property discovery: the circle a scan covers and a property a source found in it.
import 'server-only'
import type { LatLng } from '@/lib/geo/distance'

export type { LatLng } from '@/lib/geo/distance'

/** A scan area resolved to a circle (lib/geo/area.ts resolveArea). */
export interface ResolvedArea {
  kind: 'zip' | 'city' | 'radius'
  centre: LatLng
  radiusMeters: number
  /** human label: "ZIP 78701 (Austin, TX)", "Austin, TX", "2 mi around 30.26720, -97.74310" */
  label: string
  /** the ZIP of a ZIP area; the city/state of a ZIP or city area */
  zip?: string
  city?: string
  state?: string
}

export type PropertySource = 'regrid' | 'overpass' | 'sandbox'

/** One residential property a discovery source found inside the area (all strings trimmed, state 2 letters). */
export interface DiscoveredProperty {
  /** stable per source: "regrid:<ll_uuid>", "osm:way/<id>", "sandbox:<hash>" */
  sourceId: string
  source: PropertySource
  addressLine1: string
  city: string
  state: string
  zip: string
  lat: number
  lng: number
  ownerName?: string
  yearBuilt?: number
  /** assessed (or, when the county publishes only that, market) value in integer cents */
  assessedValueCents?: number
  /** the county's parcel number (APN) */
  parcelId?: string
}
