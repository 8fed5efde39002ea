// Telnyx v2 fake: Bearer KEY…, messages, call control actions (command_id), number lookup, Telnyx error bodies.
import { startFake } from './fake-server'

export const telnyxErrorBody = (status: number) => ({ errors: [{ code: status >= 500 ? '10001' : status === 429 ? '10011' : '10005', title: status >= 500 ? 'Unexpected error' : status === 429 ? 'Too many requests' : 'Invalid parameter', detail: `fake ${status}` }] })

export async function startTelnyxFake() {
  const authed = (r: { headers: Record<string, unknown> }) => /^Bearer KEY/.test(String(r.headers.authorization))
  let n = 0
  return startFake({
    errorBody: telnyxErrorBody,
    routes: [
      { method: 'POST', path: /^\/v2\/messages$/, handle: (r) => {
        if (!authed(r)) return { status: 401, body: telnyxErrorBody(401) }
        const b = r.body as { from: string; to: string; text: string }
        return { status: 200, body: { data: { id: `40317f${++n}-msg`, record_type: 'message', parts: Math.ceil(b.text.length / 153) || 1, to: [{ phone_number: b.to, status: 'queued' }], from: { phone_number: b.from }, text: b.text } } }
      } },
      { method: 'POST', path: /^\/v2\/calls$/, handle: (r) => authed(r)
        ? { status: 200, body: { data: { call_control_id: `v3:call${++n}`, call_leg_id: 'leg', call_session_id: 'sess', is_alive: true, record_type: 'call' } } }
        : { status: 401, body: telnyxErrorBody(401) } },
      { method: 'POST', path: /^\/v2\/calls\/[^/]+\/actions\/[a-z_]+$/, handle: (r) => authed(r) ? { status: 200, body: { data: { result: 'ok' } } } : { status: 401, body: telnyxErrorBody(401) } },
      { method: 'GET', path: /^\/v2\/number_lookup\/[^/]+$/, handle: (r) => ({ status: 200, body: { data: { phone_number: decodeURIComponent(r.path.split('/').pop()!), record_type: 'number_lookup', carrier: { type: 'mobile', name: 'T-Mobile USA' } } } }) },
    ],
  })
}
