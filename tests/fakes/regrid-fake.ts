// Regrid parcels API v2 fake: `GET /api/v2/parcels/point?lat&lon&radius&limit&offset_id&token` answering
// `{ parcels: FeatureCollection }` from an in-memory parcel list (fields as in Regrid's standard schema; the
// feature's root `id` is the pagination key: offset_id=N returns parcels with id > N in id order). A token that
// does not start with "rg_" gets 401; limit outside 1–1000 or radius over 32,000 m gets 400, as documented.
import { startFake, type FakeServer } from './fake-server'

export interface RegridFakeParcel {
  id: number
  /** where the parcel is (the spatial match uses it, so fields.lat/lon can be blanked to test mapping) */
  point: { lat: number; lng: number }
  fields: Record<string, unknown>
}
export interface RegridFake extends FakeServer {
  /** the parcels the fake knows; replace or push freely */
  parcels: RegridFakeParcel[]
}

const toRad = (d: number) => (d * Math.PI) / 180
function meters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const h =
    Math.sin(toRad(b.lat - a.lat) / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(toRad(b.lng - a.lng) / 2) ** 2
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h))
}

/** A residential parcel at (lat, lng) with a situs address, owner, year built and value; override any field. */
export function regridParcel(id: number, lat: number, lng: number, fields: Record<string, unknown> = {}): RegridFakeParcel {
  return {
    id,
    point: { lat, lng },
    fields: {
      ogc_fid: id,
      ll_uuid: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
      parcelnumb: `02-${String(id).padStart(6, '0')}`,
      address: `${100 + id} OAK ST`,
      scity: 'AUSTIN',
      state2: 'TX',
      szip: '78701-1234',
      szip5: '78701',
      lat: lat.toFixed(6),
      lon: lng.toFixed(6),
      owner: 'SMITH JOHN',
      yearbuilt: 1990 + (id % 30),
      parvaltype: 'ASSESSED',
      parval: 250_000 + id * 1_000,
      lbcs_activity: 1100,
      usedesc: 'Single Family Residential',
      ...fields,
    },
  }
}

export async function startRegridFake(): Promise<RegridFake> {
  const parcels: RegridFakeParcel[] = []
  const fake = await startFake({
    errorBody: (status) => ({ status: 'error', message: `fake ${status}` }),
    routes: [
      {
        method: 'GET',
        path: /^\/api\/v2\/parcels\/point$/,
        handle: (r) => {
          if (!r.query.get('token')?.startsWith('rg_'))
            return { status: 401, body: { status: 'error', message: 'Unauthorized: invalid token' } }
          const lat = Number(r.query.get('lat'))
          const lng = Number(r.query.get('lon'))
          const radius = Number(r.query.get('radius') ?? 0)
          const limit = Number(r.query.get('limit') ?? 20)
          const offsetId = Number(r.query.get('offset_id') ?? 0)
          if (!Number.isFinite(lat) || !Number.isFinite(lng))
            return { status: 400, body: { status: 'error', message: 'lat and lon are required' } }
          if (!(limit >= 1 && limit <= 1000)) return { status: 400, body: { status: 'error', message: 'limit must be 1–1000' } }
          if (!(radius >= 0 && radius <= 32_000)) return { status: 400, body: { status: 'error', message: 'radius maximum is 32000' } }
          const hits = parcels
            .filter((p) => p.id > offsetId)
            .filter((p) => meters({ lat, lng }, p.point) <= radius)
            .sort((a, b) => a.id - b.id)
            .slice(0, limit)
          const features = hits.map((p) => ({
            type: 'Feature',
            id: p.id,
            ...(r.query.get('return_geometry') === 'false' ? {} : { geometry: { type: 'Point', coordinates: [p.point.lng, p.point.lat] } }),
            properties: {
              headline: String(p.fields.address ?? ''),
              path: `/us/tx/travis/austin/${p.id}`,
              fields: p.fields,
              context: { headline: 'Austin, TX', path: '/us/tx/travis/austin' },
              ll_uuid: p.fields.ll_uuid,
            },
          }))
          return { status: 200, body: { parcels: { type: 'FeatureCollection', features } } }
        },
      },
    ],
  })
  const reset = fake.reset
  return Object.assign(fake, {
    parcels,
    reset: () => {
      reset()
      parcels.length = 0
    },
  })
}
