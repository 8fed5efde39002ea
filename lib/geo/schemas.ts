// The area a scan covers (PRODUCT.md §5.1): a ZIP, a city + state, or a centre + radius drawn on the map.
// Isomorphic (the scan form validates with it in the browser; the edge parses once with it on the server).
// Resolving an area to a circle is server work: lib/geo/area.ts.
import { z } from 'zod'
import { normalizeRing, POLYGON_MAX_VERTICES, POLYGON_MIN_VERTICES } from '@/lib/geo/polygon'

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

const vertexSchema = z.object({
  lat: radiusAreaSchema.shape.lat,
  lng: radiusAreaSchema.shape.lng,
})

/**
 * A shape drawn on the map: its corners in order (3–200 once a closing corner equal to the first and consecutive
 * duplicates are dropped). Crossing edges, no area or a shape larger than the largest circle are refused by
 * resolveArea (lib/geo/polygon.ts checkPolygon), which the form also runs as the shape is drawn.
 */
export const polygonAreaSchema = z.object({
  kind: z.literal('polygon'),
  vertices: z
    .array(vertexSchema, { message: 'Draw the area on the map' })
    // a bound on the raw list (a closing corner and double clicks are dropped below)
    .max(POLYGON_MAX_VERTICES * 2, `Draw at most ${POLYGON_MAX_VERTICES} corners`)
    .transform((v) => normalizeRing(v))
    .pipe(
      z
        .array(vertexSchema)
        .min(POLYGON_MIN_VERTICES, `Draw at least ${POLYGON_MIN_VERTICES} corners`)
        .max(POLYGON_MAX_VERTICES, `Draw at most ${POLYGON_MAX_VERTICES} corners`),
    ),
})

/**
 * `{ kind: 'zip', zip }` | `{ kind: 'city', city, state }` | `{ kind: 'radius', lat, lng, radiusMiles }` |
 * `{ kind: 'polygon', vertices: [{ lat, lng }, …] }`
 */
export const scanAreaSchema = z.discriminatedUnion('kind', [zipAreaSchema, cityAreaSchema, radiusAreaSchema, polygonAreaSchema], {
  error: 'Choose a ZIP, a city, a point and radius, or an area drawn on the map',
})

export type ScanArea = z.infer<typeof scanAreaSchema>
export type ScanAreaInput = z.input<typeof scanAreaSchema>
