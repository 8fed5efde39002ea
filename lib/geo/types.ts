// Shared shapes of property discovery: the circle a scan covers and a property a source found in it.
import 'server-only'
import type { LatLng } from '@/lib/geo/distance'

export type { LatLng } from '@/lib/geo/distance'

/**
 * A scan area resolved to a circle (lib/geo/area.ts resolveArea). A drawn area keeps its shape in `polygon`; its
 * circle is the bounding circle the sources query, and only properties inside the shape are kept (withinArea).
 */
export interface ResolvedArea {
  kind: 'zip' | 'city' | 'radius' | 'polygon'
  centre: LatLng
  radiusMeters: number
  /** human label: "ZIP 78701 (Austin, TX)", "Austin, TX", "2 mi around 30.26720, -97.74310", "Drawn area (3.2 sq mi)" */
  label: string
  /** a drawn area's corners (a simple ring, not closed) */
  polygon?: LatLng[]
  /** a drawn area's own area in square miles (the circle's is larger) */
  areaSqMiles?: number
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
