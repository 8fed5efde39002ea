// The Stripe lifecycle under test: the stateful Stripe fake with the plans' prices, its signed webhooks delivered
// to the REAL route handler (/api/webhooks/stripe) in-process, and a worker processing them (private pg-boss schema).
import { db } from '@/lib/db'
import { stopBoss } from '@/lib/jobs/boss'
import { memberActor, type MemberActor } from '@/lib/auth/actor'
import { resetProviderPolicies } from '@/lib/external/call-service'
import { WEBHOOK_QUEUES } from '@/lib/webhooks/jobs'
import type { Role } from '@/lib/generated/prisma/enums'
import type { WorkerHandle } from '@/lib/worker/start-worker'
import { POST } from '@/app/api/webhooks/stripe/route'
import { startCheckout } from '@/lib/billing/start-checkout'
import { addMember, createOrg, createUser, uniq } from '@/tests/factories'
import { planPriceEnv, planPrices, startStripeFake, type StripeFake, type WebhookOptions } from '@/tests/fakes/stripe-fake'
import { startTestWorker, usePrivateBossSchema as makePrivateBossSchema } from '@/tests/integration/outbox/harness'
import { waitFor } from '@/tests/wait-for'

export interface BillingStripe {
  fake: StripeFake
  worker: WorkerHandle
  secret: string
  /** webhook delivery as the fake was started with (set again after `fake.configureWebhooks(null)`) */
  webhooks: WebhookOptions
  stop: () => Promise<void>
}

export async function startBillingStripe(o: { duplicateRate?: number; reorder?: boolean; seed?: number } = {}): Promise<BillingStripe> {
  makePrivateBossSchema()
  const secret = `whsec_test_${uniq('')}`
  const webhooks: WebhookOptions = {
    secret,
    deliver: async (body, headers) =>
      (await POST(new Request('http://localhost/api/webhooks/stripe', { method: 'POST', body, headers }))).status,
    ...o,
  }
  const fake = await startStripeFake({ prices: planPrices(), webhooks, uniqueIds: true })
  setLiveStripeEnv(fake, secret)
  const worker = await startTestWorker(WEBHOOK_QUEUES.filter((q) => q.name === 'webhooks.process'))
  return {
    fake,
    worker,
    secret,
    webhooks,
    stop: async () => {
      await worker.stop()
      await stopBoss()
      await fake.close()
    },
  }
}

export function setLiveStripeEnv(fake: StripeFake, secret: string) {
  Object.assign(process.env, {
    STRIPE_WEBHOOK_SECRET: secret,
    STRIPE_SECRET_KEY: 'sk_test_fake',
    STRIPE_API_HOST: '127.0.0.1',
    STRIPE_API_PORT: String(fake.port),
    STRIPE_API_PROTOCOL: 'http',
    ...planPriceEnv(),
  })
  resetProviderPolicies()
}

/** Stripe not configured: the sandbox. */
export function setSandboxStripeEnv() {
  for (const k of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_HOST', 'STRIPE_API_PORT', 'STRIPE_API_PROTOCOL'])
    delete process.env[k]
}

/** Waits until every webhook the fake sent so far has been stored AND processed. */
export async function settle(fake: StripeFake) {
  await fake.flushWebhooks()
  const ids = [...new Set(fake.deliveries.map((d) => d.eventId))]
  for (const d of fake.deliveries) if (d.status !== 200) throw new Error(`webhook ${d.type} answered ${d.status}`)
  await waitFor(
    async () => (await db.webhookEvent.count({ where: { provider: 'STRIPE', eventId: { in: ids }, status: 'processed' } })) === ids.length,
    { timeoutMs: 30_000, what: `${ids.length} Stripe events processed` },
  )
}

export async function orgWithMember(
  role: Role = 'OWNER',
): Promise<{ org: { id: string; slug: string }; actor: MemberActor; email: string }> {
  const org = await createOrg()
  const user = await createUser()
  const m = await addMember(org.id, user.id, role)
  return { org, actor: memberActor({ org, userId: user.id, membershipId: m.id, role }), email: user.email }
}

export async function memberOf(orgId: string, role: Role): Promise<MemberActor> {
  const user = await createUser()
  const m = await addMember(orgId, user.id, role)
  return memberActor({ org: { id: orgId }, userId: user.id, membershipId: m.id, role })
}

export const account = (orgId: string) =>
  db.billingAccount.findUniqueOrThrow({ where: { orgId }, include: { org: { select: { plan: true } } } })
export const audits = (orgId: string, action: string) => db.auditLog.findMany({ where: { orgId, action }, orderBy: { createdAt: 'asc' } })

/** Pays a checkout session on the fake's hosted page, as the browser does (Pay button), returning where it redirects. */
export async function payCheckout(fake: StripeFake, url: string): Promise<{ status: number; location: string | null }> {
  const res = await fetch(url, {
    method: 'POST',
    body: 'card=4242',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  })
  return { status: res.status, location: res.headers.get('location') }
}

/** An OWNER's org that paid Checkout on the fake, its webhooks processed: the Stripe customer and subscription ids. */
export async function subscribedOrg(fake: StripeFake, plan: 'PROFESSIONAL' | 'ENTERPRISE' = 'PROFESSIONAL') {
  const o = await orgWithMember('OWNER')
  const { url } = await startCheckout({ actor: o.actor, plan })
  await payCheckout(fake, url)
  await settle(fake)
  const a = await account(o.org.id)
  return { ...o, account: a, customer: a.stripeCustomerId!, subscriptionId: a.stripeSubscriptionId! }
}
