// Small fakes for the REST-only providers (one server each): Google Geocoding, Mapbox Static Images,
// ElevenLabs TTS, Deepgram listen, Apollo people match, Meta Graph, Google Ads + OAuth token.
import { startFake } from './fake-server'

export const startGoogleMapsFake = () =>
  startFake({
    routes: [
      {
        method: 'GET',
        path: /^\/maps\/api\/geocode\/json$/,
        handle: (r) => {
          if (!r.query.get('key')?.startsWith('AIza'))
            return { status: 200, body: { status: 'REQUEST_DENIED', error_message: 'The provided API key is invalid.', results: [] } }
          if (r.query.get('address') === 'nowhere') return { status: 200, body: { status: 'ZERO_RESULTS', results: [] } }
          return {
            status: 200,
            body: {
              status: 'OK',
              results: [
                {
                  formatted_address: '100 Main St, Austin, TX 78701, USA',
                  place_id: 'ChIJfake',
                  geometry: { location: { lat: 30.2672, lng: -97.7431 } },
                  address_components: [{ short_name: '78701', types: ['postal_code'] }],
                },
              ],
            },
          }
        },
      },
    ],
  })
/** Google's quota error: HTTP 200 with status OVER_QUERY_LIMIT. */
export const googleOverQueryLimit = {
  kind: 'status' as const,
  status: 200,
  body: { status: 'OVER_QUERY_LIMIT', error_message: 'You have exceeded your rate-limit for this API.', results: [] },
}

export const startMapboxFake = () =>
  startFake({
    routes: [
      {
        method: 'GET',
        path: /^\/styles\/v1\/mapbox\/satellite-v9\/static\//,
        handle: (r) =>
          r.query.get('access_token')?.startsWith('pk.')
            ? { status: 200, headers: { 'content-type': 'image/png' }, raw: Buffer.from('\x89PNGfake') }
            : { status: 401, body: { message: 'Not Authorized - Invalid Token' } },
      },
    ],
  })

export const startElevenLabsFake = () =>
  startFake({
    routes: [
      {
        method: 'POST',
        path: /^\/v1\/text-to-speech\/[^/]+$/,
        handle: (r) =>
          r.headers['xi-api-key']
            ? { status: 200, headers: { 'content-type': 'audio/mpeg' }, raw: Buffer.from('ID3fakeaudio') }
            : { status: 401, body: { detail: { status: 'invalid_api_key', message: 'Invalid API key' } } },
      },
    ],
  })

export const startDeepgramFake = () =>
  startFake({
    routes: [
      {
        method: 'POST',
        path: /^\/v1\/listen$/,
        handle: (r) =>
          String(r.headers.authorization).startsWith('Token ')
            ? {
                status: 200,
                body: {
                  metadata: { request_id: 'dg_req_fake', duration: 42.5 },
                  results: { channels: [{ alternatives: [{ transcript: 'yes please come by on tuesday', confidence: 0.97 }] }] },
                },
              }
            : { status: 401, body: { err_code: 'INVALID_AUTH', err_msg: 'Invalid credentials.' } },
      },
    ],
  })

export const startApolloFake = () =>
  startFake({
    routes: [
      {
        method: 'POST',
        path: /^\/api\/v1\/people\/match$/,
        handle: (r) =>
          r.headers['x-api-key']
            ? {
                status: 200,
                body: {
                  person: {
                    name: 'Pat Doe',
                    title: 'Owner',
                    email: (r.body as { email?: string }).email ?? null,
                    linkedin_url: null,
                    phone_numbers: [{ sanitized_number: '+15125550100' }],
                  },
                },
              }
            : { status: 401, body: { error: 'Invalid access credentials.' } },
      },
    ],
  })

export const startMetaFake = () => {
  let n = 0
  return startFake({
    errorBody: (status) => ({
      error: { message: `fake ${status}`, type: 'OAuthException', code: status === 400 ? 100 : 2, fbtrace_id: 'fake' },
    }),
    routes: [
      { method: 'POST', path: /^\/v\d+\.\d+\/act_\d+\/campaigns$/, handle: () => ({ status: 200, body: { id: `12021${++n}` } }) },
      { method: 'POST', path: /^\/v\d+\.\d+\/act_\d+\/adsets$/, handle: () => ({ status: 200, body: { id: `23851${++n}` } }) },
    ],
  })
}

export const startGoogleAdsFake = () =>
  startFake({
    errorBody: (status) => ({
      error: { code: status, message: `fake ${status}`, status: status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT' },
    }),
    routes: [
      {
        method: 'POST',
        path: /^\/token$/,
        handle: (r) =>
          (r.body as { grant_type?: string }).grant_type === 'refresh_token'
            ? { status: 200, body: { access_token: 'ya29.fake', expires_in: 3599, token_type: 'Bearer' } }
            : { status: 400, body: { error: 'invalid_grant' } },
      },
      {
        method: 'POST',
        path: /^\/v\d+\/customers\/\d+\/campaignBudgets:mutate$/,
        handle: () => ({ status: 200, body: { results: [{ resourceName: 'customers/123/campaignBudgets/1' }] } }),
      },
      {
        method: 'POST',
        path: /^\/v\d+\/customers\/\d+\/campaigns:mutate$/,
        handle: () => ({ status: 200, body: { results: [{ resourceName: 'customers/123/campaigns/2' }] } }),
      },
      {
        method: 'POST',
        path: /^\/v\d+\/geoTargetConstants:suggest$/,
        handle: (r) => ({
          status: 200,
          body: {
            geoTargetConstantSuggestions: (r.body as { locationNames: { names: string[] } }).locationNames.names.map((z, i) => ({
              geoTargetConstant: { resourceName: `geoTargetConstants/900${i}`, name: z, targetType: 'Postal Code' },
            })),
          },
        }),
      },
      {
        method: 'POST',
        path: /^\/v\d+\/customers\/\d+\/campaignCriteria:mutate$/,
        handle: (r) => ({
          status: 200,
          body: {
            results: (r.body as { operations: unknown[] }).operations.map((_, i) => ({
              resourceName: `customers/123/campaignCriteria/2~${i}`,
            })),
          },
        }),
      },
    ],
  })
