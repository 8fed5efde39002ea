// The recipient's IANA time zone(s): from the property's coordinates with an offline polygon lookup
// (@photostructure/tz-lookup, no network); without coordinates, every zone of the address state, so the window
// must hold in all of them (the narrowest). Pure, but server-only (the lookup carries ~70 kB of zone data).
import 'server-only'
import tzLookup from '@photostructure/tz-lookup'
import { STATE_ZONES, isUsState } from './zones'

const MAINLAND = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'] as const

export function recipientZones(lead: { lat: number | null; lng: number | null; state: string }): string[] {
  if (lead.lat != null && lead.lng != null && Number.isFinite(lead.lat) && Number.isFinite(lead.lng)) {
    try {
      return [tzLookup(lead.lat, lead.lng)]
    } catch {
      // out-of-range coordinates: fall through to the state's zones
    }
  }
  const state = lead.state.toUpperCase()
  return isUsState(state) ? [...STATE_ZONES[state]] : [...MAINLAND]
}
