// OpenStreetMap Overpass API fake: `POST /api/interpreter` with a form field `data` holding Overpass QL. It
// understands the one query shape property discovery sends — `way[...](around:R,lat,lng); out … N;` with
// `[out:json]` — and answers `{ version, generator, osm3s, elements }` from an in-memory list of buildings
// (ways with a centre and tags) within R metres, at most N. Like Overpass, which matches a way when any of its
// nodes is in range, it also returns a building whose centre is up to 30 m beyond R. Anything else is 400, as Overpass answers a
// query it cannot parse.
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
          const out = q.match(/out\b[^;]*?(\d+)\s*;/)
          if (!q.includes('[out:json]') || !around || !/way\["building"\]\["addr:housenumber"\]\["addr:street"\]/.test(q))
            return { status: 400, body: { remark: 'static error: parse error' } }
          const [radius, lat, lng] = around.slice(1).map(Number)
          const max = out ? Number(out[1]) : Infinity
          const hits = elements.filter((e) => meters({ lat, lng }, { lat: e.center.lat, lng: e.center.lon }) <= radius + 30).slice(0, max)
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
