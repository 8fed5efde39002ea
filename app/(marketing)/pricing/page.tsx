import type { Metadata } from 'next'
import Link from 'next/link'
import { Faq } from '@/components/marketing/faq'
import { PlanCards } from '@/components/marketing/plan-cards'
import { UsagePriceTable } from '@/components/marketing/usage-table'
import { PLANS, QUALITY_LEAD_MIN_SCORE, RATE_LIMITS, SPEND_CAP_WARNING_PERCENTS, USAGE_PRICES, formatCents } from '@/lib/billing/plans'

export const metadata: Metadata = {
  title: 'Pricing',
  description: 'Simple monthly plans plus a fee per quality lead. A spend cap you control.',
}

export default function PricingPage() {
  const pro = PLANS.PROFESSIONAL
  const ent = PLANS.ENTERPRISE
  const trial = PLANS.TRIAL
  const warnings = SPEND_CAP_WARNING_PERCENTS.map((p) => `${p} %`).join(', ')
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6 sm:py-16">
      <header className="max-w-3xl">
        <h1 className="text-4xl font-bold tracking-tight text-slate-900">Pricing</h1>
        <p className="mt-4 text-lg leading-8 text-slate-700">
          A monthly plan, plus a fee only for <strong>quality leads</strong>: homes that score {QUALITY_LEAD_MIN_SCORE} or more on live
          data. Each address is billed once per organization. Leads under {QUALITY_LEAD_MIN_SCORE} are free.
        </p>
      </header>

      <section aria-labelledby="plans-title" className="mt-10">
        <h2 id="plans-title" className="sr-only">
          Plans
        </h2>
        <PlanCards />
      </section>

      <section aria-labelledby="usage-title" className="mt-16 grid gap-8 lg:grid-cols-2">
        <div>
          <h2 id="usage-title" className="text-2xl font-bold tracking-tight text-slate-900">
            Usage prices
          </h2>
          <p className="mt-3 leading-7 text-slate-700">
            Outreach is charged per unit as it happens, at the same prices on every paid plan. Sandbox activity is never billed.
          </p>
          <div className="mt-6">
            <UsagePriceTable />
          </div>
        </div>
        <div>
          <h2 id="cap-title" className="text-2xl font-bold tracking-tight text-slate-900">
            Your spend cap
          </h2>
          <div className="mt-3 space-y-3 leading-7 text-slate-700">
            <p>
              Every organization has a monthly usage cap: {formatCents({ cents: pro.defaultSpendCapCents })} on Professional and{' '}
              {formatCents({ cents: ent.defaultSpendCapCents })} on Enterprise by default. The owner can raise or lower it at any time.
            </p>
            <p>We warn you by email and with a banner in the app at {warnings} of the cap.</p>
            <p>
              At 100 % every billable action (calls, texts, mail, enrichment, new quality leads) pauses until the owner raises the cap or
              the month rolls over. Everything else keeps working. <strong>We never charge above your cap.</strong>
            </p>
          </div>
          <h3 className="mt-8 text-lg font-semibold text-slate-900">Fair-use rate limits</h3>
          <ul className="mt-2 list-disc space-y-1 pl-6 text-sm text-slate-700">
            {Object.values(RATE_LIMITS).map((r) => (
              <li key={r.key}>
                {r.label}: {r.points.toLocaleString('en-US')} per hour{' '}
                {r.per === 'org' ? 'per organization' : r.per === 'api_key' ? 'per API key' : 'per IP address'}
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section aria-labelledby="faq-title" className="mt-16 max-w-3xl">
        <h2 id="faq-title" className="text-2xl font-bold tracking-tight text-slate-900">
          Questions
        </h2>
        <div className="mt-6">
          <Faq
            items={[
              {
                q: 'What counts as a quality lead?',
                a: `A home that reaches a score of ${QUALITY_LEAD_MIN_SCORE} or more from live data (never sandbox data). Duplicates of the same normalized address in your organization are billed once, the first time the lead reaches ${QUALITY_LEAD_MIN_SCORE}.`,
              },
              {
                q: 'What happens when my trial ends?',
                a: `The trial lasts ${trial.trialDays} days and includes your first ${trial.freeQualityLeads} quality leads. After that, new quality leads are blocked until you choose a plan. Your data stays. One trial per organization and per owner email.`,
              },
              {
                q: 'Do I need my own Telnyx, SendGrid or Lob account?',
                a: "No. Texts, calls, mail and enrichment run through Fish Mouth's provider accounts and are billed at the usage prices above. Until a provider is live for your organization, it runs in sandbox mode: simulated, labelled, free.",
              },
              {
                q: 'How is an AI call charged?',
                a: `${formatCents({ cents: USAGE_PRICES.AI_CALL.cents, alwaysCents: true })} per connected call. Calls that are not answered are not charged.`,
              },
              {
                q: 'Can I cancel any time?',
                a: (
                  <>
                    Yes. Plans are monthly; cancelling stops renewal at the end of the paid period. See the{' '}
                    <Link href="/billing-terms" className="text-brand-700 underline">
                      billing terms
                    </Link>
                    .
                  </>
                ),
              },
              {
                q: 'What does Enterprise add?',
                a: `${ent.seats} seats, ${formatCents({ cents: ent.qualityLeadCents, alwaysCents: true })} per quality lead, unlimited AI ad generations, REST API access with signed webhooks, and a white-label homeowner roof report.`,
              },
            ]}
          />
        </div>
      </section>
    </div>
  )
}
