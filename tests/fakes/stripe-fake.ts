// A STATEFUL Stripe fake for tests, the billing benchmark and the Playwright journeys: form-encoded requests, Bearer
// secret key, Idempotency-Key replay, Stripe error bodies, and the objects billing needs — customers (with balance
// transactions), prices (plan + metered), checkout sessions with a hosted "Pay" page, billing portal sessions with a
// hosted page, subscriptions (retrieve / update with proration / cancel_at_period_end / cancel), invoices (list,
// retrieve, pay; a "fail the next payment" control), meter events (stored by identifier, duplicates ignored like
// Stripe) and their summaries, disputes, refunds of paid invoices' payments (POST /v1/refunds by charge or
// payment_intent; a paid invoice shows both, and its `payments`). Every state change SENDS signed webhooks (`Stripe-Signature` with the
// webhook secret) to the app, optionally duplicated and reordered.
//
// Subscriptions put in `subscriptions` are answered in their CURRENT state (what Stripe would say now, as a webhook
// handler re-reads it); an id not there answers a default active subscription, or Stripe's 404 with
// `unknownSubscription: 'missing'`. `reads` lists the ids of GET /v1/subscriptions/:id.
//
// Control API (no auth; for the Playwright journey and scripts), all POST with a JSON body unless noted:
//   /__control/webhooks            {url?, secret?, duplicateRate?, reorder?, seed?}  where and how to send webhooks
//   /__control/fail-next-payment   {customer?, count?}  the next `count` payment attempts (of that customer) decline
//   /__control/card-ok             {customer?}          clears pending failures (the customer fixed the card)
//   /__control/checkout/:id/complete                     completes a checkout session (as the Pay button does)
//   /__control/subscriptions/:id/renew                   ends the period: renews and invoices it (or cancels it)
//   /__control/disputes            {customer, amount?, reason?}  a card dispute → charge.dispute.created
//   GET /__control/state                                 counts: meter events, deliveries, objects
import { createHmac, randomBytes } from 'node:crypto'
import { METER_EVENT_NAMES, PLANS } from '@/lib/billing/plans'
import { mulberry32 } from '@/lib/mulberry32'
import { startFake, type FakeResponse, type FakeServer, type RecordedRequest } from './fake-server'

const DAY = 86_400
const MONTH = 30 * DAY

export interface FakeSubscription {
  id: string
  customer: string
  status: string
  /** the licensed (plan) price */
  priceId: string
  periodEnd: number
  periodStart?: number
  /** the metered price item, when the subscription has one */
  meteredPriceId?: string | null
  cancelAtPeriodEnd?: boolean
  canceledAt?: number | null
  metadata?: Record<string, string>
  latestInvoice?: string | null
  created?: number
}

export interface FakePrice {
  id: string
  /** cents per month (licensed) or per unit (metered) */
  unitAmount: number
  metered?: boolean
  /** metered prices: the meter's event name (meter id is `mtr_<eventName>`) */
  meterEventName?: string
}

export interface FakeCustomer {
  id: string
  email: string | null
  name: string | null
  metadata: Record<string, string>
  /** Stripe's customer balance in cents (negative = credit the customer has) */
  balance: number
  created: number
}

export interface FakeInvoice {
  id: string
  customer: string
  subscription: string | null
  status: 'draft' | 'open' | 'paid' | 'void' | 'uncollectible'
  number: string
  amountDue: number
  amountPaid: number
  periodStart: number
  periodEnd: number
  created: number
  attemptCount: number
  nextPaymentAttempt: number | null
  paidAt: number | null
  billingReason: string
  lines: Array<{ description: string; amount: number; priceId?: string; quantity?: number }>
  charge: string | null
}

export interface FakeCheckoutSession {
  id: string
  customer: string
  clientReferenceId: string | null
  successUrl: string
  cancelUrl: string
  lineItems: Array<{ price: string; quantity?: number }>
  metadata: Record<string, string>
  subscriptionMetadata: Record<string, string>
  status: 'open' | 'complete' | 'expired'
  subscription: string | null
  created: number
}

export interface FakeMeterEvent {
  identifier: string
  eventName: string
  customer: string
  value: number
  timestamp: number
}

export interface FakeDispute {
  id: string
  charge: string
  customer: string
  amount: number
  reason: string
  status: string
  created: number
}

export interface FakeBalanceTransaction {
  id: string
  customer: string
  amount: number
  currency: string
  description: string | null
  metadata: Record<string, string>
  created: number
}

export interface FakeRefund {
  id: string
  charge: string
  paymentIntent: string
  /** the invoice whose payment was refunded */
  invoice: string
  amount: number
  reason: string | null
  status: 'succeeded'
  metadata: Record<string, string>
  created: number
}

export interface WebhookOptions {
  /** where to POST events (the app's /api/webhooks/stripe); ignored when `deliver` is given */
  url?: string
  secret?: string
  /** in-process delivery (integration tests call the route handler directly); returns the HTTP status */
  deliver?: (body: string, headers: Record<string, string>) => Promise<number>
  /** 0–1: each event is also sent a second time with this probability */
  duplicateRate?: number
  /** shuffle each batch of events (the order the app receives them in is not the order they happened in) */
  reorder?: boolean
  seed?: number
}

export interface StripeFakeOptions {
  /** how /v1/subscriptions/:id answers an id not in `subscriptions`: a default active one, or 404 resource_missing */
  unknownSubscription?: 'active' | 'missing'
  prices?: FakePrice[]
  webhooks?: WebhookOptions
  /** random customer ids (`cus_<hex>`) instead of cus_fake1, 2, … (a database reused across runs never sees one twice) */
  uniqueIds?: boolean
}

export interface WebhookDelivery {
  eventId: string
  type: string
  status: number
  duplicate: boolean
}

export interface StripeEvent {
  id: string
  object: 'event'
  type: string
  api_version: string
  created: number
  livemode: false
  data: { object: Record<string, unknown> }
}

export interface StripeFake extends FakeServer {
  /** Stripe's current truth, by subscription id (read on every request; edit it to change what Stripe says) */
  subscriptions: Map<string, FakeSubscription>
  /** subscription ids read with GET /v1/subscriptions/:id, in order */
  reads: string[]
  customers: Map<string, FakeCustomer>
  prices: Map<string, FakePrice>
  invoices: Map<string, FakeInvoice>
  checkoutSessions: Map<string, FakeCheckoutSession>
  /** accepted meter events, by identifier (each identifier once) */
  meterEvents: Map<string, FakeMeterEvent>
  /** meter event creates whose identifier was already accepted (ignored, as Stripe does) */
  meterDuplicates: number
  disputes: Map<string, FakeDispute>
  balanceTransactions: FakeBalanceTransaction[]
  /** refunds made with POST /v1/refunds, in order */
  refunds: FakeRefund[]
  /** every event made, in the order it happened */
  events: StripeEvent[]
  /** every webhook delivery attempt, in the order sent */
  deliveries: WebhookDelivery[]
  configureWebhooks: (o: WebhookOptions | null) => void
  /** the next `count` payment attempts decline (of `customer`, or of anyone) */
  failNextPayment: (o?: { customer?: string; count?: number }) => void
  cardOk: (o?: { customer?: string }) => void
  completeCheckout: (sessionId: string) => Promise<{ ok: boolean; subscriptionId?: string; declined?: boolean }>
  /** ends the current period of a subscription: cancels it (cancel_at_period_end) or renews and invoices it */
  renewSubscription: (subscriptionId: string) => Promise<FakeSubscription>
  createDispute: (o: { customer: string; amount?: number; reason?: string }) => Promise<FakeDispute>
  /** waits for webhooks still being sent (from API calls, which answer before their webhooks go out) */
  flushWebhooks: () => Promise<void>
  /** seconds since the epoch as the fake sees it (tests may shift it with `advanceClock`) */
  now: () => number
  advanceClock: (seconds: number) => void
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

/** Stripe's webhook signature: `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint secret>`. */
export function stripeSignature({ body, secret, timestamp }: { body: string; secret: string; timestamp?: number }): string {
  const t = timestamp ?? Math.floor(Date.now() / 1000)
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`
}

const html = (status: number, body: string, headers: Record<string, string> = {}): FakeResponse => ({
  status,
  raw: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe (test fake)</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head><body style="font-family:sans-serif;max-width:40rem;margin:2rem auto">${body}</body></html>`,
  headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
})
const redirect = (location: string): FakeResponse => ({ status: 303, raw: '', headers: { location, 'content-type': 'text/plain' } })
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const money = (cents: number) => `$${(cents / 100).toFixed(2)}`

/** stripe-node sends nested params as `a[b][0][c]=v`; this reads them back as flat keys. */
const form = (r: RecordedRequest) => (r.body && typeof r.body === 'object' ? (r.body as Record<string, string>) : {})
function prefixed(f: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(f)) {
    const m = k.startsWith(`${prefix}[`) ? /^\[([^\]]+)\]$/.exec(k.slice(prefix.length)) : null
    if (m) out[m[1]!] = v
  }
  return out
}
function indexed(f: Record<string, string>, prefix: string): Array<Record<string, string>> {
  const rows: Array<Record<string, string>> = []
  for (const [k, v] of Object.entries(f)) {
    const m = new RegExp(`^${prefix.replace(/[[\]]/g, '\\$&')}\\[(\\d+)\\]\\[([^\\]]+)\\]$`).exec(k)
    if (m) (rows[Number(m[1])] ??= {})[m[2]!] = v
  }
  return rows.filter(Boolean)
}

export async function startStripeFake({
  unknownSubscription = 'active',
  prices = [],
  webhooks,
  uniqueIds = false,
}: StripeFakeOptions = {}): Promise<StripeFake> {
  const replays = new Map<string, FakeResponse>()
  const subscriptions = new Map<string, FakeSubscription>()
  const customers = new Map<string, FakeCustomer>()
  const priceMap = new Map<string, FakePrice>(prices.map((p) => [p.id, p]))
  const invoices = new Map<string, FakeInvoice>()
  const sessions = new Map<string, FakeCheckoutSession>()
  const portalSessions = new Map<string, { customer: string; returnUrl: string }>()
  const meterEvents = new Map<string, FakeMeterEvent>()
  const disputes = new Map<string, FakeDispute>()
  const balanceTransactions: FakeBalanceTransaction[] = []
  const refunds: FakeRefund[] = []
  /** a paid invoice's PaymentIntent, derived from its charge (ch_x ↔ pi_x) */
  const paymentIntentOf = (charge: string) => charge.replace(/^ch_/, 'pi_')
  const events: StripeEvent[] = []
  const deliveries: WebhookDelivery[] = []
  const reads: string[] = []
  /** pending proration amounts per customer, billed on the next invoice */
  const pendingItems = new Map<string, Array<{ description: string; amount: number }>>()
  /** payment failures to inject: per customer id, '*' = anyone */
  const failures = new Map<string, number>()
  let hook: WebhookOptions | null = webhooks ?? null
  let rnd = mulberry32(webhooks?.seed ?? 1)
  let clockOffset = 0
  let counters: Record<string, number> = {}
  const next = (kind: string) => (counters[kind] = (counters[kind] ?? 0) + 1)
  const rid = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`
  const now = () => Math.floor(Date.now() / 1000) + clockOffset
  let inFlight: Promise<void> = Promise.resolve()

  // ------------------------------------------------------------------ objects as Stripe shows them
  const defaultSub = (id: string): FakeSubscription => ({
    id,
    customer: 'cus_fake',
    status: 'active',
    priceId: 'price_fake',
    periodEnd: 1_900_000_000,
  })
  const subObject = (s: FakeSubscription): Record<string, unknown> => {
    const start = s.periodStart ?? s.periodEnd - MONTH
    const item = (price: string, n: number) => ({
      id: `si_${s.id}_${n}`,
      object: 'subscription_item',
      price: { id: price, object: 'price', recurring: { usage_type: priceMap.get(price)?.metered ? 'metered' : 'licensed' } },
      current_period_start: start,
      current_period_end: s.periodEnd,
    })
    return {
      id: s.id,
      object: 'subscription',
      status: s.status,
      customer: s.customer,
      metadata: s.metadata ?? {},
      cancel_at_period_end: s.cancelAtPeriodEnd ?? false,
      cancel_at: s.cancelAtPeriodEnd ? s.periodEnd : null,
      canceled_at: s.canceledAt ?? null,
      ended_at: s.status === 'canceled' ? (s.canceledAt ?? null) : null,
      created: s.created ?? start,
      latest_invoice: s.latestInvoice ?? null,
      items: {
        object: 'list',
        data: [item(s.priceId, 0), ...(s.meteredPriceId ? [item(s.meteredPriceId, 1)] : [])],
      },
    }
  }
  const invoiceObject = (i: FakeInvoice): Record<string, unknown> => ({
    id: i.id,
    object: 'invoice',
    customer: i.customer,
    subscription: i.subscription,
    parent: i.subscription ? { type: 'subscription_details', subscription_details: { subscription: i.subscription } } : null,
    status: i.status,
    number: i.number,
    currency: 'usd',
    amount_due: i.amountDue,
    amount_paid: i.amountPaid,
    amount_remaining: i.amountDue - i.amountPaid,
    total: i.amountDue,
    subtotal: i.amountDue,
    tax: 0,
    total_taxes: [],
    attempt_count: i.attemptCount,
    attempted: i.attemptCount > 0,
    next_payment_attempt: i.nextPaymentAttempt,
    billing_reason: i.billingReason,
    period_start: i.periodStart,
    period_end: i.periodEnd,
    created: i.created,
    charge: i.charge,
    payment_intent: i.charge ? paymentIntentOf(i.charge) : null,
    // Stripe's invoice payments (expand=payments); a paid invoice has one, by PaymentIntent
    payments: {
      object: 'list',
      has_more: false,
      url: `/v1/invoice_payments?invoice=${i.id}`,
      data: i.charge
        ? [
            {
              id: `inpay_${i.id}`,
              object: 'invoice_payment',
              invoice: i.id,
              is_default: true,
              status: i.status === 'paid' ? 'paid' : 'open',
              amount_paid: i.amountPaid,
              amount_requested: i.amountDue,
              currency: 'usd',
              payment: { type: 'payment_intent', payment_intent: paymentIntentOf(i.charge), charge: i.charge },
            },
          ]
        : [],
    },
    status_transitions: { finalized_at: i.created, paid_at: i.paidAt },
    hosted_invoice_url: `${fake.url}/invoices/${i.id}`,
    invoice_pdf: `${fake.url}/invoices/${i.id}/pdf`,
    lines: {
      object: 'list',
      data: i.lines.map((l, n) => ({ id: `il_${i.id}_${n}`, object: 'line_item', amount: l.amount, description: l.description })),
    },
  })
  const customerObject = (c: FakeCustomer) => ({
    id: c.id,
    object: 'customer',
    email: c.email,
    name: c.name,
    metadata: c.metadata,
    balance: c.balance,
    created: c.created,
    livemode: false,
  })
  const disputeObject = (d: FakeDispute, expandCharge: boolean) => ({
    id: d.id,
    object: 'dispute',
    amount: d.amount,
    currency: 'usd',
    reason: d.reason,
    status: d.status,
    created: d.created,
    charge: expandCharge ? { id: d.charge, object: 'charge', customer: d.customer } : d.charge,
    evidence_details: { due_by: d.created + 14 * DAY },
  })
  const sessionObject = (s: FakeCheckoutSession) => ({
    id: s.id,
    object: 'checkout.session',
    mode: 'subscription',
    customer: s.customer,
    client_reference_id: s.clientReferenceId,
    status: s.status,
    payment_status: s.status === 'complete' ? 'paid' : 'unpaid',
    subscription: s.subscription,
    success_url: s.successUrl,
    cancel_url: s.cancelUrl,
    metadata: s.metadata,
    url: s.status === 'open' ? `${fake.url}/checkout/${s.id}` : null,
    created: s.created,
  })

  // ------------------------------------------------------------------ webhooks
  const event = (type: string, object: Record<string, unknown>): StripeEvent => {
    const e: StripeEvent = {
      id: rid('evt'),
      object: 'event',
      type,
      api_version: '2025-10-29.clover',
      created: now(),
      livemode: false,
      data: { object: JSON.parse(JSON.stringify(object)) as Record<string, unknown> },
    }
    events.push(e)
    return e
  }
  async function deliverOne(e: StripeEvent, duplicate: boolean) {
    const h = hook
    if (!h || (!h.url && !h.deliver)) return
    const body = JSON.stringify(e)
    const headers = { 'content-type': 'application/json', 'stripe-signature': stripeSignature({ body, secret: h.secret ?? '' }) }
    let status = 0
    try {
      if (h.deliver) status = await h.deliver(body, headers)
      else status = (await fetch(h.url!, { method: 'POST', body, headers })).status
    } catch {
      status = 0 // the app was down: Stripe would retry later; tests see it in `deliveries`
    }
    deliveries.push({ eventId: e.id, type: e.type, status, duplicate })
  }
  /** sends a batch of events that happened together: maybe reordered, some maybe twice */
  function send(batch: StripeEvent[]): Promise<void> {
    const h = hook
    const plan: Array<{ e: StripeEvent; duplicate: boolean }> = batch.map((e) => ({ e, duplicate: false }))
    if (h?.duplicateRate) for (const e of batch) if (rnd() < h.duplicateRate) plan.push({ e, duplicate: true })
    if (h?.reorder) {
      for (let i = plan.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1))
        ;[plan[i], plan[j]] = [plan[j]!, plan[i]!]
      }
    }
    const run = inFlight.then(async () => {
      for (const p of plan) await deliverOne(p.e, p.duplicate)
    })
    inFlight = run.catch(() => {})
    return run
  }

  // ------------------------------------------------------------------ money movements
  const takeFailure = (customer: string): boolean => {
    for (const key of [customer, '*']) {
      const n = failures.get(key) ?? 0
      if (n > 0) {
        if (n === 1) failures.delete(key)
        else failures.set(key, n - 1)
        return true
      }
    }
    return false
  }
  /** one payment attempt on an open invoice; returns the events it caused */
  function attemptPayment(inv: FakeInvoice): { paid: boolean; events: StripeEvent[] } {
    const out: StripeEvent[] = []
    if (inv.status !== 'open') return { paid: inv.status === 'paid', events: out }
    inv.attemptCount++
    const sub = inv.subscription ? subscriptions.get(inv.subscription) : undefined
    const prevStatus = sub?.status
    if (inv.amountDue > 0 && takeFailure(inv.customer)) {
      inv.nextPaymentAttempt = inv.attemptCount < 4 ? now() + 3 * DAY : null
      out.push(event('invoice.payment_failed', invoiceObject(inv)))
      if (sub && sub.status !== 'incomplete' && sub.status !== 'canceled') sub.status = 'past_due'
    } else {
      inv.status = 'paid'
      inv.amountPaid = inv.amountDue
      inv.paidAt = now()
      inv.nextPaymentAttempt = null
      inv.charge = inv.amountDue > 0 ? rid('ch') : null
      out.push(event('invoice.paid', invoiceObject(inv)), event('invoice.payment_succeeded', invoiceObject(inv)))
      // paying the latest invoice makes the subscription active again
      if (sub && sub.latestInvoice === inv.id && sub.status !== 'canceled') sub.status = 'active'
    }
    if (sub && sub.status !== prevStatus) out.push(event('customer.subscription.updated', subObject(sub)))
    return { paid: inv.status === 'paid', events: out }
  }
  function createInvoice(sub: FakeSubscription, billingReason: string, usageFrom: number, usageTo: number): FakeInvoice {
    const lines: FakeInvoice['lines'] = []
    const plan = priceMap.get(sub.priceId)
    if (plan) lines.push({ description: `Subscription (${sub.priceId})`, amount: plan.unitAmount, priceId: sub.priceId, quantity: 1 })
    const metered = sub.meteredPriceId ? priceMap.get(sub.meteredPriceId) : undefined
    if (metered?.meterEventName) {
      let qty = 0
      for (const m of meterEvents.values())
        if (m.customer === sub.customer && m.eventName === metered.meterEventName && m.timestamp >= usageFrom && m.timestamp < usageTo)
          qty += m.value
      if (qty > 0)
        lines.push({ description: `Usage (${metered.id})`, amount: qty * metered.unitAmount, priceId: metered.id, quantity: qty })
    }
    for (const p of pendingItems.get(sub.customer) ?? []) lines.push(p)
    pendingItems.delete(sub.customer)
    const cust = customers.get(sub.customer)
    let total = lines.reduce((s, l) => s + l.amount, 0)
    // a customer credit balance (negative) pays part of the invoice first
    if (cust && cust.balance < 0 && total > 0) {
      const used = Math.min(total, -cust.balance)
      cust.balance += used
      lines.push({ description: 'Applied balance', amount: -used })
      total -= used
    }
    const inv: FakeInvoice = {
      id: rid('in'),
      customer: sub.customer,
      subscription: sub.id,
      status: 'open',
      number: `FAKE-${String(next('invoice')).padStart(4, '0')}`,
      amountDue: Math.max(0, total),
      amountPaid: 0,
      periodStart: sub.periodStart ?? sub.periodEnd - MONTH,
      periodEnd: sub.periodEnd,
      created: now(),
      attemptCount: 0,
      nextPaymentAttempt: null,
      paidAt: null,
      billingReason,
      lines,
      charge: null,
    }
    invoices.set(inv.id, inv)
    sub.latestInvoice = inv.id
    return inv
  }

  async function completeCheckout(sessionId: string): Promise<{ ok: boolean; subscriptionId?: string; declined?: boolean }> {
    const s = sessions.get(sessionId)
    if (!s) return { ok: false }
    if (s.status === 'complete') return { ok: true, subscriptionId: s.subscription ?? undefined }
    if (takeFailure(s.customer)) return { ok: false, declined: true } // Checkout shows the decline; nothing is created
    const licensed = s.lineItems.find((l) => !priceMap.get(l.price)?.metered) ?? s.lineItems[0]
    const metered = s.lineItems.find((l) => l !== licensed && priceMap.get(l.price)?.metered)
    const t = now()
    const sub: FakeSubscription = {
      id: rid('sub'),
      customer: s.customer,
      status: 'active',
      priceId: licensed?.price ?? 'price_fake',
      meteredPriceId: metered?.price ?? null,
      periodStart: t,
      periodEnd: t + MONTH,
      cancelAtPeriodEnd: false,
      canceledAt: null,
      metadata: { ...s.subscriptionMetadata },
      created: t,
    }
    subscriptions.set(sub.id, sub)
    const inv = createInvoice(sub, 'subscription_create', t, t)
    inv.status = 'paid'
    inv.amountPaid = inv.amountDue
    inv.paidAt = t
    inv.attemptCount = 1
    inv.charge = rid('ch')
    s.status = 'complete'
    s.subscription = sub.id
    // the order Stripe emits them in; `reorder` scrambles it
    await send([
      event('customer.subscription.created', subObject(sub)),
      event('invoice.created', { ...invoiceObject(inv), status: 'draft' }),
      event('invoice.finalized', { ...invoiceObject(inv), status: 'open' }),
      event('invoice.paid', invoiceObject(inv)),
      event('invoice.payment_succeeded', invoiceObject(inv)),
      event('checkout.session.completed', sessionObject(s)),
    ])
    return { ok: true, subscriptionId: sub.id }
  }

  async function renewSubscription(subscriptionId: string): Promise<FakeSubscription> {
    const sub = subscriptions.get(subscriptionId)
    if (!sub) throw new Error(`no subscription ${subscriptionId}`)
    const periodStart = sub.periodStart ?? sub.periodEnd - MONTH
    if (sub.cancelAtPeriodEnd) {
      sub.status = 'canceled'
      sub.canceledAt = now()
      await send([event('customer.subscription.deleted', subObject(sub))])
      return sub
    }
    sub.periodStart = sub.periodEnd
    sub.periodEnd = sub.periodEnd + MONTH
    // the closed period's usage is billed with the new period's plan fee (in advance)
    const inv = createInvoice(sub, 'subscription_cycle', periodStart, sub.periodStart)
    const updated = event('customer.subscription.updated', subObject(sub))
    const created = event('invoice.finalized', invoiceObject(inv))
    const paid = attemptPayment(inv)
    await send([updated, created, ...paid.events])
    return sub
  }

  async function createDispute({ customer, amount, reason = 'fraudulent' }: { customer: string; amount?: number; reason?: string }) {
    const paid = [...invoices.values()].filter((i) => i.customer === customer && i.status === 'paid' && i.charge)
    const last = paid[paid.length - 1]
    const d: FakeDispute = {
      id: rid('dp'),
      charge: last?.charge ?? rid('ch'),
      customer,
      amount: amount ?? last?.amountPaid ?? 1000,
      reason,
      status: 'needs_response',
      created: now(),
    }
    disputes.set(d.id, d)
    await send([event('charge.dispute.created', disputeObject(d, false))])
    return d
  }

  // ------------------------------------------------------------------ the API
  const authed =
    (handle: (r: RecordedRequest) => FakeResponse | Promise<FakeResponse>) =>
    async (r: RecordedRequest): Promise<FakeResponse> => {
      if (!/^Bearer (sk|rk)_test_/.test(String(r.headers.authorization))) return { status: 401, body: stripeErrorBody(401) }
      const key = r.headers['idempotency-key'] as string | undefined
      if (key && replays.has(key)) return { ...replays.get(key)!, headers: { 'idempotent-replayed': 'true', 'request-id': 'req_fake' } }
      const out = await handle(r)
      out.headers = { 'request-id': 'req_fake', ...out.headers }
      if (key && out.status < 500) replays.set(key, out)
      return out
    }
  const missing = (what: string) => ({ status: 404, body: err('invalid_request_error', `No such ${what}`, 'resource_missing') })
  const lastSegment = (r: RecordedRequest, fromEnd = 0) => decodeURIComponent(r.path.split('/').slice(-1 - fromEnd)[0]!)
  const subOf = (id: string): FakeSubscription | undefined => {
    // an unknown id answers a fresh default each time (nothing is stored for it)
    return subscriptions.get(id) ?? (unknownSubscription === 'active' ? defaultSub(id) : undefined)
  }
  const subscriptionRoute = (handle: (r: RecordedRequest, s: FakeSubscription) => FakeResponse | Promise<FakeResponse>) =>
    authed((r) => {
      const s = subOf(lastSegment(r))
      return s ? handle(r, s) : { status: 404, body: stripeErrorBody(404) }
    })
  const getSubscription = subscriptionRoute((_, s) => ({ status: 200, body: subObject(s) }))
  const list = (data: unknown[]) => ({ object: 'list', data, has_more: false, url: '' })
  const body = (r: RecordedRequest): Record<string, unknown> =>
    r.body && typeof r.body === 'object' ? (r.body as Record<string, unknown>) : {}

  const checkoutPage = (s: FakeCheckoutSession, message = '') => {
    const items = s.lineItems
      .map((l) => {
        const p = priceMap.get(l.price)
        return `<li>${esc(l.price)}: ${p ? (p.metered ? `${money(p.unitAmount)} per unit, billed by usage` : `${money(p.unitAmount)} / month`) : 'unknown price'}</li>`
      })
      .join('')
    return html(
      200,
      `<main><h1>Stripe Checkout (test fake)</h1>${message ? `<p role="alert">${esc(message)}</p>` : ''}
<p>Customer ${esc(s.customer)}</p><ul>${items}</ul>
<form method="post" action="/checkout/${esc(s.id)}"><label>Card number <input name="card" value="4242 4242 4242 4242"></label>
<button type="submit">Pay</button></form>
<p><a href="${esc(s.cancelUrl)}">Back</a></p></main>`,
    )
  }
  const portalPage = (id: string) => {
    const p = portalSessions.get(id)!
    const rows = [...invoices.values()]
      .filter((i) => i.customer === p.customer)
      .map(
        (i) =>
          `<tr><td>${esc(i.number)}</td><td>${money(i.amountDue)}</td><td>${esc(i.status)}</td><td>${
            i.status === 'open'
              ? `<form method="post" action="/billing_portal/${esc(id)}/invoices/${esc(i.id)}/pay"><button type="submit">Pay ${esc(i.number)}</button></form>`
              : ''
          }</td></tr>`,
      )
      .join('')
    return html(
      200,
      `<main><h1>Billing portal (test fake)</h1><p>Customer ${esc(p.customer)}</p>
<form method="post" action="/billing_portal/${esc(id)}/card"><button type="submit">Update card</button></form>
<table><caption>Invoices</caption><thead><tr><th>Number</th><th>Amount</th><th>Status</th><th></th></tr></thead><tbody>${rows}</tbody></table>
<p><a href="${esc(p.returnUrl)}">Return to the app</a></p></main>`,
    )
  }

  const fake = (await startFake({
    errorBody: stripeErrorBody,
    routes: [
      // customers
      {
        method: 'POST',
        path: /^\/v1\/customers$/,
        handle: authed((r) => {
          const f = form(r)
          const c: FakeCustomer = {
            id: uniqueIds ? rid('cus') : `cus_fake${next('customer')}`,
            email: f.email ?? null,
            name: f.name ?? null,
            metadata: prefixed(f, 'metadata'),
            balance: 0,
            created: now(),
          }
          customers.set(c.id, c)
          return { status: 200, body: customerObject(c) }
        }),
      },
      {
        method: 'GET',
        path: /^\/v1\/customers\/[^/]+$/,
        handle: authed((r) => {
          const id = lastSegment(r)
          const c = customers.get(id)
          return { status: 200, body: c ? customerObject(c) : { id, object: 'customer', email: 'a@b.c' } }
        }),
      },
      {
        method: 'POST',
        path: /^\/v1\/customers\/[^/]+\/balance_transactions$/,
        handle: authed((r) => {
          const id = lastSegment(r, 1)
          const c = customers.get(id)
          if (!c) return missing('customer')
          const f = form(r)
          const amount = Number(f.amount)
          if (!Number.isInteger(amount)) return { status: 400, body: err('invalid_request_error', 'amount must be an integer') }
          const t: FakeBalanceTransaction = {
            id: rid('cbtxn'),
            customer: id,
            amount,
            currency: f.currency ?? 'usd',
            description: f.description ?? null,
            metadata: prefixed(f, 'metadata'),
            created: now(),
          }
          c.balance += amount
          balanceTransactions.push(t)
          return { status: 200, body: { ...t, object: 'customer_balance_transaction', ending_balance: c.balance, type: 'adjustment' } }
        }),
      },
      {
        method: 'GET',
        path: /^\/v1\/customers\/[^/]+\/balance_transactions$/,
        handle: authed((r) => {
          const id = lastSegment(r, 1)
          return {
            status: 200,
            body: list(
              balanceTransactions
                .filter((t) => t.customer === id)
                .reverse()
                .map((t) => ({ ...t, object: 'customer_balance_transaction' })),
            ),
          }
        }),
      },
      // checkout and portal
      {
        method: 'POST',
        path: /^\/v1\/checkout\/sessions$/,
        handle: authed((r) => {
          const f = form(r)
          const s: FakeCheckoutSession = {
            id: `cs_test_${next('checkout')}_${randomBytes(4).toString('hex')}`,
            customer: f.customer ?? `cus_fake${next('customer')}`,
            clientReferenceId: f.client_reference_id ?? null,
            successUrl: f.success_url ?? '',
            cancelUrl: f.cancel_url ?? '',
            lineItems: indexed(f, 'line_items').map((l) => ({ price: l.price!, quantity: l.quantity ? Number(l.quantity) : undefined })),
            metadata: prefixed(f, 'metadata'),
            subscriptionMetadata: Object.fromEntries(
              Object.entries(f)
                .map(([k, v]) => [/^subscription_data\[metadata\]\[([^\]]+)\]$/.exec(k)?.[1], v] as const)
                .filter((e): e is [string, string] => !!e[0]),
            ),
            status: 'open',
            subscription: null,
            created: now(),
          }
          sessions.set(s.id, s)
          return { status: 200, body: sessionObject(s) }
        }),
      },
      {
        method: 'GET',
        path: /^\/v1\/checkout\/sessions\/[^/]+$/,
        handle: authed((r) => {
          const s = sessions.get(lastSegment(r))
          return s ? { status: 200, body: sessionObject(s) } : missing('checkout session')
        }),
      },
      {
        method: 'POST',
        path: /^\/v1\/billing_portal\/sessions$/,
        handle: authed((r) => {
          const f = form(r)
          const id = `bps_${next('portal')}_${randomBytes(4).toString('hex')}`
          portalSessions.set(id, { customer: f.customer ?? '', returnUrl: f.return_url ?? '' })
          return {
            status: 200,
            body: {
              id,
              object: 'billing_portal.session',
              customer: f.customer,
              return_url: f.return_url,
              url: `${fake.url}/billing_portal/${id}`,
            },
          }
        }),
      },
      // subscriptions
      {
        method: 'GET',
        path: /^\/v1\/subscriptions\/[^/]+$/,
        handle: (r) => {
          reads.push(lastSegment(r))
          return getSubscription(r)
        },
      },
      {
        method: 'POST',
        path: /^\/v1\/subscriptions\/[^/]+$/,
        handle: subscriptionRoute((r, s) => {
          const f = form(r)
          if (s.status === 'canceled')
            return {
              status: 400,
              body: err('invalid_request_error', 'A canceled subscription can only update its cancellation_details and metadata.'),
            }
          const before = JSON.stringify(subObject(s))
          if (f.cancel_at_period_end !== undefined) s.cancelAtPeriodEnd = f.cancel_at_period_end === 'true'
          const meta = prefixed(f, 'metadata')
          if (Object.keys(meta).length) {
            s.metadata = { ...(s.metadata ?? {}), ...meta }
            for (const [k, v] of Object.entries(meta)) if (v === '') delete s.metadata[k]
          }
          for (const item of indexed(f, 'items')) {
            if (!item.price) continue
            const metered = priceMap.get(item.price)?.metered
            if (metered) s.meteredPriceId = item.price
            else {
              // proration: the unused part of the old price is credited, the new price charged for the rest
              const oldP = priceMap.get(s.priceId)
              const newP = priceMap.get(item.price)
              const start = s.periodStart ?? s.periodEnd - MONTH
              const left = Math.max(0, s.periodEnd - now()) / Math.max(1, s.periodEnd - start)
              if (f.proration_behavior !== 'none' && oldP && newP && oldP.id !== newP.id) {
                const items = pendingItems.get(s.customer) ?? []
                items.push({ description: `Unused time on ${oldP.id}`, amount: -Math.round(oldP.unitAmount * left) })
                items.push({ description: `Remaining time on ${newP.id}`, amount: Math.round(newP.unitAmount * left) })
                pendingItems.set(s.customer, items)
              }
              s.priceId = item.price
            }
          }
          const after = subObject(s)
          if (JSON.stringify(after) !== before) void send([event('customer.subscription.updated', after)])
          return { status: 200, body: after }
        }),
      },
      {
        method: 'DELETE',
        path: /^\/v1\/subscriptions\/[^/]+$/,
        handle: subscriptionRoute((_, s) => {
          if (s.status !== 'canceled') {
            s.status = 'canceled'
            s.canceledAt = now()
            void send([event('customer.subscription.deleted', subObject(s))])
          }
          return { status: 200, body: subObject(s) }
        }),
      },
      // invoices
      {
        method: 'GET',
        path: /^\/v1\/invoices$/,
        handle: authed((r) => {
          const customer = r.query.get('customer')
          const subscription = r.query.get('subscription')
          const status = r.query.get('status')
          const limit = Number(r.query.get('limit') ?? 10)
          const rows = [...invoices.values()]
            .filter((i) => (!customer || i.customer === customer) && (!subscription || i.subscription === subscription))
            .filter((i) => !status || i.status === status)
            .reverse()
            .slice(0, limit)
          return { status: 200, body: list(rows.map(invoiceObject)) }
        }),
      },
      {
        method: 'GET',
        path: /^\/v1\/invoices\/[^/]+$/,
        handle: authed((r) => {
          const i = invoices.get(lastSegment(r))
          return i ? { status: 200, body: invoiceObject(i) } : missing('invoice')
        }),
      },
      {
        method: 'POST',
        path: /^\/v1\/invoices\/[^/]+\/pay$/,
        handle: authed((r) => {
          const i = invoices.get(lastSegment(r, 1))
          if (!i) return missing('invoice')
          if (i.status === 'paid')
            return { status: 400, body: err('invalid_request_error', 'Invoice is already paid', 'invoice_already_paid') }
          if (i.status !== 'open') return { status: 400, body: err('invalid_request_error', `Invoice is ${i.status}`) }
          const out = attemptPayment(i)
          void send(out.events)
          return out.paid ? { status: 200, body: invoiceObject(i) } : { status: 402, body: stripeErrorBody(402) }
        }),
      },
      // refunds (of a paid invoice's payment, by charge or payment_intent)
      {
        method: 'POST',
        path: /^\/v1\/refunds$/,
        handle: authed((r) => {
          const f = form(r)
          if (!f.charge === !f.payment_intent)
            return { status: 400, body: err('invalid_request_error', 'Pass exactly one of charge or payment_intent', 'parameter_missing') }
          const inv = [...invoices.values()].find(
            (i) => i.charge && (f.charge ? i.charge === f.charge : paymentIntentOf(i.charge) === f.payment_intent),
          )
          if (!inv?.charge) return missing(f.charge ? 'charge' : 'payment_intent')
          const refunded = refunds.filter((x) => x.charge === inv.charge).reduce((sum, x) => sum + x.amount, 0)
          const left = inv.amountPaid - refunded
          if (left <= 0)
            return {
              status: 400,
              body: err('invalid_request_error', `Charge ${inv.charge} has already been refunded.`, 'charge_already_refunded'),
            }
          const amount = f.amount === undefined ? left : Number(f.amount)
          if (!Number.isInteger(amount) || amount <= 0)
            return { status: 400, body: err('invalid_request_error', 'amount must be a positive integer', 'parameter_invalid_integer') }
          if (amount > left)
            return {
              status: 400,
              body: err(
                'invalid_request_error',
                `Refund amount (${money(amount)}) is greater than unrefunded amount on charge (${money(left)})`,
                'amount_too_large',
              ),
            }
          const x: FakeRefund = {
            id: rid('re'),
            charge: inv.charge,
            paymentIntent: paymentIntentOf(inv.charge),
            invoice: inv.id,
            amount,
            reason: f.reason ?? null,
            status: 'succeeded',
            metadata: prefixed(f, 'metadata'),
            created: now(),
          }
          refunds.push(x)
          return {
            status: 200,
            body: {
              id: x.id,
              object: 'refund',
              amount: x.amount,
              charge: x.charge,
              payment_intent: x.paymentIntent,
              currency: 'usd',
              reason: x.reason,
              status: x.status,
              metadata: x.metadata,
              created: x.created,
            },
          }
        }),
      },
      // meter events
      {
        method: 'POST',
        path: /^\/v1\/billing\/meter_events$/,
        handle: authed((r) => {
          const f = form(r)
          const identifier = f.identifier ?? rid('mev')
          const ev: FakeMeterEvent = {
            identifier,
            eventName: f.event_name ?? '',
            customer: f['payload[stripe_customer_id]'] ?? '',
            value: Number(f['payload[value]'] ?? 1),
            timestamp: f.timestamp ? Number(f.timestamp) : now(),
          }
          if (meterEvents.has(identifier)) fake.meterDuplicates++
          else meterEvents.set(identifier, ev)
          return {
            status: 200,
            body: {
              object: 'billing.meter_event',
              event_name: ev.eventName,
              identifier,
              livemode: false,
              created: now(),
              timestamp: ev.timestamp,
              payload: { value: f['payload[value]'], stripe_customer_id: f['payload[stripe_customer_id]'] },
            },
          }
        }),
      },
      {
        method: 'GET',
        path: /^\/v1\/billing\/meters$/,
        handle: authed(() => ({
          status: 200,
          // every meter the app reports to exists (set up once per Stripe account), whether or not a price bills it yet
          body: list(
            [
              ...new Set([
                ...[...priceMap.values()].flatMap((p) => (p.meterEventName ? [p.meterEventName] : [])),
                ...Object.values(METER_EVENT_NAMES),
              ]),
            ].map((name) => ({ id: `mtr_${name}`, object: 'billing.meter', event_name: name, status: 'active' })),
          ),
        })),
      },
      {
        method: 'GET',
        path: /^\/v1\/billing\/meters\/[^/]+\/event_summaries$/,
        handle: authed((r) => {
          const meterId = lastSegment(r, 1)
          const eventName = meterId.replace(/^mtr_/, '')
          const customer = r.query.get('customer') ?? ''
          const start = Number(r.query.get('start_time') ?? 0)
          const end = Number(r.query.get('end_time') ?? Number.MAX_SAFE_INTEGER)
          let value = 0
          for (const m of meterEvents.values())
            if (m.eventName === eventName && m.customer === customer && m.timestamp >= start && m.timestamp < end) value += m.value
          return {
            status: 200,
            body: list([
              {
                id: `mtrusg_${meterId}_${customer}`,
                object: 'billing.meter_event_summary',
                meter: meterId,
                aggregated_value: value,
                start_time: start,
                end_time: end,
                livemode: false,
              },
            ]),
          }
        }),
      },
      // disputes
      {
        method: 'GET',
        path: /^\/v1\/disputes\/[^/]+$/,
        handle: authed((r) => {
          const d = disputes.get(lastSegment(r))
          const expand = [...r.query.entries()].some(([k, v]) => k.startsWith('expand') && v === 'charge')
          return d ? { status: 200, body: disputeObject(d, expand) } : missing('dispute')
        }),
      },
      // hosted pages (what a browser sees)
      {
        method: 'GET',
        path: /^\/checkout\/[^/]+$/,
        handle: (r) => {
          const s = sessions.get(lastSegment(r))
          if (!s) return html(404, '<h1>Checkout session not found</h1>')
          if (s.status === 'complete') return redirect(s.successUrl)
          return checkoutPage(s)
        },
      },
      {
        method: 'POST',
        path: /^\/checkout\/[^/]+$/,
        handle: async (r) => {
          const s = sessions.get(lastSegment(r))
          if (!s) return html(404, '<h1>Checkout session not found</h1>')
          const out = await completeCheckout(s.id)
          if (out.declined) return checkoutPage(s, 'Your card was declined.')
          return redirect(s.successUrl)
        },
      },
      {
        method: 'GET',
        path: /^\/billing_portal\/[^/]+$/,
        handle: (r) => (portalSessions.has(lastSegment(r)) ? portalPage(lastSegment(r)) : html(404, '<h1>Portal session not found</h1>')),
      },
      {
        method: 'POST',
        path: /^\/billing_portal\/[^/]+\/card$/,
        handle: (r) => {
          const id = lastSegment(r, 1)
          const p = portalSessions.get(id)
          if (!p) return html(404, '<h1>Portal session not found</h1>')
          failures.delete(p.customer)
          return redirect(`/billing_portal/${id}`)
        },
      },
      {
        method: 'POST',
        path: /^\/billing_portal\/[^/]+\/invoices\/[^/]+\/pay$/,
        handle: async (r) => {
          const id = r.path.split('/')[2]!
          const inv = invoices.get(lastSegment(r, 1))
          if (inv) await send(attemptPayment(inv).events)
          return redirect(`/billing_portal/${id}`)
        },
      },
      {
        method: 'GET',
        path: /^\/invoices\/[^/]+(\/pdf)?$/,
        handle: (r) => {
          const inv = invoices.get(r.path.split('/')[2]!)
          if (!inv) return html(404, '<h1>Invoice not found</h1>')
          return html(
            200,
            `<h1>Invoice ${esc(inv.number)}</h1><p>Status ${esc(inv.status)}</p><ul>${inv.lines
              .map((l) => `<li>${esc(l.description)}: ${money(l.amount)}</li>`)
              .join('')}</ul><p>Total ${money(inv.amountDue)}</p>`,
          )
        },
      },
      // control API
      {
        method: 'POST',
        path: /^\/__control\/webhooks$/,
        handle: (r) => {
          const b = body(r) as WebhookOptions
          configureWebhooks({ url: b.url, secret: b.secret, duplicateRate: b.duplicateRate, reorder: b.reorder, seed: b.seed })
          return { status: 200, body: { ok: true } }
        },
      },
      {
        method: 'POST',
        path: /^\/__control\/fail-next-payment$/,
        handle: (r) => {
          const b = body(r) as { customer?: string; count?: number }
          failNextPayment(b)
          return { status: 200, body: { ok: true } }
        },
      },
      {
        method: 'POST',
        path: /^\/__control\/card-ok$/,
        handle: (r) => {
          cardOk(body(r) as { customer?: string })
          return { status: 200, body: { ok: true } }
        },
      },
      {
        method: 'POST',
        path: /^\/__control\/checkout\/[^/]+\/complete$/,
        handle: async (r) => {
          const out = await completeCheckout(lastSegment(r, 1))
          return { status: out.ok ? 200 : out.declined ? 402 : 404, body: out }
        },
      },
      {
        method: 'POST',
        path: /^\/__control\/subscriptions\/[^/]+\/renew$/,
        handle: async (r) => {
          const id = lastSegment(r, 1)
          if (!subscriptions.has(id)) return missing('subscription')
          return { status: 200, body: subObject(await renewSubscription(id)) }
        },
      },
      {
        method: 'POST',
        path: /^\/__control\/disputes$/,
        handle: async (r) => {
          const b = body(r) as { customer?: string; amount?: number; reason?: string }
          if (!b.customer) return { status: 400, body: err('invalid_request_error', 'customer is required') }
          return { status: 200, body: await createDispute({ customer: b.customer, amount: b.amount, reason: b.reason }) }
        },
      },
      {
        method: 'GET',
        path: /^\/__control\/state$/,
        handle: () => ({
          status: 200,
          body: {
            meterEvents: meterEvents.size,
            meterDuplicates: fake.meterDuplicates,
            refunds: refunds.length,
            deliveries: deliveries.length,
            events: events.length,
            customers: [...customers.values()].map(customerObject),
            subscriptions: [...subscriptions.values()].map(subObject),
            invoices: [...invoices.values()].map(invoiceObject),
            checkoutSessions: [...sessions.values()].map(sessionObject),
          },
        }),
      },
    ],
  })) as StripeFake

  function configureWebhooks(o: WebhookOptions | null) {
    hook = o ? { ...(hook ?? {}), ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } : null
    rnd = mulberry32(hook?.seed ?? 1)
  }
  function failNextPayment({ customer, count = 1 }: { customer?: string; count?: number } = {}) {
    const key = customer ?? '*'
    failures.set(key, (failures.get(key) ?? 0) + count)
  }
  function cardOk({ customer }: { customer?: string } = {}) {
    if (customer) failures.delete(customer)
    else failures.clear()
  }

  const resetServer = fake.reset
  return Object.assign(fake, {
    subscriptions,
    reads,
    customers,
    prices: priceMap,
    invoices,
    checkoutSessions: sessions,
    meterEvents,
    meterDuplicates: 0,
    disputes,
    balanceTransactions,
    refunds,
    events,
    deliveries,
    configureWebhooks,
    failNextPayment,
    cardOk,
    completeCheckout,
    renewSubscription,
    createDispute,
    flushWebhooks: async () => {
      let last: Promise<void> | undefined
      while (last !== inFlight) {
        last = inFlight
        await last
      }
    },
    now,
    advanceClock: (seconds: number) => {
      clockOffset += seconds
    },
    reset: () => {
      resetServer()
      for (const m of [subscriptions, customers, invoices, sessions, portalSessions, meterEvents, disputes, pendingItems, failures])
        m.clear()
      reads.length = 0
      balanceTransactions.length = 0
      refunds.length = 0
      events.length = 0
      deliveries.length = 0
      replays.clear()
      counters = {}
      clockOffset = 0
      fake.meterDuplicates = 0
      rnd = mulberry32(hook?.seed ?? 1)
    },
  })
}

/** Price ids the e2e live stack configures (tests/e2e/helpers/live-stack-info.ts LIVE_PRICES) and tests may reuse. */
export const SIMULATOR_PRICE_IDS = {
  PROFESSIONAL: 'price_e2e_professional',
  PROFESSIONAL_LEADS: 'price_e2e_professional_leads',
  ENTERPRISE: 'price_e2e_enterprise',
  ENTERPRISE_LEADS: 'price_e2e_enterprise_leads',
} as const

/** The plans' Stripe prices (amounts from lib/billing/plans.ts): flat monthly + metered per quality lead. */
export function planPrices(ids: Record<keyof typeof SIMULATOR_PRICE_IDS, string> = SIMULATOR_PRICE_IDS): FakePrice[] {
  return [
    { id: ids.PROFESSIONAL, unitAmount: PLANS.PROFESSIONAL.priceCents },
    {
      id: ids.PROFESSIONAL_LEADS,
      unitAmount: PLANS.PROFESSIONAL.qualityLeadCents,
      metered: true,
      meterEventName: METER_EVENT_NAMES.QUALITY_LEAD,
    },
    { id: ids.ENTERPRISE, unitAmount: PLANS.ENTERPRISE.priceCents },
    {
      id: ids.ENTERPRISE_LEADS,
      unitAmount: PLANS.ENTERPRISE.qualityLeadCents,
      metered: true,
      meterEventName: METER_EVENT_NAMES.QUALITY_LEAD,
    },
  ]
}

/** The env that maps those prices to plans in the app (lib/billing/stripe-prices.ts). */
export function planPriceEnv(ids: Record<keyof typeof SIMULATOR_PRICE_IDS, string> = SIMULATOR_PRICE_IDS): Record<string, string> {
  return {
    STRIPE_PRICE_PROFESSIONAL: ids.PROFESSIONAL,
    STRIPE_PRICE_PROFESSIONAL_LEADS: ids.PROFESSIONAL_LEADS,
    STRIPE_PRICE_ENTERPRISE: ids.ENTERPRISE,
    STRIPE_PRICE_ENTERPRISE_LEADS: ids.ENTERPRISE_LEADS,
  }
}

/** The stateful fake as a stand-alone Stripe for the e2e live stack: plan prices configured, webhooks POSTed to the
 *  running app, driven by the browser (hosted Checkout/portal pages) and the /__control API. */
export function startStripeSimulator(o: {
  webhookUrl: string
  webhookSecret: string
  duplicateRate?: number
  reorder?: boolean
  prices?: FakePrice[]
}): Promise<StripeFake> {
  return startStripeFake({
    uniqueIds: true,
    prices: o.prices ?? planPrices(),
    webhooks: { url: o.webhookUrl, secret: o.webhookSecret, duplicateRate: o.duplicateRate, reorder: o.reorder },
  })
}
