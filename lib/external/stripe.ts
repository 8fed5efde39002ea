// Stripe through the official SDK. Every create/update carries an idempotency key (the caller's, or one made
// per logical call and reused across our retries), so those calls are safe to retry; reads are naturally safe.
// Meter events are deduplicated by Stripe on `identifier`. Sandbox returns deterministic objects, bills nobody.
import 'server-only'
import { randomUUID } from 'node:crypto'
import Stripe from 'stripe'
import { env } from '@/lib/env'
import { AppError } from '@/lib/errors'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { sandboxId } from '@/lib/external/sandbox'

const TIMEOUT_MS = 20_000
type Sandboxed<T> = T & { sandbox: boolean }

const clients = new Map<string, Stripe>()
function stripe(): Stripe {
  const e = providerEnv()
  const key = [e.STRIPE_SECRET_KEY, e.STRIPE_API_HOST, e.STRIPE_API_PORT, e.STRIPE_API_PROTOCOL].join('|')
  let sdk = clients.get(key)
  if (!sdk) {
    sdk = new Stripe(e.STRIPE_SECRET_KEY!, {
      maxNetworkRetries: 0, // callService owns retries
      timeout: TIMEOUT_MS + 5_000,
      telemetry: false,
      ...(e.STRIPE_API_HOST ? { host: e.STRIPE_API_HOST } : {}),
      ...(e.STRIPE_API_PORT ? { port: e.STRIPE_API_PORT } : {}),
      ...(e.STRIPE_API_PROTOCOL ? { protocol: e.STRIPE_API_PROTOCOL } : {}),
    })
    clients.set(key, sdk)
  }
  return sdk
}

export const isStripeLive = () => isLive('stripe')

const call = <T>(operation: string, fn: () => Promise<T>) =>
  callService({ provider: 'stripe', operation, idempotent: true, timeoutMs: TIMEOUT_MS }, () => fn())

export async function createCustomer(input: {
  email: string
  name?: string
  orgId: string
  idempotencyKey?: string
}): Promise<{ customerId: string; sandbox: boolean }> {
  if (!isStripeLive()) return { customerId: sandboxId('cus', input.orgId), sandbox: true }
  const idempotencyKey = input.idempotencyKey ?? randomUUID()
  const c = await call('customers.create', () =>
    stripe().customers.create(
      { email: input.email, name: input.name, metadata: { org_id: input.orgId } },
      { idempotencyKey, timeout: TIMEOUT_MS },
    ),
  )
  return { customerId: c.id, sandbox: false }
}

export async function retrieveCustomer(input: {
  customerId: string
}): Promise<Sandboxed<{ id: string; email: string | null; deleted: boolean }>> {
  if (!isStripeLive()) return { id: input.customerId, email: null, deleted: false, sandbox: true }
  const c = await call('customers.retrieve', () => stripe().customers.retrieve(input.customerId, {}, { timeout: TIMEOUT_MS }))
  return {
    id: c.id,
    email: 'deleted' in c && c.deleted ? null : (c as Stripe.Customer).email,
    deleted: 'deleted' in c && !!c.deleted,
    sandbox: false,
  }
}

export interface CheckoutInput {
  customerId: string
  orgId: string
  /** flat monthly price, plus optional metered price (per quality lead) */
  priceId: string
  meteredPriceId?: string
  successUrl: string
  cancelUrl: string
  idempotencyKey?: string
  /** Stripe Tax: sales tax computed from the customer's address (collected at Checkout), on this and every invoice */
  automaticTax?: boolean
}
export async function createCheckoutSession(input: CheckoutInput): Promise<{ id: string; url: string; sandbox: boolean }> {
  if (!isStripeLive()) {
    const id = sandboxId('cs', input.orgId, input.priceId, input.idempotencyKey)
    return { id, url: `${env().APP_URL}/billing/sandbox-checkout?session=${id}`, sandbox: true }
  }
  const idempotencyKey = input.idempotencyKey ?? randomUUID() // made once: every attempt must carry the same key
  const line_items: Stripe.Checkout.SessionCreateParams.LineItem[] = [{ price: input.priceId, quantity: 1 }]
  if (input.meteredPriceId) line_items.push({ price: input.meteredPriceId })
  const s = await call('checkout.sessions.create', () =>
    stripe().checkout.sessions.create(
      {
        mode: 'subscription',
        customer: input.customerId,
        line_items,
        client_reference_id: input.orgId,
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        subscription_data: { metadata: { org_id: input.orgId } },
        ...(input.automaticTax
          ? {
              automatic_tax: { enabled: true },
              customer_update: { address: 'auto' as const, name: 'auto' as const },
              billing_address_collection: 'required' as const,
            }
          : {}),
      },
      { idempotencyKey, timeout: TIMEOUT_MS },
    ),
  )
  return { id: s.id, url: s.url ?? '', sandbox: false }
}

export async function createBillingPortalSession(input: {
  customerId: string
  returnUrl: string
  idempotencyKey?: string
}): Promise<{ url: string; sandbox: boolean }> {
  if (!isStripeLive()) return { url: `${input.returnUrl}${input.returnUrl.includes('?') ? '&' : '?'}sandbox_portal=1`, sandbox: true }
  const idempotencyKey = input.idempotencyKey ?? randomUUID()
  const s = await call('billing_portal.sessions.create', () =>
    stripe().billingPortal.sessions.create(
      { customer: input.customerId, return_url: input.returnUrl },
      { idempotencyKey, timeout: TIMEOUT_MS },
    ),
  )
  return { url: s.url, sandbox: false }
}

function sandboxSubscription(id: string, status: Stripe.Subscription.Status = 'active'): Sandboxed<Stripe.Subscription> {
  const now = Math.floor(Date.UTC(2026, 0, 1) / 1000)
  return {
    id,
    object: 'subscription',
    status,
    customer: sandboxId('cus', id),
    metadata: {},
    cancel_at_period_end: false,
    items: {
      object: 'list',
      data: [{ id: sandboxId('si', id), price: { id: 'price_sandbox' }, current_period_end: now + 30 * 86400 }],
      has_more: false,
      url: '',
    },
    sandbox: true,
  } as unknown as Sandboxed<Stripe.Subscription>
}

export async function retrieveSubscription(input: { subscriptionId: string }): Promise<Sandboxed<Stripe.Subscription>> {
  if (!isStripeLive()) return sandboxSubscription(input.subscriptionId)
  const s = await call('subscriptions.retrieve', () => stripe().subscriptions.retrieve(input.subscriptionId, {}, { timeout: TIMEOUT_MS }))
  return Object.assign(s, { sandbox: false })
}

export async function updateSubscription(input: {
  subscriptionId: string
  params: Stripe.SubscriptionUpdateParams
  idempotencyKey?: string
}): Promise<Sandboxed<Stripe.Subscription>> {
  if (!isStripeLive()) return sandboxSubscription(input.subscriptionId)
  const idempotencyKey = input.idempotencyKey ?? randomUUID()
  const s = await call('subscriptions.update', () =>
    stripe().subscriptions.update(input.subscriptionId, input.params, { idempotencyKey, timeout: TIMEOUT_MS }),
  )
  return Object.assign(s, { sandbox: false })
}

export async function cancelSubscription(input: {
  subscriptionId: string
  atPeriodEnd?: boolean
  idempotencyKey?: string
}): Promise<Sandboxed<Stripe.Subscription>> {
  if (!isStripeLive()) return sandboxSubscription(input.subscriptionId, input.atPeriodEnd ? 'active' : 'canceled')
  const idempotencyKey = input.idempotencyKey ?? randomUUID()
  const s = input.atPeriodEnd
    ? await call('subscriptions.update', () =>
        stripe().subscriptions.update(input.subscriptionId, { cancel_at_period_end: true }, { idempotencyKey, timeout: TIMEOUT_MS }),
      )
    : await call('subscriptions.cancel', () =>
        stripe().subscriptions.cancel(input.subscriptionId, {}, { idempotencyKey, timeout: TIMEOUT_MS }),
      )
  return Object.assign(s, { sandbox: false })
}

/** Usage for the per-quality-lead fee. `identifier` (e.g. "lead:<id>") makes a repeat a no-op at Stripe. */
export async function reportMeterEvent(input: {
  eventName: string
  customerId: string
  value: number
  identifier: string
  timestamp?: Date
}): Promise<{ identifier: string; sandbox: boolean }> {
  if (!isStripeLive()) return { identifier: input.identifier, sandbox: true }
  const ev = await call('billing.meter_events.create', () =>
    stripe().billing.meterEvents.create(
      {
        event_name: input.eventName,
        identifier: input.identifier,
        payload: { stripe_customer_id: input.customerId, value: String(input.value) },
        ...(input.timestamp ? { timestamp: Math.floor(input.timestamp.getTime() / 1000) } : {}),
      },
      { idempotencyKey: `meter-${input.identifier}`, timeout: TIMEOUT_MS },
    ),
  )
  return { identifier: ev.identifier, sandbox: false }
}

// ---------------------------------------------------------------- billing lifecycle (lib/billing): invoices, disputes
function sandboxInvoice(id: string, customer = sandboxId('cus', id)): Sandboxed<Stripe.Invoice> {
  return {
    id,
    object: 'invoice',
    customer,
    status: 'paid',
    number: null,
    currency: 'usd',
    amount_due: 0,
    amount_paid: 0,
    total: 0,
    attempt_count: 0,
    next_payment_attempt: null,
    created: Math.floor(Date.UTC(2026, 0, 1) / 1000),
    period_start: Math.floor(Date.UTC(2026, 0, 1) / 1000),
    period_end: Math.floor(Date.UTC(2026, 0, 1) / 1000),
    status_transitions: { paid_at: null },
    lines: { object: 'list', data: [], has_more: false, url: '' },
    sandbox: true,
  } as unknown as Sandboxed<Stripe.Invoice>
}

export async function retrieveInvoice(input: { invoiceId: string }): Promise<Sandboxed<Stripe.Invoice>> {
  if (!isStripeLive()) return sandboxInvoice(input.invoiceId)
  const i = await call('invoices.retrieve', () => stripe().invoices.retrieve(input.invoiceId, {}, { timeout: TIMEOUT_MS }))
  return Object.assign(i, { sandbox: false })
}

/** Newest first. */
export async function listInvoices(input: {
  customerId: string
  subscriptionId?: string
  limit?: number
}): Promise<{ invoices: Stripe.Invoice[]; sandbox: boolean }> {
  if (!isStripeLive()) return { invoices: [], sandbox: true }
  const page = await call('invoices.list', () =>
    stripe().invoices.list(
      { customer: input.customerId, ...(input.subscriptionId ? { subscription: input.subscriptionId } : {}), limit: input.limit ?? 10 },
      { timeout: TIMEOUT_MS },
    ),
  )
  return { invoices: page.data, sandbox: false }
}

/** Attempts payment of an open invoice now (a dunning retry). A declined card is UPSTREAM_FAILED with status 402. */
export async function payInvoice(input: { invoiceId: string; idempotencyKey?: string }): Promise<Sandboxed<Stripe.Invoice>> {
  if (!isStripeLive()) return sandboxInvoice(input.invoiceId)
  const idempotencyKey = input.idempotencyKey ?? randomUUID()
  const i = await call('invoices.pay', () => stripe().invoices.pay(input.invoiceId, {}, { idempotencyKey, timeout: TIMEOUT_MS }))
  return Object.assign(i, { sandbox: false })
}

/** A card dispute with its charge expanded (the charge names the customer). */
export async function retrieveDispute(input: { disputeId: string }): Promise<Sandboxed<Stripe.Dispute>> {
  if (!isStripeLive())
    return {
      id: input.disputeId,
      object: 'dispute',
      amount: 0,
      currency: 'usd',
      reason: 'general',
      status: 'needs_response',
      created: Math.floor(Date.UTC(2026, 0, 1) / 1000),
      charge: { id: sandboxId('ch', input.disputeId), object: 'charge', customer: null },
      sandbox: true,
    } as unknown as Sandboxed<Stripe.Dispute>
  const d = await call('disputes.retrieve', () =>
    stripe().disputes.retrieve(input.disputeId, { expand: ['charge'] }, { timeout: TIMEOUT_MS }),
  )
  return Object.assign(d, { sandbox: false })
}

/**
 * Credits a customer's Stripe balance (the next invoices use it first): a customer balance transaction with a
 * NEGATIVE amount. `idempotencyKey` (e.g. "credit:<usage event id>") makes a retry return the first result.
 */
export async function createCustomerCredit(input: {
  customerId: string
  amountCents: number
  description: string
  idempotencyKey: string
  metadata?: Record<string, string>
}): Promise<{ id: string; sandbox: boolean }> {
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) throw new Error('a credit is a positive integer of cents')
  if (!isStripeLive()) return { id: sandboxId('cbtxn', input.idempotencyKey), sandbox: true }
  const t = await call('customers.balance_transactions.create', () =>
    stripe().customers.createBalanceTransaction(
      input.customerId,
      { amount: -input.amountCents, currency: 'usd', description: input.description, metadata: input.metadata ?? {} },
      { idempotencyKey: input.idempotencyKey, timeout: TIMEOUT_MS },
    ),
  )
  return { id: t.id, sandbox: false }
}

/** The billing meters (id ↔ event name), for reconciling the usage ledger. Sandbox: none (nothing is metered). */
export async function listMeters(): Promise<{ meters: Array<{ id: string; eventName: string }>; sandbox: boolean }> {
  if (!isStripeLive()) return { meters: [], sandbox: true }
  const page = await call('billing.meters.list', () => stripe().billing.meters.list({ limit: 100 }, { timeout: TIMEOUT_MS }))
  return { meters: page.data.map((m) => ({ id: m.id, eventName: m.event_name })), sandbox: false }
}

/**
 * What Stripe accepted for one meter and customer in [start, end) (GET /v1/billing/meters/{id}/event_summaries):
 * the sum of the meter events' values. Times must be whole minutes (Stripe's rule).
 */
export async function meterEventSummary(input: {
  meterId: string
  customerId: string
  start: Date
  end: Date
}): Promise<{ value: number; sandbox: boolean }> {
  if (!isStripeLive()) return { value: 0, sandbox: true }
  const toMinute = (d: Date) => Math.floor(d.getTime() / 60_000) * 60
  const page = await call('billing.meters.event_summaries', () =>
    stripe().billing.meters.listEventSummaries(
      input.meterId,
      { customer: input.customerId, start_time: toMinute(input.start), end_time: toMinute(input.end), limit: 100 },
      { timeout: TIMEOUT_MS },
    ),
  )
  return { value: page.data.reduce((sum, s) => sum + s.aggregated_value, 0), sandbox: false }
}

/** Stripe's object types for lib/billing (which may not import the SDK itself). */
export type StripeSubscription = Stripe.Subscription
export type StripeSubscriptionItem = Stripe.SubscriptionItem
export type StripeSubscriptionUpdateParams = Stripe.SubscriptionUpdateParams
export type StripeInvoice = Stripe.Invoice

// ---------------------------------------------------------------- staff refunds (lib/billing/issue-staff-refund.ts)
/** The payment behind a paid invoice: its PaymentIntent (Stripe's invoice payments) or, on older objects, its charge. */
export function paymentOfInvoice(inv: Stripe.Invoice): { paymentIntentId: string | null; chargeId: string | null } {
  const idOf = (v: unknown): string | null =>
    typeof v === 'string' ? v : v && typeof v === 'object' && 'id' in v && typeof v.id === 'string' ? v.id : null
  const paid = (inv.payments?.data ?? []).find((p) => p.status === 'paid') ?? inv.payments?.data?.[0]
  const legacy = inv as unknown as { payment_intent?: unknown; charge?: unknown }
  const paymentIntentId = idOf(paid?.payment?.payment_intent) ?? idOf(legacy.payment_intent)
  const chargeId = idOf(paid?.payment?.charge) ?? idOf(legacy.charge)
  return { paymentIntentId, chargeId }
}

/**
 * Refunds `amountCents` of a payment: name it by the PAID invoice (its payment is read from Stripe), its
 * PaymentIntent or its charge (exactly one). `idempotencyKey` (e.g. "staff-adjustment:<row id>") makes a retry
 * return the first refund instead of refunding twice. Sandbox: a deterministic id, nothing refunded.
 */
export async function createRefund(input: {
  invoiceId?: string
  paymentIntentId?: string
  chargeId?: string
  amountCents: number
  idempotencyKey: string
  reason?: 'duplicate' | 'fraudulent' | 'requested_by_customer'
  metadata?: Record<string, string>
}): Promise<{ id: string; status: string | null; amountCents: number; sandbox: boolean }> {
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) throw new Error('a refund is a positive integer of cents')
  const named = [input.invoiceId, input.paymentIntentId, input.chargeId].filter(Boolean).length
  if (named !== 1) throw new Error('name exactly one of invoiceId, paymentIntentId, chargeId')
  if (!isStripeLive())
    return { id: sandboxId('re', input.idempotencyKey), status: 'succeeded', amountCents: input.amountCents, sandbox: true }
  let target: { payment_intent?: string; charge?: string }
  if (input.invoiceId) {
    const invoiceId = input.invoiceId
    const inv = await call('invoices.retrieve', () =>
      stripe().invoices.retrieve(invoiceId, { expand: ['payments'] }, { timeout: TIMEOUT_MS }),
    )
    const p = paymentOfInvoice(inv)
    if (inv.status !== 'paid' || (!p.paymentIntentId && !p.chargeId))
      throw new AppError('VALIDATION_FAILED', 'Stripe shows no payment on this invoice to refund', {
        details: { reason: 'INVOICE_NOT_PAID', invoiceId, status: inv.status },
      })
    target = p.paymentIntentId ? { payment_intent: p.paymentIntentId } : { charge: p.chargeId! }
  } else target = input.paymentIntentId ? { payment_intent: input.paymentIntentId } : { charge: input.chargeId! }
  const r = await call('refunds.create', () =>
    stripe().refunds.create(
      { ...target, amount: input.amountCents, metadata: input.metadata ?? {}, ...(input.reason ? { reason: input.reason } : {}) },
      { idempotencyKey: input.idempotencyKey, timeout: TIMEOUT_MS },
    ),
  )
  return { id: r.id, status: r.status ?? null, amountCents: r.amount, sandbox: false }
}
