// Stripe API fake: form-encoded requests, Bearer secret key, Idempotency-Key replay, Stripe error bodies.
// Subscriptions put in `subscriptions` are answered in their CURRENT state (what Stripe would say now, as a
// webhook handler re-reads it); an id not there answers a default active subscription, or Stripe's 404 with
// `unknownSubscription: 'missing'` ("Stripe does not know it yet"). `reads` lists the ids of GET /v1/subscriptions/:id.
import { startFake, type FakeResponse, type FakeServer, type RecordedRequest } from './fake-server'

export interface FakeSubscription {
  id: string
  customer: string
  status: string
  priceId: string
  periodEnd: number
}

export interface StripeFakeOptions {
  /** how /v1/subscriptions/:id answers an id not in `subscriptions`: a default active one, or 404 resource_missing */
  unknownSubscription?: 'active' | 'missing'
}

export interface StripeFake extends FakeServer {
  /** Stripe's current truth, by subscription id (read on every request; edit it to change what Stripe says) */
  subscriptions: Map<string, FakeSubscription>
  /** subscription ids read with GET /v1/subscriptions/:id, in order */
  reads: string[]
}

const err = (type: string, message: string, code?: string) => ({ error: { type, message, ...(code ? { code } : {}) } })
export const stripeErrorBody = (status: number) =>
  status === 429
    ? err('rate_limit_error', 'Too many requests', 'rate_limit')
    : status === 401
      ? err('invalid_request_error', 'Invalid API Key provided')
      : status === 402
        ? err('card_error', 'Your card was declined.', 'card_declined')
        : status === 404
          ? err('invalid_request_error', 'No such subscription', 'resource_missing')
          : status >= 500
            ? err('api_error', 'An unknown error occurred')
            : err('invalid_request_error', 'Invalid request')

export async function startStripeFake({ unknownSubscription = 'active' }: StripeFakeOptions = {}): Promise<StripeFake> {
  const replays = new Map<string, FakeResponse>()
  const subscriptions = new Map<string, FakeSubscription>()
  const reads: string[] = []
  const f = (obj: RecordedRequest) => obj.body as Record<string, string>
  const authed =
    (handle: (r: RecordedRequest) => FakeResponse) =>
    (r: RecordedRequest): FakeResponse => {
      if (!/^Bearer (sk|rk)_test_/.test(String(r.headers.authorization))) return { status: 401, body: stripeErrorBody(401) }
      const key = r.headers['idempotency-key'] as string | undefined
      if (key && replays.has(key)) return { ...replays.get(key)!, headers: { 'idempotent-replayed': 'true', 'request-id': 'req_fake' } }
      const out = handle(r)
      out.headers = { 'request-id': 'req_fake', ...out.headers }
      if (key && out.status < 500) replays.set(key, out)
      return out
    }
  const defaultSub = (id: string): FakeSubscription => ({
    id,
    customer: 'cus_fake',
    status: 'active',
    priceId: 'price_fake',
    periodEnd: 1_900_000_000,
  })
  const sub = (id: string, extra: Record<string, unknown> = {}) => {
    const s = subscriptions.get(id) ?? defaultSub(id)
    return {
      id,
      object: 'subscription',
      status: s.status,
      customer: s.customer,
      metadata: {},
      cancel_at_period_end: false,
      items: {
        object: 'list',
        data: [{ id: `si_${id}`, object: 'subscription_item', price: { id: s.priceId, object: 'price' }, current_period_end: s.periodEnd }],
      },
      ...extra,
    }
  }
  /** a subscription route: 404 for an unknown id when the fake is told so, else `handle` */
  const subscriptionRoute = (handle: (r: RecordedRequest, id: string) => FakeResponse) =>
    authed((r) => {
      const id = decodeURIComponent(r.path.split('/').pop()!)
      if (unknownSubscription === 'missing' && !subscriptions.has(id)) return { status: 404, body: stripeErrorBody(404) }
      return handle(r, id)
    })
  const getSubscription = subscriptionRoute((_, id) => ({ status: 200, body: sub(id) }))
  let n = 0
  const fake = await startFake({
    errorBody: stripeErrorBody,
    routes: [
      {
        method: 'POST',
        path: /^\/v1\/customers$/,
        handle: authed((r) => ({ status: 200, body: { id: `cus_fake${++n}`, object: 'customer', email: f(r).email, livemode: false } })),
      },
      {
        method: 'GET',
        path: /^\/v1\/customers\/[^/]+$/,
        handle: authed((r) => ({ status: 200, body: { id: r.path.split('/').pop(), object: 'customer', email: 'a@b.c' } })),
      },
      {
        method: 'POST',
        path: /^\/v1\/checkout\/sessions$/,
        handle: authed(() => ({
          status: 200,
          body: { id: `cs_test_${++n}`, object: 'checkout.session', url: 'https://checkout.stripe.test/c/pay' },
        })),
      },
      {
        method: 'POST',
        path: /^\/v1\/billing_portal\/sessions$/,
        handle: authed(() => ({
          status: 200,
          body: { id: `bps_${++n}`, object: 'billing_portal.session', url: 'https://billing.stripe.test/p/session' },
        })),
      },
      {
        method: 'GET',
        path: /^\/v1\/subscriptions\/[^/]+$/,
        handle: (r) => {
          reads.push(decodeURIComponent(r.path.split('/').pop()!))
          return getSubscription(r)
        },
      },
      {
        method: 'POST',
        path: /^\/v1\/subscriptions\/[^/]+$/,
        handle: subscriptionRoute((r, id) => ({
          status: 200,
          body: sub(id, { cancel_at_period_end: f(r).cancel_at_period_end === 'true' }),
        })),
      },
      {
        method: 'DELETE',
        path: /^\/v1\/subscriptions\/[^/]+$/,
        handle: subscriptionRoute((_, id) => ({ status: 200, body: sub(id, { status: 'canceled' }) })),
      },
      {
        method: 'POST',
        path: /^\/v1\/billing\/meter_events$/,
        handle: authed((r) => ({
          status: 200,
          body: {
            object: 'billing.meter_event',
            event_name: f(r).event_name,
            identifier: f(r).identifier,
            livemode: false,
            created: 1,
            timestamp: 1,
            payload: { value: f(r)['payload[value]'], stripe_customer_id: f(r)['payload[stripe_customer_id]'] },
          },
        })),
      },
    ],
  })
  const resetServer = fake.reset
  return Object.assign(fake, {
    subscriptions,
    reads,
    reset: () => {
      resetServer()
      subscriptions.clear()
      reads.length = 0
    },
  })
}
