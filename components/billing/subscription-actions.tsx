'use client'
// The OWNER's subscription buttons: upgrade through Checkout (or the sandbox checkout page), switch plan on an existing
// subscription, open the card/invoice portal, cancel at period end (with confirmation) and reactivate. Each shows its
// outcome; nothing here changes entitlements by itself (the webhooks that follow do).
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { Button } from '@/components/ui/button'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import type { ActionError, ActionFn } from '@/lib/action-result'

type PaidPlan = 'PROFESSIONAL' | 'ENTERPRISE'
type WithSlug<T> = T & { orgSlug: string }

const fmtDate = (d: string | Date) => new Date(d).toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: 'UTC' })

function useRun() {
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<ActionError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const run = async <T,>(key: string, fn: () => ReturnType<ActionFn<unknown, T>>, ok: (data: T) => void) => {
    setBusy(key)
    setError(null)
    setNotice(null)
    const r = await fn()
    setBusy(null)
    if (!r.ok) return setError(r.error)
    ok(r.data)
  }
  return { busy, error, notice, setNotice, run }
}

export function PlanButton({
  orgSlug,
  plan,
  label,
  mode,
  startCheckout,
  changePlan,
  variant = 'primary',
}: {
  orgSlug: string
  plan: PaidPlan
  label: string
  /** checkout: no live subscription yet; change: switch the existing subscription */
  mode: 'checkout' | 'change'
  startCheckout: ActionFn<WithSlug<{ plan: PaidPlan }>, { url: string; sandbox: boolean }>
  changePlan: ActionFn<
    WithSlug<{ plan: PaidPlan }>,
    { kind: 'upgrade' | 'downgrade' | 'downgrade_canceled'; effectiveAt: Date | string | null; pending: boolean }
  >
  variant?: 'primary' | 'secondary'
}) {
  const router = useRouter()
  const { busy, error, notice, setNotice, run } = useRun()
  const onClick = () =>
    mode === 'checkout'
      ? run(
          'go',
          () => startCheckout({ orgSlug, plan }),
          (d) => window.location.assign(d.url),
        )
      : run(
          'go',
          () => changePlan({ orgSlug, plan }),
          (d) => {
            setNotice(
              d.kind === 'downgrade'
                ? `The change takes effect ${d.effectiveAt ? `on ${fmtDate(d.effectiveAt)}` : 'at the end of the period'}; until then nothing changes.`
                : d.kind === 'downgrade_canceled'
                  ? 'The scheduled downgrade is canceled.'
                  : d.pending
                    ? 'Upgrade requested: your plan changes as soon as Stripe confirms it (usually seconds).'
                    : 'Upgraded. The difference for the rest of this period is prorated on your next invoice.',
            )
            router.refresh()
          },
        )
  return (
    <div className="space-y-2">
      <Button variant={variant} className="w-full" loading={busy === 'go'} onClick={onClick}>
        {label}
      </Button>
      {notice && <Alert tone="success">{notice}</Alert>}
      {error && <ErrorNotice error={error} />}
    </div>
  )
}

export function PortalButton({
  orgSlug,
  openPortal,
  label = 'Update card and see receipts',
}: {
  orgSlug: string
  openPortal: ActionFn<{ orgSlug: string }, { url: string; sandbox: boolean }>
  label?: string
}) {
  const { busy, error, run } = useRun()
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        loading={busy === 'portal'}
        onClick={() =>
          run(
            'portal',
            () => openPortal({ orgSlug }),
            (d) => window.location.assign(d.url),
          )
        }
      >
        {label}
      </Button>
      {error && <ErrorNotice error={error} />}
    </div>
  )
}

export function CancelReactivate({
  orgSlug,
  cancelAtPeriodEnd,
  periodEnd,
  cancel,
  reactivate,
}: {
  orgSlug: string
  cancelAtPeriodEnd: boolean
  periodEnd: string
  cancel: ActionFn<{ orgSlug: string }, { endsAt: Date | string; dataRetainedUntil: Date | string; pending: boolean }>
  reactivate: ActionFn<{ orgSlug: string }, { pending: boolean }>
}) {
  const router = useRouter()
  const { busy, error, notice, setNotice, run } = useRun()
  const [confirming, setConfirming] = useState(false)
  if (cancelAtPeriodEnd)
    return (
      <div className="space-y-2">
        <Button
          variant="secondary"
          loading={busy === 'reactivate'}
          onClick={() =>
            run(
              'reactivate',
              () => reactivate({ orgSlug }),
              (d) => {
                setNotice(d.pending ? 'Reactivation requested: it shows here once Stripe confirms it.' : 'Your subscription continues.')
                router.refresh()
              },
            )
          }
        >
          Keep my subscription
        </Button>
        {notice && <Alert tone="success">{notice}</Alert>}
        {error && <ErrorNotice error={error} />}
      </div>
    )
  return (
    <div className="space-y-2">
      {confirming ? (
        <div
          role="group"
          aria-label="Confirm cancellation"
          className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
        >
          <p>
            Your plan stays until {fmtDate(periodEnd)}. After that scans, outreach and billable work stop; your data is kept for 90 days and
            reactivating restores everything.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button
              variant="danger"
              size="sm"
              loading={busy === 'cancel'}
              onClick={() =>
                run(
                  'cancel',
                  () => cancel({ orgSlug }),
                  (d) => {
                    setConfirming(false)
                    setNotice(`Canceled: your plan ends on ${fmtDate(d.endsAt)}; data is kept until ${fmtDate(d.dataRetainedUntil)}.`)
                    router.refresh()
                  },
                )
              }
            >
              Cancel at period end
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
              Keep subscription
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="ghost" className="text-red-700" onClick={() => setConfirming(true)}>
          Cancel subscription…
        </Button>
      )}
      {notice && <Alert tone="success">{notice}</Alert>}
      {error && <ErrorNotice error={error} />}
    </div>
  )
}

export function SandboxCheckoutConfirm({
  orgSlug,
  plan,
  complete,
}: {
  orgSlug: string
  plan: PaidPlan
  complete: ActionFn<WithSlug<{ plan: PaidPlan }>, unknown>
}) {
  const router = useRouter()
  const { busy, error, run } = useRun()
  return (
    <div className="space-y-3">
      <Button
        size="lg"
        loading={busy === 'confirm'}
        onClick={() =>
          run(
            'confirm',
            () => complete({ orgSlug, plan }),
            () => router.push(`/${orgSlug}/settings/billing?checkout=sandbox`),
          )
        }
      >
        Confirm sandbox subscription
      </Button>
      {error && <ErrorNotice error={error} />}
    </div>
  )
}
