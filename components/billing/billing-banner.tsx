// The org shell's billing banner: one line about the most urgent billing fact (lib/billing/get-billing-banner.ts).
// Props in; the link goes to the billing page for members who may read it, others are told to ask an owner.
import Link from 'next/link'
import { formatCents } from '@/lib/billing/plans'
import { cn } from '@/components/ui/cn'
import type { BillingBanner as BillingBannerData } from '@/lib/billing/get-billing-banner'

/** what lib/billing/get-billing-banner.ts decided (the one definition of the banner's kinds and fields) */
export type BillingBannerView = BillingBannerData

export function BillingBanner({ banner: b, orgSlug, timeZone }: { banner: BillingBannerView; orgSlug: string; timeZone: string }) {
  const day = (d: Date | null | undefined) => (d ? d.toLocaleDateString('en-US', { dateStyle: 'medium', timeZone }) : '')
  const paused = 'New scans, outreach and billable work are paused; everything stays viewable and exportable.'
  const text: Record<BillingBannerView['kind'], string> = {
    DISPUTE_FROZEN: `A card payment is disputed. ${paused} Contact support to resolve it.`,
    READ_ONLY: `Read-only: the last invoice is unpaid. ${paused}`,
    CANCELED: `Your subscription is canceled. ${paused}${b.dataRetainedUntil ? ` Data is kept until ${day(b.dataRetainedUntil)}.` : ''}`,
    TRIAL_ENDED: b.trialRefused
      ? `Your free trial was already used; choose a plan to start. ${paused}`
      : `Your free trial has ended; choose a plan to continue. ${paused}`,
    PAST_DUE: `Your last payment failed. You still have full access${b.nextStepAt ? `; we retry on ${day(b.nextStepAt)}` : ''}${b.nextStepDay && b.nextStepDay >= 7 ? ' and the account becomes read-only if it fails again' : ''}.`,
    SPEND_100: `The monthly spend cap is reached (${b.spend ? `${formatCents({ cents: b.spend.usedCents })} of ${formatCents({ cents: b.spend.capCents })}` : ''}): billable work is paused until the cap is raised or the period ends${b.periodEnd ? ` on ${day(b.periodEnd)}` : ''}.`,
    SPEND_90: `${b.spend?.percent ?? 90}% of the monthly spend cap is used${b.spend ? ` (${formatCents({ cents: b.spend.usedCents })} of ${formatCents({ cents: b.spend.capCents })})` : ''}.`,
    SPEND_80: `${b.spend?.percent ?? 80}% of the monthly spend cap is used${b.spend ? ` (${formatCents({ cents: b.spend.usedCents })} of ${formatCents({ cents: b.spend.capCents })})` : ''}.`,
    TRIAL_ENDING:
      b.trialDaysLeft === 0
        ? 'Your free trial ends today.'
        : `Your free trial ends in ${b.trialDaysLeft} ${b.trialDaysLeft === 1 ? 'day' : 'days'}.`,
    CANCEL_SCHEDULED: `Your subscription ends on ${day(b.periodEnd)}.`,
  }
  const cta: Partial<Record<BillingBannerView['kind'], string>> = {
    READ_ONLY: 'Pay the invoice',
    PAST_DUE: 'Update card',
    CANCELED: 'Reactivate',
    TRIAL_ENDED: 'Choose a plan',
    TRIAL_ENDING: 'Choose a plan',
    SPEND_100: 'Raise the cap',
    SPEND_90: 'Review the cap',
    SPEND_80: 'Review the cap',
    CANCEL_SCHEDULED: 'Keep subscription',
  }
  const action = b.canManage ? cta[b.kind] : undefined
  return (
    <div
      role={b.tone === 'error' ? 'alert' : 'status'}
      aria-label="Billing"
      className={cn(
        'flex flex-wrap items-center justify-center gap-x-3 gap-y-1 px-4 py-2 text-center text-sm',
        b.tone === 'error' ? 'bg-red-100 text-red-900' : 'bg-amber-50 text-amber-900',
      )}
    >
      <span>{text[b.kind]}</span>
      {b.canReadBilling ? (
        <Link href={`/${orgSlug}/settings/billing`} className="font-semibold underline underline-offset-2">
          {action ?? 'Billing details'}
        </Link>
      ) : (
        b.kind !== 'DISPUTE_FROZEN' && <span className="font-medium">Ask an owner to update billing.</span>
      )}
    </div>
  )
}
