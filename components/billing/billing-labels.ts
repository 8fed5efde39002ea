// Words for billing states and billing history rows (the billing page and the banner). Pure.
import { formatCents, isPlanId, PLANS } from '@/lib/billing/plans'

export type BillingStateId = 'TRIALING' | 'TRIAL_ENDED' | 'ACTIVE' | 'PAST_DUE' | 'READ_ONLY' | 'CANCELED'

export const STATE_LABELS: Record<BillingStateId, string> = {
  TRIALING: 'Free trial',
  TRIAL_ENDED: 'Trial ended',
  ACTIVE: 'Active',
  PAST_DUE: 'Payment overdue',
  READ_ONLY: 'Read-only',
  CANCELED: 'Canceled',
}

export const STATE_TONES: Record<BillingStateId, string> = {
  TRIALING: 'bg-sky-100 text-sky-800',
  TRIAL_ENDED: 'bg-red-100 text-red-800',
  ACTIVE: 'bg-emerald-100 text-emerald-800',
  PAST_DUE: 'bg-amber-100 text-amber-900',
  READ_ONLY: 'bg-red-100 text-red-800',
  CANCELED: 'bg-slate-200 text-slate-800',
}

const ACTIONS: Record<string, string> = {
  'billing.spend_cap.change': 'Spend cap changed',
  'billing.state.changed': 'Billing state changed',
  'billing.plan.changed': 'Plan changed',
  'billing.plan.change_requested': 'Plan change requested',
  'billing.checkout.started': 'Checkout started',
  'billing.portal.opened': 'Billing portal opened',
  'billing.subscription.cancel_requested': 'Cancellation requested',
  'billing.subscription.reactivated': 'Subscription reactivated',
  'billing.subscription.synced': 'Subscription updated from Stripe',
  'billing.invoice.synced': 'Invoice updated from Stripe',
  'billing.credit.applied': 'Credit applied',
  'billing.dispute.created': 'Card payment disputed',
  'billing.lead_dispute.credited': 'Lead fee credited',
  'billing.lead_dispute.review': 'Lead dispute sent to review',
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {})
const stateName = (v: unknown) => (typeof v === 'string' && v in STATE_LABELS ? STATE_LABELS[v as BillingStateId] : String(v ?? '—'))
const planName = (v: unknown) => (isPlanId(v) ? PLANS[v].name : String(v ?? '—'))
const cents = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? formatCents({ cents: v }) : '—')

/** "Spend cap changed" + "$500 → $200", from an audit row's action and before/after. */
export function describeHistory(row: { action: string; before: unknown; after: unknown }): { title: string; detail: string | null } {
  const b = obj(row.before)
  const a = obj(row.after)
  const title = ACTIONS[row.action] ?? row.action.replace(/^billing\./, '').replaceAll(/[._]/g, ' ')
  let detail: string | null = null
  if (row.action === 'billing.spend_cap.change') detail = `${cents(b.spendCapCents)} → ${cents(a.spendCapCents)}`
  else if (row.action === 'billing.state.changed') detail = `${stateName(b.state)} → ${stateName(a.state)}${a.sandbox ? ' (sandbox)' : ''}`
  else if (row.action === 'billing.plan.changed') detail = `${planName(b.plan)} → ${planName(a.plan)}${a.sandbox ? ' (sandbox)' : ''}`
  else if (row.action === 'billing.plan.change_requested' || row.action === 'billing.checkout.started')
    detail = a.plan ? `${planName(a.plan)}${a.sandbox ? ' (sandbox)' : ''}` : null
  return { title, detail }
}
