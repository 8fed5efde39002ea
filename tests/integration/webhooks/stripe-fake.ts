// A minimal Stripe API fake for webhook tests: GET /v1/subscriptions/:id answers the CURRENT state held in
// `subscriptions` (what Stripe would say now), and counts reads.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeSubscription { id: string; customer: string; status: string; priceId: string; periodEnd: number }

export async function startStripeFake() {
  const subscriptions = new Map<string, FakeSubscription>()
  const reads: string[] = []
  const server = http.createServer((req, res) => {
    const m = req.url?.match(/^\/v1\/subscriptions\/([\w-]+)/)
    const send = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json', 'request-id': 'req_fake' })
      res.end(JSON.stringify(body))
    }
    if (req.method === 'GET' && m) {
      reads.push(m[1]!)
      const s = subscriptions.get(m[1]!)
      if (!s) return send(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such subscription' } })
      return send(200, {
        id: s.id, object: 'subscription', customer: s.customer, status: s.status, metadata: {},
        items: { object: 'list', data: [{ id: `si_${s.id}`, object: 'subscription_item', price: { id: s.priceId, object: 'price' }, current_period_end: s.periodEnd }] },
      })
    }
    send(404, { error: { type: 'invalid_request_error', message: `no fake for ${req.method} ${req.url}` } })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return { port, subscriptions, reads, close: () => new Promise<void>((r) => server.close(() => r())) }
}
