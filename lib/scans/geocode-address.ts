// Pipeline stage 0 of a property that has an address but no coordinates (a scan of a CSV of addresses): geocode
// it through Google (lib/external/google-maps.ts `geocode`, the one caller in the pipeline; its calls go through
// call-service's google_maps bulkhead, retry and breaker like every provider), and store lat/lng on the property
// BEFORE imaging, so a worker that dies after this never geocodes the address twice. Not found → null: the
// caller fails that property ("Address not found"), never the scan. Provider failures throw (the job retries).
import 'server-only'
import { db } from '@/lib/db'
import { geocode } from '@/lib/external/google-maps'

export const ADDRESS_NOT_FOUND = 'Address not found'

export interface AddressToGeocode {
  id: string
  addressLine1: string
  city: string
  state: string
  zip: string
}

/** "123 Main St, Dallas, TX 75201": the one-line form Google's geocoder reads best. */
export function oneLineAddress(p: Pick<AddressToGeocode, 'addressLine1' | 'city' | 'state' | 'zip'>): string {
  return `${p.addressLine1}, ${p.city}, ${p.state} ${p.zip}`
}

export async function geocodeScanProperty({
  orgId,
  p,
}: {
  orgId: string
  p: AddressToGeocode
}): Promise<{ lat: number; lng: number } | null> {
  const found = await geocode({ address: oneLineAddress(p) })
  if (!found || !Number.isFinite(found.lat) || !Number.isFinite(found.lng) || Math.abs(found.lat) > 90 || Math.abs(found.lng) > 180)
    return null
  const point = { lat: found.lat, lng: found.lng }
  // only fills coordinates that are still missing: a racing duplicate delivery cannot move a point already stored
  const stored = await db.scanProperty.updateMany({ where: { id: p.id, orgId, lat: null }, data: point })
  if (stored.count) return point
  const row = await db.scanProperty.findFirst({ where: { id: p.id, orgId }, select: { lat: true, lng: true } })
  return row?.lat != null && row.lng != null ? { lat: row.lat, lng: row.lng } : null
}
