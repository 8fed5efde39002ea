// The area a scan covers (PRODUCT.md §5.1): a ZIP, a city + state, or a centre + radius drawn on the map.
// Isomorphic (the scan form validates with it in the browser; the edge parses once with it on the server).
// Resolving an area to a circle is server work: lib/geo/area.ts.
import { z } from 'zod'

export const RADIUS_MIN_MILES = 0.5
export const RADIUS_MAX_MILES = 50

const radiusMessage = `Radius must be between ${RADIUS_MIN_MILES} and ${RADIUS_MAX_MILES} miles`

export const zipAreaSchema = z.object({
  kind: z.literal('zip'),
  zip: z
    .string({ message: 'Enter a 5-digit ZIP code' })
    .trim()
    .regex(/^\d{5}$/, 'ZIP must be 5 digits'),
})

export const cityAreaSchema = z.object({
  kind: z.literal('city'),
  city: z
    .string({ message: 'Enter a city' })
    .trim()
    .min(1, 'Enter a city')
    .max(80, 'City is too long')
    .regex(/^[\p{L}\p{M}0-9 .'’-]*$/u, 'City contains characters a city name cannot have'),
  state: z
    .string({ message: 'Enter a state' })
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'State must be a 2-letter code, e.g. TX')
    .transform((s) => s.toUpperCase()),
})

export const radiusAreaSchema = z.object({
  kind: z.literal('radius'),
  lat: z
    .number({ message: 'Latitude must be a number' })
    .min(-90, 'Latitude must be between -90 and 90')
    .max(90, 'Latitude must be between -90 and 90'),
  lng: z
    .number({ message: 'Longitude must be a number' })
    .min(-180, 'Longitude must be between -180 and 180')
    .max(180, 'Longitude must be between -180 and 180'),
  radiusMiles: z
    .number({ message: 'Radius must be a number of miles' })
    .min(RADIUS_MIN_MILES, radiusMessage)
    .max(RADIUS_MAX_MILES, radiusMessage),
})

/** `{ kind: 'zip', zip }` | `{ kind: 'city', city, state }` | `{ kind: 'radius', lat, lng, radiusMiles }` */
export const scanAreaSchema = z.discriminatedUnion('kind', [zipAreaSchema, cityAreaSchema, radiusAreaSchema], {
  error: 'Choose a ZIP, a city, or a point and radius',
})

export type ScanArea = z.infer<typeof scanAreaSchema>
export type ScanAreaInput = z.input<typeof scanAreaSchema>
