// OpenStreetMap Overpass API fake: `POST /api/interpreter` with a form field `data` holding Overpass QL. It
// understands the query shapes property discovery sends — `way[...](around:R,lat,lng); out … N;` or, for a drawn
// area, `way[...](poly:"lat lon lat lon …"); out … N;`, with `[out:json]` — and answers
// `{ version, generator, osm3s, elements }` from an in-memory list of buildings (ways with a centre and tags)
// within R metres (or inside the polygon), at most N. Like Overpass, which matches a way when any of its nodes is
// in range, it also returns a building whose centre is up to 30 m beyond R (a polygon: whose centre is within
// 0.0003° of the shape's bounding box, the building's outline reaching in). Anything else is 400, as Overpass
// answers a query it cannot parse.
import { startFake, type FakeServer } from './fake-server'

export interface OverpassFakeElement {
  type: 'way'
  id: number
  center: { lat: number; lon: number }
  tags: Record<string, string>
}
export interface OverpassFake extends FakeServer {
  /** the buildings the fake knows */
  elements: OverpassFakeElement[]
  /** the Overpass QL of every request, in order */
  queries: string[]
}

const toRad = (d: number) => (d * Math.PI) / 180
/** even–odd ray casting; `ring` is [lat, lon] pairs */
function insideRing(lat: number, lng: number, ring: Array<[number, number]>): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ay, ax] = ring[i]
    const [by, bx] = ring[j]
    if (ay > lat !== by > lat && lng < ((bx - ax) * (lat - ay)) / (by - ay) + ax) inside = !inside
  }
  return inside
}

function meters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const h =
    Math.sin(toRad(b.lat - a.lat) / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(toRad(b.lng - a.lng) / 2) ** 2
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h))
}

/** An addressed house at (lat, lng); override or drop (value undefined) any tag. */
export function osmHouse(id: number, lat: number, lng: number, tags: Record<string, string | undefined> = {}): OverpassFakeElement {
  const all: Record<string, string | undefined> = {
    building: 'house',
    'addr:housenumber': String(200 + id),
    'addr:street': 'Maple Avenue',
    'addr:city': 'Austin',
    'addr:state': 'TX',
    'addr:postcode': '78701',
    ...tags,
  }
  return {
    type: 'way',
    id,
    center: { lat, lon: lng },
    tags: Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined)),
  }
}

export async function startOverpassFake(): Promise<OverpassFake> {
  const elements: OverpassFakeElement[] = []
  const queries: string[] = []
  const fake = await startFake({
    errorBody: (status) => ({ remark: `fake ${status}` }),
    routes: [
      {
        method: 'POST',
        path: /^\/api\/interpreter$/,
        handle: (r) => {
          const q = String((r.body as Record<string, string> | null)?.data ?? '')
          queries.push(q)
          const around = q.match(/\(around:(\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)\)/)
          const poly = q.match(/\(poly:"([-\d. ]+)"\)/)
          const numbers = poly ? poly[1].trim().split(/\s+/).map(Number) : []
          const ring: Array<[number, number]> = []
          for (let i = 0; i + 1 < numbers.length; i += 2) ring.push([numbers[i], numbers[i + 1]])
          const polyOk = !!poly && numbers.length % 2 === 0 && ring.length >= 3 && numbers.every(Number.isFinite)
          const out = q.match(/out\b[^;]*?(\d+)\s*;/)
          if (!q.includes('[out:json]') || (!around && !polyOk) || !/way\["building"\]\["addr:housenumber"\]\["addr:street"\]/.test(q))
            return { status: 400, body: { remark: 'static error: parse error' } }
          const max = out ? Number(out[1]) : Infinity
          let matches: (e: OverpassFakeElement) => boolean
          if (around) {
            const [radius, lat, lng] = around.slice(1).map(Number)
            matches = (e) => meters({ lat, lng }, { lat: e.center.lat, lng: e.center.lon }) <= radius + 30
          } else {
            const lats = ring.map((p) => p[0])
            const lngs = ring.map((p) => p[1])
            const m = 0.0003
            const [s, n, w, east] = [Math.min(...lats) - m, Math.max(...lats) + m, Math.min(...lngs) - m, Math.max(...lngs) + m]
            // inside the shape, or an outline reaching in from just outside its box (a centre the client must drop)
            matches = (e) =>
              insideRing(e.center.lat, e.center.lon, ring) ||
              (e.tags['fake:reaches-in'] === 'yes' && e.center.lat >= s && e.center.lat <= n && e.center.lon >= w && e.center.lon <= east)
          }
          const hits = elements.filter(matches).slice(0, max)
          return {
            status: 200,
            body: {
              version: 0.6,
              generator: 'Overpass API fake',
              osm3s: { timestamp_osm_base: '2026-01-01T00:00:00Z', copyright: 'ODbL' },
              elements: hits,
            },
          }
        },
      },
    ],
  })
  const reset = fake.reset
  return Object.assign(fake, {
    elements,
    queries,
    reset: () => {
      reset()
      elements.length = 0
      queries.length = 0
    },
  })
}
