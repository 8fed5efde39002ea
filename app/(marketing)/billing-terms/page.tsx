import type { Metadata } from 'next'
import Link from 'next/link'
import { COMPANY, LEGAL_LAST_UPDATED } from '@/components/marketing/company'
import { LegalPage } from '@/components/marketing/prose'
import { PLANS, QUALITY_LEAD_MIN_SCORE, SPEND_CAP_WARNING_PERCENTS, formatCents } from '@/lib/billing/plans'

export const metadata: Metadata = { title: 'Billing terms' }

export default function BillingTermsPage() {
  const trial = PLANS.TRIAL
  return (
    <LegalPage
      title="Billing terms"
      lastUpdated={LEGAL_LAST_UPDATED}
      summary="A monthly plan billed in advance, usage billed for the month just ended, never more than your spend cap. Cancel any time; your plan runs to the end of the period you paid for."
    >
      <h2>Trial</h2>
      <p>
        The trial lasts {trial.trialDays} days, needs no card, and includes {trial.freeQualityLeads} quality leads. After that, new quality
        leads are blocked until you choose a plan. There is one trial per organization and per owner email address.
      </p>

      <h2>Subscription</h2>
      <ul>
        <li>
          Plans are billed monthly in advance in US dollars through Stripe. Current prices are on the{' '}
          <Link href="/pricing">pricing page</Link>.
        </li>
        <li>Upgrades take effect at once with a prorated charge; downgrades take effect at the next renewal.</li>
        <li>Prices exclude taxes; we add sales tax where required.</li>
      </ul>

      <h2>Usage and quality leads</h2>
      <ul>
        <li>
          A quality lead is a lead that first reaches a score of {QUALITY_LEAD_MIN_SCORE} or more from live data. It is billed once per
          normalized address in your organization. Leads below {QUALITY_LEAD_MIN_SCORE} and sandbox results are free.
        </li>
        <li>Calls, texts, mail and enrichment are billed per unit at the published usage prices; email is included.</li>
        <li>Usage accrues during the month and is invoiced at the start of the next one together with the subscription.</li>
      </ul>

      <h2>Spend cap</h2>
      <p>
        Each organization has a monthly usage cap (default {formatCents({ cents: PLANS.PROFESSIONAL.defaultSpendCapCents })} on
        Professional, {formatCents({ cents: PLANS.ENTERPRISE.defaultSpendCapCents })} on Enterprise) that only the owner can change. We warn
        at {SPEND_CAP_WARNING_PERCENTS.join(' %, ')} %. At 100 % billable actions are refused until the cap is raised or the period ends.
        <strong> We never charge usage above the cap in effect at the time.</strong>
      </p>

      <h2>Failed payments</h2>
      <p>
        If a payment fails we email the owner and retry over the following days. While a payment is overdue, billable actions may be paused;
        your data is never deleted for non-payment without a further written notice.
      </p>

      <h2>Cancellation and refunds</h2>
      <p>
        Owners can cancel from billing settings. The plan stays active until the end of the paid period and is not renewed. Subscription
        fees are not refunded for partial months, except where the law requires it or we materially reduced the service. Usage already
        incurred is billed.
      </p>

      <h2>Disputes</h2>
      <p>
        Please write to {COMPANY.billingEmail} within 60 days of an invoice if something looks wrong; we answer within 5 business days and
        correct any error with a credit or refund.
      </p>
    </LegalPage>
  )
}
