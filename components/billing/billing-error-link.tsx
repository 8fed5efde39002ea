// The upgrade path for a refused action: when an error envelope says the plan, the trial, the spend cap or the billing
// state stopped it (QUOTA_EXCEEDED, PLAN_REQUIRED, BILLING_READ_ONLY, DISPUTE_FROZEN …), a link to the billing page
// that says what to do there. Renders nothing for any other error. Put it in ErrorNotice's `action`.
import Link from 'next/link'
import { reasonOf, type ErrorReason } from '@/lib/errors'

const WHAT: Partial<Record<ErrorReason, string>> = {
  SPEND_CAP: 'Raise the spend cap',
  TRIAL_LIMIT: 'Choose a plan',
  TRIAL_USED: 'Choose a plan',
  PLAN_REQUIRED: 'Upgrade your plan',
  SEAT_LIMIT: 'Upgrade for more seats',
  BILLING_READ_ONLY: 'Open billing',
  DISPUTE_FROZEN: 'Billing details',
}

/** The billing page's link text for this error, or null when billing cannot help. */
export function billingFixFor(error: { code?: string; details?: unknown }): string | null {
  const reason = reasonOf(error)
  if (reason && WHAT[reason]) return WHAT[reason]!
  return error.code === 'QUOTA_EXCEEDED' ? 'Open billing' : null
}

export function BillingErrorLink({ error, orgSlug }: { error: { code?: string; details?: unknown }; orgSlug: string }) {
  const text = billingFixFor(error)
  if (!text) return null
  return (
    <p className="mt-1">
      <Link href={`/${orgSlug}/settings/billing`} className="font-semibold underline underline-offset-2">
        {text}
      </Link>
      <span className="text-xs opacity-80"> (owners and admins)</span>
    </p>
  )
}
