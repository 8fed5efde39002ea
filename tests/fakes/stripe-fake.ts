// Stripe API fake: form-encoded requests, Bearer secret key, Idempotency-Key replay, Stripe error bodies.
import { startFake, type FakeResponse, type RecordedRequest } from './fake-server'

const err = (type: string, message: string, code?: string) => ({ error: { type, message, ...(code ? { code } : {}) } })
export const stripeErrorBody = (status: number) =>
  status === 429 ? err('rate_limit_error', 'Too many requests', 'rate_limit')
    : status === 401 ? err('invalid_request_error', 'Invalid API Key provided')
      : status === 402 ? err('card_error', 'Your card was declined.', 'card_declined')
        : status === 404 ? err('invalid_request_error', 'No such subscription', 'resource_missing')
          : status >= 500 ? err('api_error', 'An unknown error occurred') : err('invalid_request_error', 'Invalid request')

export async function startStripeFake() {
  const replays = new Map<string, FakeResponse>()
  const f = (obj: RecordedRequest) => obj.body as Record<string, string>
  const authed = (handle: (r: RecordedRequest) => FakeResponse) => (r: RecordedRequest): FakeResponse => {
    if (!/^Bearer (sk|rk)_test_/.test(String(r.headers.authorization))) return { status: 401, body: stripeErrorBody(401) }
    const key = r.headers['idempotency-key'] as string | undefined
    if (key && replays.has(key)) return { ...replays.get(key)!, headers: { 'idempotent-replayed': 'true', 'request-id': 'req_fake' } }
    const out = handle(r)
    out.headers = { 'request-id': 'req_fake', ...out.headers }
    if (key && out.status < 500) replays.set(key, out)
    return out
  }
  const sub = (id: string, extra: Record<string, unknown> = {}) => ({
    id, object: 'subscription', status: 'active', customer: 'cus_fake', metadata: {}, cancel_at_period_end: false,
    items: { object: 'list', data: [{ id: 'si_fake', price: { id: 'price_fake' }, current_period_end: 1_900_000_000 }] }, ...extra,
  })
  let n = 0
  return startFake({
    errorBody: stripeErrorBody,
    routes: [
      { method: 'POST', path: /^\/v1\/customers$/, handle: authed((r) => ({ status: 200, body: { id: `cus_fake${++n}`, object: 'customer', email: f(r).email, livemode: false } })) },
      { method: 'GET', path: /^\/v1\/customers\/[^/]+$/, handle: authed((r) => ({ status: 200, body: { id: r.path.split('/').pop(), object: 'customer', email: 'a@b.c' } })) },
      { method: 'POST', path: /^\/v1\/checkout\/sessions$/, handle: authed(() => ({ status: 200, body: { id: `cs_test_${++n}`, object: 'checkout.session', url: 'https://checkout.stripe.test/c/pay' } })) },
      { method: 'POST', path: /^\/v1\/billing_portal\/sessions$/, handle: authed(() => ({ status: 200, body: { id: `bps_${++n}`, object: 'billing_portal.session', url: 'https://billing.stripe.test/p/session' } })) },
      { method: 'GET', path: /^\/v1\/subscriptions\/[^/]+$/, handle: authed((r) => ({ status: 200, body: sub(r.path.split('/').pop()!) })) },
      { method: 'POST', path: /^\/v1\/subscriptions\/[^/]+$/, handle: authed((r) => ({ status: 200, body: sub(r.path.split('/').pop()!, { cancel_at_period_end: f(r).cancel_at_period_end === 'true' }) })) },
      { method: 'DELETE', path: /^\/v1\/subscriptions\/[^/]+$/, handle: authed((r) => ({ status: 200, body: sub(r.path.split('/').pop()!, { status: 'canceled' }) })) },
      { method: 'POST', path: /^\/v1\/billing\/meter_events$/, handle: authed((r) => ({
        status: 200,
        body: { object: 'billing.meter_event', event_name: f(r).event_name, identifier: f(r).identifier, livemode: false, created: 1, timestamp: 1, payload: { value: f(r)['payload[value]'], stripe_customer_id: f(r)['payload[stripe_customer_id]'] } },
      })) },
    ],
  })
}
