// The sandbox checkout (Stripe not configured): what startCheckout sends the OWNER to instead of Stripe Checkout. The
// confirm button subscribes the org through the same state change a verified webhook makes, flagged sandbox: nothing
// is charged, nothing is sent to Stripe, and the billing page labels it. Live Stripe: the use case refuses it.
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requirePageMember } from '@/lib/auth/page-session'
import { can } from '@/lib/auth/permissions'
import { formatCents, formatLimit, PLANS } from '@/lib/billing/plans'
import { Card, PageHeader } from '@/components/ui/card'
import { Alert } from '@/components/ui/feedback'
import { buttonVariants } from '@/components/ui/button'
import { SandboxCheckoutConfirm } from '@/components/billing/subscription-actions'
import { completeSandboxCheckoutAction } from '../actions'

export const metadata = { title: 'Sandbox checkout' }

export default async function SandboxCheckoutPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { orgSlug } = await params
  const { plan: raw } = await searchParams
  const { member } = await requirePageMember(orgSlug)
  if (!can(member.role, 'billing.manage')) notFound()
  const planId = raw === 'PROFESSIONAL' || raw === 'ENTERPRISE' ? raw : null
  const back = `/${orgSlug}/settings/billing`
  if (!planId)
    return (
      <div className="max-w-xl space-y-4">
        <PageHeader title="Sandbox checkout" />
        <Alert tone="error" title="Unknown plan">
          Choose a plan on the billing page.
        </Alert>
        <Link href={back} className={buttonVariants({ variant: 'secondary' })}>
          Back to billing
        </Link>
      </div>
    )
  const plan = PLANS[planId]
  return (
    <div className="max-w-xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={back} className="text-brand-700 hover:underline">
          ← Billing
        </Link>
      </nav>
      <PageHeader title="Sandbox checkout" description={`Subscribe ${member.org.name} to ${plan.name}.`} />
      <Alert tone="warning" title="Sandbox: no payment is taken" className="mb-6">
        Stripe is not configured on this installation, so this checkout only simulates one. The subscription is labelled “sandbox”
        everywhere, nothing is charged and usage is never billed.
      </Alert>
      <Card>
        <h2 className="text-lg font-semibold">{plan.name}</h2>
        <p className="mt-1 text-2xl font-semibold">
          {formatCents({ cents: plan.priceCents })}
          <span className="text-sm font-normal text-slate-600"> / month (sandbox: $0 charged)</span>
        </p>
        <ul className="mt-3 space-y-1 text-sm">
          <li>{formatCents({ cents: plan.qualityLeadCents, alwaysCents: true })} per quality lead</li>
          <li>{plan.seats} seats</li>
          <li>{formatLimit(plan.aiAdGenerationsPerMonth)} AI ad generations / month</li>
          <li>Spend cap {formatCents({ cents: plan.defaultSpendCapCents })} (change it on the billing page)</li>
        </ul>
        <div className="mt-6 flex flex-wrap items-start gap-3">
          <SandboxCheckoutConfirm orgSlug={orgSlug} plan={planId} complete={completeSandboxCheckoutAction} />
          <Link href={`${back}?checkout=canceled`} className={buttonVariants({ variant: 'ghost', size: 'lg' })}>
            Cancel
          </Link>
        </div>
      </Card>
    </div>
  )
}
