// Lob fake: Basic auth (key as username), Idempotency-Key replay, postcards, letters, US verifications.
import { startFake, type FakeResponse, type RecordedRequest } from './fake-server'

export const lobErrorBody = (status: number) => ({
  error: {
    message: `fake ${status}`,
    status_code: status,
    code: status === 422 ? 'invalid' : status === 401 ? 'unauthorized' : 'internal_server_error',
  },
})

export async function startLobFake() {
  const replays = new Map<string, FakeResponse>()
  let n = 0
  const authed =
    (handle: (r: RecordedRequest) => FakeResponse) =>
    (r: RecordedRequest): FakeResponse => {
      const user = Buffer.from(String(r.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString()
      if (!/^test_.+:$/.test(user)) return { status: 401, body: lobErrorBody(401) }
      const key = r.headers['idempotency-key'] as string | undefined
      if (key && replays.has(key)) return replays.get(key)!
      const out = handle(r)
      if (key && out.status < 500) replays.set(key, out)
      return out
    }
  return startFake({
    errorBody: lobErrorBody,
    routes: [
      {
        method: 'POST',
        path: /^\/v1\/postcards$/,
        handle: authed(() => ({ status: 200, body: { id: `psc_fake${++n}`, object: 'postcard', expected_delivery_date: '2026-12-01' } })),
      },
      {
        method: 'POST',
        path: /^\/v1\/letters$/,
        handle: authed(() => ({ status: 200, body: { id: `ltr_fake${++n}`, object: 'letter', expected_delivery_date: '2026-12-02' } })),
      },
      {
        method: 'POST',
        path: /^\/v1\/us_verifications$/,
        handle: authed((r) => {
          const b = r.body as { primary_line: string; city: string; state: string; zip_code: string }
          return {
            status: 200,
            body: {
              id: 'us_ver_fake',
              deliverability: 'deliverable',
              primary_line: b.primary_line.toUpperCase(),
              secondary_line: '',
              components: { city: b.city.toUpperCase(), state: b.state, zip_code: b.zip_code },
            },
          }
        }),
      },
    ],
  })
}
