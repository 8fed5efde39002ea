// Billing (OWNER manages, ADMIN reads; everyone else gets the 404 page): plan, trial, usage this period against the
// spend cap, the cap form, plan changes, invoices, the dunning clock, the lead-quality guarantee and the history.
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requirePageMember } from '@/lib/auth/page-session'
import { can } from '@/lib/auth/permissions'
import { memberActor } from '@/lib/auth/actor'
import { getBillingOverview, type BillingOverview } from '@/lib/billing/get-billing-overview'
import { formatCents, formatLimit, PLANS, PLAN_ORDER, USAGE_PRICES, type PlanId } from '@/lib/billing/plans'
import { LEAD_DISPUTE_REASON_LABELS } from '@/lib/billing/lead-dispute-schemas'
import { Card, PageHeader } from '@/components/ui/card'
import { Alert, Badge, EmptyState } from '@/components/ui/feedback'
import { SpendCapBar } from '@/components/billing/spend-cap-bar'
import { SpendCapForm } from '@/components/billing/spend-cap-form'
import { DisputeFeeButton } from '@/components/billing/dispute-fee-button'
import { CancelReactivate, PlanButton, PortalButton } from '@/components/billing/subscription-actions'
import { describeHistory, STATE_LABELS, STATE_TONES } from '@/components/billing/billing-labels'
import {
  cancelSubscriptionAction,
  changePlanAction,
  disputeLeadFeeAction,
  openBillingPortalAction,
  reactivateSubscriptionAction,
  setSpendCapAction,
  startCheckoutAction,
} from './actions'

export const metadata = { title: 'Billing' }

type Search = Record<string, string | string[] | undefined>

export default async function BillingPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>
  searchParams: Promise<Search>
}) {
  const { orgSlug } = await params
  const search = await searchParams
  const { member } = await requirePageMember(orgSlug)
  if (!can(member.role, 'billing.read')) notFound()
  const manage = can(member.role, 'billing.manage')
  const o = await getBillingOverview({ actor: memberActor(member) })
  const tz = member.org.timeZone
  const day = (d: Date | null | undefined) => (d ? d.toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: tz }) : '—')
  const when = (d: Date) => d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: tz })
  const e = o.entitlements
  const checkout = typeof search.checkout === 'string' ? search.checkout : null

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/${orgSlug}/settings`} className="text-brand-700 hover:underline">
          ← Settings
        </Link>
      </nav>
      <PageHeader
        title="Billing"
        description={
          manage ? 'Your plan, usage, spend cap and invoices.' : 'Your plan, usage and invoices. Only owners can change billing.'
        }
      />
      <div className="space-y-6">
        {checkout === 'success' && (
          <Alert tone="success" title="Payment received">
            Your plan changes as soon as Stripe confirms the payment, usually within seconds. Refresh this page if it still shows the old
            plan.
          </Alert>
        )}
        {checkout === 'canceled' && <Alert tone="info">Checkout was canceled; nothing changed and nothing was charged.</Alert>}
        {checkout === 'sandbox' && (
          <Alert tone="warning" title="Sandbox subscription">
            Stripe is not configured, so this subscription is a sandbox one: nothing is charged and no invoice is sent.
          </Alert>
        )}
        {search.sandbox_portal === '1' && (
          <Alert tone="warning">
            Sandbox: there is no Stripe customer portal until Stripe is configured, so there is no card to update.
          </Alert>
        )}
        {e.sandbox && checkout !== 'sandbox' && (
          <Alert tone="warning">
            Sandbox subscription: Stripe is not configured, nothing is charged. Usage below is shown but never billed.
          </Alert>
        )}
        <StatusAlerts o={o} day={day} manage={manage} />

        <div className="grid gap-6 lg:grid-cols-2">
          <PlanCard o={o} day={day} />
          <Card aria-labelledby="spend-h">
            <h2 id="spend-h" className="text-lg font-semibold">
              Spend cap
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              Usage this period ({day(o.period.start)} – {day(o.period.end)}). Nothing is ever charged above the cap.
            </p>
            {e.plan === 'TRIAL' ? (
              <p className="mt-4 text-sm text-slate-700">
                On the trial nothing is billed: your {e.trial.freeLeadsTotal} free quality leads are included. The spend cap starts with a
                paid plan ({formatCents({ cents: PLANS.PROFESSIONAL.defaultSpendCapCents })} on Professional,{' '}
                {formatCents({ cents: PLANS.ENTERPRISE.defaultSpendCapCents })} on Enterprise; you can change it).
              </p>
            ) : (
              <>
                <div className="mt-4">
                  <SpendCapBar
                    capCents={o.spend.capCents}
                    usedCents={o.spend.usedCents}
                    reservedCents={o.spend.reservedCents}
                    percent={o.spend.percent}
                  />
                </div>
                {o.spend.warningLevel && (
                  <Alert tone={o.spend.warningLevel === 100 ? 'error' : 'warning'} className="mt-3">
                    {o.spend.warningLevel === 100
                      ? `The cap is reached: billable work (quality leads, calls, SMS, mail) is paused until ${manage ? 'you raise it' : 'an owner raises it'} or the period ends on ${day(o.period.end)}.`
                      : `${o.spend.percent}% of the cap is used.`}
                  </Alert>
                )}
                <div className="mt-4 border-t border-slate-100 pt-4">
                  {manage ? (
                    <SpendCapForm orgSlug={orgSlug} capCents={o.spend.capCents} usedCents={o.spend.usedCents} save={setSpendCapAction} />
                  ) : (
                    <p className="text-sm text-slate-600">Only an owner can change the spend cap.</p>
                  )}
                </div>
              </>
            )}
          </Card>
        </div>

        <UsageSection o={o} />

        <PlansSection o={o} orgSlug={orgSlug} manage={manage} day={day} />

        <InvoicesSection o={o} day={day} orgSlug={orgSlug} manage={manage} />

        <GuaranteeSection o={o} orgSlug={orgSlug} manage={manage} day={day} />

        <section aria-labelledby="history-h" className="space-y-3">
          <h2 id="history-h" className="text-lg font-semibold">
            Billing history
          </h2>
          {o.history.length === 0 ? (
            <EmptyState title="No billing changes yet">Plan changes, payments, cap changes and state changes appear here.</EmptyState>
          ) : (
            <Card className="p-0">
              <ol className="divide-y divide-slate-100">
                {o.history.map((h) => {
                  const d = describeHistory(h)
                  return (
                    <li key={h.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3 text-sm">
                      <div>
                        <span className="font-medium">{d.title}</span>
                        {d.detail && <span className="ml-2 text-slate-700">{d.detail}</span>}
                        <div className="text-xs text-slate-500">by {h.actor}</div>
                      </div>
                      <time dateTime={h.at.toISOString()} className="text-xs text-slate-500">
                        {when(h.at)}
                      </time>
                    </li>
                  )
                })}
              </ol>
            </Card>
          )}
        </section>
      </div>
    </>
  )
}

type Fmt = (d: Date | null | undefined) => string

function StatusAlerts({ o, day, manage }: { o: BillingOverview; day: Fmt; manage: boolean }) {
  const e = o.entitlements
  const alerts: React.ReactNode[] = []
  if (e.frozen)
    alerts.push(
      <Alert key="frozen" tone="error" title="Billable work is paused: a card payment is disputed">
        A payment from your card was disputed with your bank on {day(e.frozenAt)}. New scans, outreach and other billable work are paused
        while we review it; everything stays viewable and exportable. Contact support to resolve it.
      </Alert>,
    )
  if (o.dunning) {
    const next = o.dunning.find((s) => !s.done)
    alerts.push(
      <Alert
        key="dunning"
        tone={e.state === 'READ_ONLY' ? 'error' : 'warning'}
        title={e.state === 'READ_ONLY' ? 'Your account is read-only: the last invoice is unpaid' : 'Your last payment failed'}
      >
        <p>
          {e.state === 'READ_ONLY'
            ? 'New scans, outreach and billable work are paused. Everything stays viewable and exportable. Paying the invoice restores full access at once.'
            : 'You still have full access. Update your card or pay the open invoice to stop the reminders.'}{' '}
          {manage ? 'Use “Update card and see receipts” below.' : 'Ask an owner to update the card.'}
        </p>
        <ol className="mt-2 space-y-1" aria-label="What happens next">
          {o.dunning.map((s) => (
            <li key={s.day} className={s.done ? 'text-slate-500 line-through' : s === next ? 'font-semibold' : ''}>
              Day {s.day} ({day(s.at)}): {s.what}
              {s.done && <span className="sr-only"> (done)</span>}
            </li>
          ))}
        </ol>
      </Alert>,
    )
  }
  if (e.state === 'TRIAL_ENDED')
    alerts.push(
      <Alert key="trial" tone="error" title={e.trial.refused ? 'Your free trial was already used' : 'Your free trial has ended'}>
        Choose a plan below to continue. New scans and outreach are paused; your data stays available.
      </Alert>,
    )
  if (e.state === 'CANCELED')
    alerts.push(
      <Alert key="canceled" tone="error" title="Your subscription is canceled">
        Your data is kept until {day(e.dataRetainedUntil)}. Subscribe again to restore everything.
      </Alert>,
    )
  return <>{alerts}</>
}

function PlanCard({ o, day }: { o: BillingOverview; day: Fmt }) {
  const e = o.entitlements
  const plan = PLANS[e.plan]
  return (
    <Card aria-labelledby="plan-h">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id="plan-h" className="text-lg font-semibold">
            {plan.name} plan
          </h2>
          <p className="text-sm text-slate-600">
            {plan.priceCents > 0 ? `${formatCents({ cents: plan.priceCents })} per month` : 'Free, no card needed'}
          </p>
        </div>
        <div className="flex flex-wrap gap-1">
          <Badge className={STATE_TONES[e.state]}>{STATE_LABELS[e.state]}</Badge>
          {e.sandbox && <Badge className="bg-amber-100 text-amber-900">Sandbox</Badge>}
        </div>
      </div>
      <dl className="mt-4 grid grid-cols-[minmax(0,10rem)_1fr] gap-x-4 gap-y-2 text-sm">
        {e.plan === 'TRIAL' && e.trial.endsAt && (
          <>
            <dt className="text-slate-600">Trial</dt>
            <dd>
              {e.trial.active ? (
                <>
                  <strong>
                    {e.trial.daysLeft} {e.trial.daysLeft === 1 ? 'day' : 'days'} left
                  </strong>{' '}
                  (ends {day(e.trial.endsAt)})
                </>
              ) : (
                `Ended ${day(e.trial.endsAt)}`
              )}
            </dd>
            <dt className="text-slate-600">Free quality leads</dt>
            <dd>
              <strong>
                {e.trial.freeLeadsLeft} of {e.trial.freeLeadsTotal} left
              </strong>
              <div className="text-xs text-slate-500">After these, quality leads need a paid plan.</div>
            </dd>
          </>
        )}
        {e.plan !== 'TRIAL' && (
          <>
            <dt className="text-slate-600">Quality lead fee</dt>
            <dd>{formatCents({ cents: plan.qualityLeadCents, alwaysCents: true })} each, billed once</dd>
            <dt className="text-slate-600">Current period</dt>
            <dd>
              {day(o.period.start)} – {day(o.period.end)}
            </dd>
            {o.stripe.subscriptionActive && (
              <>
                <dt className="text-slate-600">Next invoice</dt>
                <dd>
                  {e.cancelAtPeriodEnd
                    ? `None: the plan ends ${day(o.stripe.currentPeriodEnd ?? o.period.end)}`
                    : `${day(o.stripe.currentPeriodEnd ?? o.period.end)}: ${formatCents({ cents: PLANS[e.pendingPlan ?? e.plan].priceCents })} plus usage`}
                </dd>
              </>
            )}
          </>
        )}
        <dt className="text-slate-600">Seats</dt>
        <dd>
          {e.seats.used} of {e.seats.limit} used
          {e.seats.pendingInvitations > 0 && (
            <span className="text-slate-500"> (incl. {e.seats.pendingInvitations} pending invitations)</span>
          )}
        </dd>
        <dt className="text-slate-600">AI ad generations</dt>
        <dd>{formatLimit(e.aiAdGenerationsPerMonth)} per month</dd>
        <dt className="text-slate-600">REST API</dt>
        <dd>{e.apiAccess ? 'Included' : 'Enterprise plan'}</dd>
      </dl>
      {e.pendingPlan && (
        <Alert tone="info" className="mt-4" title={`Moving to ${PLANS[e.pendingPlan].name} on ${day(o.period.end)}`}>
          Until then you keep {plan.name}. Data over the new plan&apos;s limits becomes read-only, never deleted.
        </Alert>
      )}
      {e.cancelAtPeriodEnd && e.state !== 'CANCELED' && (
        <Alert tone="warning" className="mt-4" title={`Your subscription ends on ${day(o.period.end)}`}>
          Your data is kept for 90 days after that. Keep the subscription below to undo.
        </Alert>
      )}
    </Card>
  )
}

function UsageSection({ o }: { o: BillingOverview }) {
  const lines = o.usage.filter((u) => u.chargedQuantity || u.freeQuantity || u.sandboxQuantity || u.creditCents)
  return (
    <section aria-labelledby="usage-h" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="usage-h" className="text-lg font-semibold">
          Usage this period
        </h2>
        <p className="text-sm text-slate-600">
          Usage fees: <strong>{formatCents({ cents: o.usageTotalCents, alwaysCents: true })}</strong>
          {o.sandboxTotalCents > 0 && <> · sandbox (never billed): {formatCents({ cents: o.sandboxTotalCents, alwaysCents: true })}</>}
        </p>
      </div>
      {lines.length === 0 ? (
        <EmptyState title="No usage yet this period">
          Quality leads (score 60 or more on live data), AI calls, SMS, enrichment and mail appear here as they happen. Email is included.
        </EmptyState>
      ) : (
        <Card className="relative overflow-x-auto p-0">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Usage by type this period</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Type
                </th>
                <th scope="col" className="px-3 py-2">
                  Price
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Charged
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Amount
                </th>
                <th scope="col" className="px-3 py-2">
                  Not billed
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {lines.map((u) => (
                <tr key={u.kind}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {u.label}
                  </th>
                  <td className="px-3 py-2 text-slate-600">
                    {formatCents({ cents: u.unitCents, alwaysCents: true })} {u.unit}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{u.chargedQuantity.toLocaleString('en-US')}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {formatCents({ cents: u.chargedCents, alwaysCents: true })}
                    {u.creditCents !== 0 && (
                      <div className="text-xs text-emerald-700">credited {formatCents({ cents: u.creditCents, alwaysCents: true })}</div>
                    )}
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-600">
                    {u.freeQuantity > 0 && <div>{u.freeQuantity} free (trial)</div>}
                    {u.sandboxQuantity > 0 && (
                      <div>
                        <Badge className="bg-amber-100 text-amber-900">Sandbox</Badge> {u.sandboxQuantity.toLocaleString('en-US')} ·{' '}
                        {formatCents({ cents: u.sandboxCents, alwaysCents: true })}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <p className="text-xs text-slate-500">
        Prices: quality lead {formatCents({ cents: PLANS.PROFESSIONAL.qualityLeadCents, alwaysCents: true })} (Professional) /{' '}
        {formatCents({ cents: PLANS.ENTERPRISE.qualityLeadCents, alwaysCents: true })} (Enterprise);{' '}
        {(['AI_CALL', 'SMS_SEGMENT', 'ENRICHMENT', 'POSTCARD_4X6', 'POSTCARD_6X9', 'LETTER'] as const)
          .map(
            (k) =>
              `${USAGE_PRICES[k].label.toLowerCase()} ${formatCents({ cents: USAGE_PRICES[k].cents, alwaysCents: true })} ${USAGE_PRICES[k].unit}`,
          )
          .join('; ')}
        ; email included. Sandbox usage is shown but never billed or counted against the cap.
      </p>
    </section>
  )
}

function PlansSection({ o, orgSlug, manage, day }: { o: BillingOverview; orgSlug: string; manage: boolean; day: Fmt }) {
  const e = o.entitlements
  const subscribed = o.stripe.subscriptionActive
  const rank = (p: PlanId) => PLAN_ORDER.indexOf(p)
  const paid = PLAN_ORDER.filter((p): p is 'PROFESSIONAL' | 'ENTERPRISE' => p !== 'TRIAL')
  return (
    <section aria-labelledby="plans-h" className="space-y-3">
      <h2 id="plans-h" className="text-lg font-semibold">
        {subscribed ? 'Change plan' : 'Choose a plan'}
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        {paid.map((id) => {
          const p = PLANS[id]
          const current = subscribed && e.plan === id
          const label = !subscribed
            ? `Upgrade to ${p.name}`
            : current
              ? e.pendingPlan
                ? `Keep ${p.name}`
                : null
              : rank(id) > rank(e.plan)
                ? `Upgrade to ${p.name}`
                : `Downgrade to ${p.name}`
          return (
            <Card key={id} className={current ? 'border-brand-500' : ''}>
              <div className="flex items-baseline justify-between gap-2">
                <h3 className="font-semibold">{p.name}</h3>
                {current && <Badge className="bg-brand-50 text-brand-700">Current plan</Badge>}
                {e.pendingPlan === id && <Badge>From {day(o.period.end)}</Badge>}
              </div>
              <p className="mt-1 text-2xl font-semibold">
                {formatCents({ cents: p.priceCents })}
                <span className="text-sm font-normal text-slate-600"> / month</span>
              </p>
              <p className="mt-1 text-sm text-slate-600">{p.tagline}</p>
              <ul className="mt-3 space-y-1 text-sm">
                <li>{formatCents({ cents: p.qualityLeadCents, alwaysCents: true })} per quality lead</li>
                <li>{p.seats} seats</li>
                <li>{formatLimit(p.aiAdGenerationsPerMonth)} AI ad generations / month</li>
                <li>{p.apiAccess ? 'REST API access and white-label report' : 'No REST API'}</li>
                <li>Default spend cap {formatCents({ cents: p.defaultSpendCapCents })} (you can change it)</li>
              </ul>
              {manage && label && (
                <div className="mt-4">
                  <PlanButton
                    orgSlug={orgSlug}
                    plan={id}
                    label={label}
                    mode={subscribed ? 'change' : 'checkout'}
                    variant={!subscribed || rank(id) > rank(e.plan) ? 'primary' : 'secondary'}
                    startCheckout={startCheckoutAction}
                    changePlan={changePlanAction}
                  />
                  {subscribed && !current && rank(id) < rank(e.plan) && (
                    <p className="mt-2 text-xs text-slate-500">
                      Takes effect at the end of this period; nothing over the new limits is deleted.
                    </p>
                  )}
                  {subscribed && rank(id) > rank(e.plan) && (
                    <p className="mt-2 text-xs text-slate-500">Immediate; the difference for the rest of this period is prorated.</p>
                  )}
                </div>
              )}
            </Card>
          )
        })}
      </div>
      {!manage && <p className="text-sm text-slate-600">Only an owner can change the plan.</p>}
      {manage && (subscribed || o.stripe.hasCustomer) && (
        <Card className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h3 className="font-semibold">Payment method and receipts</h3>
            <p className="mt-1 text-sm text-slate-600">
              Change the card, download receipts and update billing details in the Stripe portal.
            </p>
          </div>
          <div className="flex flex-wrap items-start gap-2">
            <PortalButton orgSlug={orgSlug} openPortal={openBillingPortalAction} />
            {subscribed && (
              <CancelReactivate
                orgSlug={orgSlug}
                cancelAtPeriodEnd={e.cancelAtPeriodEnd}
                periodEnd={(o.stripe.currentPeriodEnd ?? o.period.end).toISOString()}
                cancel={cancelSubscriptionAction}
                reactivate={reactivateSubscriptionAction}
              />
            )}
          </div>
        </Card>
      )}
    </section>
  )
}

const INVOICE_TONES: Record<string, string> = {
  paid: 'bg-emerald-100 text-emerald-800',
  open: 'bg-amber-100 text-amber-900',
  uncollectible: 'bg-red-100 text-red-800',
  void: 'bg-slate-200 text-slate-700',
  draft: 'bg-slate-100 text-slate-700',
}

function InvoicesSection({ o, day, orgSlug, manage }: { o: BillingOverview; day: Fmt; orgSlug: string; manage: boolean }) {
  return (
    <section aria-labelledby="invoices-h" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="invoices-h" className="text-lg font-semibold">
          Invoices
        </h2>
        {manage && o.stripe.hasCustomer && o.invoices.length > 0 && (
          <PortalButton orgSlug={orgSlug} openPortal={openBillingPortalAction} label="All invoices in the portal" />
        )}
      </div>
      {o.invoices.length === 0 ? (
        <EmptyState title="No invoices yet">Invoices from Stripe appear here after your first payment.</EmptyState>
      ) : (
        <Card className="relative overflow-x-auto p-0">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Invoices, newest first</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Invoice
                </th>
                <th scope="col" className="px-3 py-2">
                  Date
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Amount
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Links</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {o.invoices.map((i) => (
                <tr key={i.id}>
                  <td className="px-3 py-2 font-medium">{i.number ?? i.id}</td>
                  <td className="whitespace-nowrap px-3 py-2">{day(i.createdAt)}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                    {formatCents({ cents: i.amountDueCents, alwaysCents: true })}
                    {i.currency !== 'usd' && <span className="ml-1 uppercase text-slate-500">{i.currency}</span>}
                    {i.taxCents > 0 && (
                      <div className="text-xs text-slate-500">incl. tax {formatCents({ cents: i.taxCents, alwaysCents: true })}</div>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <Badge className={INVOICE_TONES[i.status] ?? ''}>{i.status}</Badge>
                    {i.paidAt && <div className="text-xs text-slate-500">paid {day(i.paidAt)}</div>}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right">
                    {i.hostedInvoiceUrl && (
                      <a href={i.hostedInvoiceUrl} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline">
                        {i.status === 'open' ? 'Pay' : 'View'}
                        <span className="sr-only"> invoice {i.number ?? i.id} (opens Stripe)</span>
                      </a>
                    )}
                    {i.invoicePdfUrl && (
                      <a href={i.invoicePdfUrl} target="_blank" rel="noopener noreferrer" className="ml-3 text-brand-700 underline">
                        PDF<span className="sr-only"> of invoice {i.number ?? i.id}</span>
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </section>
  )
}

const DISPUTE_TONES = {
  OPEN: 'bg-amber-100 text-amber-900',
  CREDITED: 'bg-emerald-100 text-emerald-800',
  REJECTED: 'bg-red-100 text-red-800',
}
const DISPUTE_STATUS = { OPEN: 'In review', CREDITED: 'Credited', REJECTED: 'Rejected' }

function GuaranteeSection({ o, orgSlug, manage, day }: { o: BillingOverview; orgSlug: string; manage: boolean; day: Fmt }) {
  if (!o.guarantee.endsAt && o.disputes.length === 0) return null
  return (
    <section aria-labelledby="guarantee-h" className="space-y-3">
      <h2 id="guarantee-h" className="text-lg font-semibold">
        Lead-quality guarantee
      </h2>
      <p className="text-sm text-slate-600">
        {o.guarantee.open
          ? `Until ${day(o.guarantee.endsAt)} you can dispute a quality-lead fee (wrong address, no roof visible, commercial property, duplicate) and get it credited.`
          : `The 30-day guarantee ended on ${day(o.guarantee.endsAt)}.`}
      </p>
      {o.disputes.length > 0 && (
        <Card className="relative overflow-x-auto p-0">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Your lead disputes</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                {['Lead', 'Reason', 'Fee', 'Status', 'Filed'].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {o.disputes.map((d) => (
                <tr key={d.id}>
                  <td className="px-3 py-2">
                    {d.leadId ? (
                      <Link href={`/${orgSlug}/leads/${d.leadId}`} className="text-brand-700 underline">
                        {d.leadAddress ?? 'Lead'}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="px-3 py-2">{LEAD_DISPUTE_REASON_LABELS[d.reason]}</td>
                  <td className="px-3 py-2 tabular-nums">{formatCents({ cents: d.feeCents, alwaysCents: true })}</td>
                  <td className="px-3 py-2">
                    <Badge className={DISPUTE_TONES[d.status]}>{DISPUTE_STATUS[d.status]}</Badge>
                    {d.creditCents > 0 && (
                      <div className="text-xs text-emerald-700">credited {formatCents({ cents: d.creditCents, alwaysCents: true })}</div>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{day(d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      {o.guarantee.open && manage && (
        <div className="space-y-2">
          <h3 className="font-semibold">Quality-lead fees you can dispute</h3>
          {o.disputableFees.length === 0 ? (
            <EmptyState title="No fees to dispute">Billed quality leads appear here while the guarantee lasts.</EmptyState>
          ) : (
            <Card className="relative overflow-x-auto p-0">
              <table className="min-w-full text-sm">
                <caption className="sr-only">Quality-lead fees, newest first</caption>
                <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      Lead
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Billed
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Fee
                    </th>
                    <th scope="col" className="px-3 py-2">
                      <span className="sr-only">Dispute</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {o.disputableFees.map((f) => (
                    <tr key={f.usageEventId} className="align-top">
                      <td className="px-3 py-2">
                        {f.leadId ? (
                          <Link href={`/${orgSlug}/leads/${f.leadId}`} className="text-brand-700 underline">
                            {f.leadAddress ?? 'Lead'}
                          </Link>
                        ) : (
                          'Lead removed'
                        )}
                      </td>
                      <td className="whitespace-nowrap px-3 py-2">{day(f.occurredAt)}</td>
                      <td className="px-3 py-2 tabular-nums">{formatCents({ cents: f.amountCents, alwaysCents: true })}</td>
                      <td className="px-3 py-2 text-right">
                        <DisputeFeeButton
                          orgSlug={orgSlug}
                          usageEventId={f.usageEventId}
                          what={f.leadAddress ?? 'this lead'}
                          dispute={disputeLeadFeeAction}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          )}
        </div>
      )}
    </section>
  )
}
