import Link from 'next/link'
import { Check } from 'lucide-react'
import { buttonVariants } from '@/components/ui/button'
import { cn } from '@/components/ui/cn'
import { PLANS, PLAN_ORDER, QUALITY_LEAD_MIN_SCORE, formatCents, formatLimit, type Plan } from '@/lib/billing/plans'

function features(plan: Plan): string[] {
  const list = [
    `${plan.seats} team seats`,
    plan.id === 'TRIAL'
      ? `First ${plan.freeQualityLeads} quality leads free`
      : `${formatCents({ cents: plan.qualityLeadCents })} per quality lead (score ${QUALITY_LEAD_MIN_SCORE}+)`,
    'Leads under 60 are always free',
    'Email, SMS, AI calls and direct mail',
    'Built-in outreach compliance (TCPA, CAN-SPAM)',
  ]
  if (plan.aiAdGenerationsPerMonth !== 0) list.push(`${formatLimit(plan.aiAdGenerationsPerMonth)} AI ad generations / month`)
  if (plan.apiAccess) list.push('REST API and signed webhooks')
  if (plan.whiteLabelReport) list.push('White-label homeowner roof report')
  if (plan.defaultSpendCapCents > 0) list.push(`Usage spend cap, default ${formatCents({ cents: plan.defaultSpendCapCents })} / month`)
  if (plan.trialDays) list.push(`${plan.trialDays} days, no card required`)
  return list
}

export function PlanCards() {
  return (
    <ul className="grid gap-6 md:grid-cols-3" aria-label="Plans">
      {PLAN_ORDER.map((id) => {
        const plan = PLANS[id]
        const featured = id === 'PROFESSIONAL'
        const headingId = `plan-${id.toLowerCase()}`
        return (
          <li
            key={id}
            aria-labelledby={headingId}
            className={cn(
              'flex flex-col rounded-xl border bg-white p-6 shadow-sm',
              featured ? 'border-brand-600 ring-2 ring-brand-600' : 'border-slate-200',
            )}
          >
            <div className="flex items-center justify-between gap-2">
              <h3 id={headingId} className="text-lg font-semibold text-slate-900">
                {plan.name}
              </h3>
              {featured && <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-700">Most popular</span>}
            </div>
            <p className="mt-2 min-h-12 text-sm text-slate-600">{plan.tagline}</p>
            <p className="mt-4">
              <span className="text-4xl font-bold tracking-tight text-slate-900">
                {plan.priceCents === 0 ? 'Free' : formatCents({ cents: plan.priceCents })}
              </span>
              <span className="text-sm text-slate-600">{plan.priceCents === 0 ? ` for ${plan.trialDays} days` : ' / month'}</span>
            </p>
            <ul className="mt-6 flex-1 space-y-2 text-sm text-slate-700">
              {features(plan).map((f) => (
                <li key={f} className="flex gap-2">
                  <Check className="mt-0.5 h-4 w-4 shrink-0 text-brand-600" aria-hidden />
                  <span>{f}</span>
                </li>
              ))}
            </ul>
            <Link
              href={`/sign-up?plan=${id.toLowerCase()}`}
              className={cn(buttonVariants({ variant: featured ? 'primary' : 'secondary', size: 'lg' }), 'mt-6 w-full')}
            >
              {id === 'TRIAL' ? 'Start free trial' : `Choose ${plan.name}`}
            </Link>
          </li>
        )
      })}
    </ul>
  )
}
