// Staff revenue console: MRR, churn, ARPU, trials converting, failed payments, usage per org this period, open staff
// alerts, the lead-dispute review queue, dispute freezes, staff credits and refunds (issued here: a credit on an org's
// Stripe balance, a refund of a paid invoice) and lead-fee credits. STAFF_SUPPORT reads; the actions and their forms
// are STAFF_ADMIN only (each audited by its use case). Definitions of the numbers: lib/billing/staff-revenue.ts.
import { requireStaffPage } from '@/lib/auth/staff'
import { unsafeGetStaffRevenueConsole } from '@/lib/billing/staff-revenue'
import { auditStaffView } from '@/lib/audit/staff-audit'
import { formatCents, PLANS } from '@/lib/billing/plans'
import { LEAD_DISPUTE_REASON_LABELS } from '@/lib/billing/lead-dispute-schemas'
import { Card, PageHeader } from '@/components/ui/card'
import { Badge, EmptyState } from '@/components/ui/feedback'
import { StaffActionButton } from '@/components/admin/staff-action-button'
import { LiftFreezeForm } from '@/components/billing/lift-freeze-form'
import { STATE_LABELS, STATE_TONES } from '@/components/billing/billing-labels'
import { StaffCreditForm, StaffRefundForm } from '@/components/billing/staff-adjustment-forms'
import { STAFF_ADJUSTMENT_REASON_LABELS, type StaffAdjustmentReason } from '@/lib/billing/staff-adjustment-schemas'
import type { AdjustmentRow } from '@/lib/billing/staff-revenue'
import {
  decideLeadDisputeAction,
  issueStaffCreditAction,
  issueStaffRefundAction,
  liftDisputeFreezeAction,
  resolveStaffAlertAction,
  retryStaffAdjustmentAction,
} from './actions'

export const dynamic = 'force-dynamic'
export const metadata = { title: 'Revenue · Staff' }

const ts = (d: Date | null) => (d ? `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC` : '—')
const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—')
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`)
const money = (c: number) => formatCents({ cents: c, alwaysCents: true })

function Th({ children, right }: { children?: React.ReactNode; right?: boolean }) {
  return (
    <th scope="col" className={`p-3 ${right ? 'text-right' : ''}`}>
      {children}
    </th>
  )
}

const ADJUSTMENT_STATUS_TONES: Record<AdjustmentRow['status'], string> = {
  PENDING: 'bg-slate-100 text-slate-800',
  DONE: 'bg-emerald-100 text-emerald-800',
  FAILED: 'bg-red-100 text-red-800',
}
/** a PENDING row this old was left by a crash between the row and Stripe's answer: staff may run it again */
const STUCK_MS = 60_000

function Section({ id, title, children, count }: { id: string; title: string; children: React.ReactNode; count?: number }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
        {count !== undefined && <span className="ml-2 text-sm font-normal text-slate-500">({count})</span>}
      </h2>
      {children}
    </section>
  )
}

export default async function StaffBillingPage() {
  const staff = await requireStaffPage()
  const { actor } = staff
  const c = await unsafeGetStaffRevenueConsole({ actor })
  await auditStaffView({ actor, view: 'billing' })
  const admin = staff.staffRole === 'STAFF_ADMIN'
  const s = c.summary
  const tiles = [
    {
      label: 'MRR',
      value: formatCents({ cents: s.mrrCents }),
      hint: `${s.payingOrgs} paying (${s.payingByPlan.PROFESSIONAL} Pro, ${s.payingByPlan.ENTERPRISE} Ent)`,
    },
    {
      label: 'ARPU this month',
      value: s.arpuCents === null ? '—' : money(s.arpuCents),
      hint: `usage net of credits ${money(s.usageCents)} · staff credits ${money(s.adjustments.creditsCents)}, refunds ${money(s.adjustments.refundsCents)}`,
    },
    { label: 'Churn this month', value: pct(s.churn.rate), hint: `${s.churn.canceled} canceled of ${s.churn.atStart} at month start` },
    {
      label: 'Trials converting',
      value: pct(s.trials.rate),
      hint: `${s.trials.converted} of ${s.trials.ended} ended this month · ${s.trials.active} active`,
    },
  ]
  return (
    <main id="main" className="mx-auto max-w-6xl space-y-8 p-6">
      <PageHeader
        title="Revenue"
        description={`Month to date from ${date(s.monthStart)} (UTC). Sandbox subscriptions never count as revenue${s.sandboxPaidOrgs ? ` (${s.sandboxPaidOrgs} sandbox paid orgs)` : ''}.${admin ? '' : ' Read-only: changes need a staff admin.'}`}
      />
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map((t) => (
          <Card key={t.label} className="p-4">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{t.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{t.value}</dd>
            <dd className="mt-1 text-xs text-slate-600">{t.hint}</dd>
          </Card>
        ))}
      </dl>

      <Section id="alerts-h" title="Open staff alerts" count={c.alerts.length}>
        {c.alerts.length === 0 ? (
          <EmptyState title="No open alerts">Reconciliation differences, card disputes and dispute reviews raise alerts here.</EmptyState>
        ) : (
          <Card className="p-0">
            <ul className="divide-y divide-slate-100">
              {c.alerts.map((a) => (
                <li key={a.id} className="flex flex-wrap items-start justify-between gap-3 p-3 text-sm">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium">
                      <Badge
                        className={
                          a.severity === 'critical' || a.severity === 'error' ? 'bg-red-100 text-red-800' : 'bg-amber-100 text-amber-900'
                        }
                      >
                        {a.severity}
                      </Badge>{' '}
                      {a.title}
                    </p>
                    <p className="mt-1 whitespace-pre-line break-words text-slate-700">{a.body}</p>
                    <p className="mt-1 text-xs text-slate-500">
                      {a.kind} · {a.orgName ?? 'platform'} · {ts(a.createdAt)}
                    </p>
                  </div>
                  {admin && (
                    <StaffActionButton label="Resolve" doneLabel="Resolved" action={resolveStaffAlertAction} input={{ alertId: a.id }} />
                  )}
                </li>
              ))}
            </ul>
          </Card>
        )}
      </Section>

      <Section id="failed-h" title="Failed payments" count={c.failedPaymentOrgs.length}>
        {c.failedPaymentOrgs.length === 0 && c.failedInvoices.length === 0 ? (
          <EmptyState title="No failed payments" />
        ) : (
          <div className="space-y-4">
            {c.failedPaymentOrgs.length > 0 && (
              <Card className="relative overflow-x-auto p-0">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">Organizations past due or read-only, longest first</caption>
                  <thead className="bg-slate-50 text-xs uppercase text-slate-500">
                    <tr>
                      <Th>Organization</Th>
                      <Th>Plan</Th>
                      <Th>State</Th>
                      <Th>Past due since</Th>
                      <Th>Dunning day done</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.failedPaymentOrgs.map((o) => (
                      <tr key={o.orgId} className="border-t border-slate-100">
                        <td className="p-3">
                          {o.orgName} <span className="text-xs text-slate-500">/{o.orgSlug}</span>
                        </td>
                        <td className="p-3">{PLANS[o.plan].name}</td>
                        <td className="p-3">
                          <Badge className={STATE_TONES[o.state]}>{STATE_LABELS[o.state]}</Badge>
                        </td>
                        <td className="p-3 whitespace-nowrap">{ts(o.pastDueSince)}</td>
                        <td className="p-3">{o.dunningDay}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Card>
            )}
            {c.failedInvoices.length > 0 && (
              <Card className="relative overflow-x-auto p-0">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">Invoices with failed payment attempts, newest first</caption>
                  <thead className="bg-slate-50 text-xs uppercase text-slate-500">
                    <tr>
                      <Th>Invoice</Th>
                      <Th>Organization</Th>
                      <Th right>Amount due</Th>
                      <Th>Status</Th>
                      <Th>Attempts</Th>
                      <Th>Next attempt</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.failedInvoices.map((i) => (
                      <tr key={i.id} className="border-t border-slate-100">
                        <td className="p-3 font-mono text-xs">
                          {i.hostedInvoiceUrl ? (
                            <a className="underline" href={i.hostedInvoiceUrl} target="_blank" rel="noopener noreferrer">
                              {i.number ?? i.id}
                            </a>
                          ) : (
                            (i.number ?? i.id)
                          )}
                        </td>
                        <td className="p-3">{i.orgName}</td>
                        <td className="p-3 text-right tabular-nums">{money(i.amountDueCents)}</td>
                        <td className="p-3">{i.status}</td>
                        <td className="p-3">{i.attemptCount}</td>
                        <td className="p-3 whitespace-nowrap">{ts(i.nextAttemptAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Card>
            )}
          </div>
        )}
      </Section>

      <Section id="disputes-h" title="Lead-dispute review queue" count={c.disputeQueue.length}>
        {c.disputeQueue.length === 0 ? (
          <EmptyState title="No disputes waiting">
            Disputes go to review when an org disputes more than 10 % of a period&apos;s quality leads.
          </EmptyState>
        ) : (
          <Card className="relative overflow-x-auto p-0">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Open lead disputes, oldest first</caption>
              <thead className="bg-slate-50 text-xs uppercase text-slate-500">
                <tr>
                  <Th>Filed</Th>
                  <Th>Organization</Th>
                  <Th>Lead</Th>
                  <Th>Reason</Th>
                  <Th right>Fee</Th>
                  <Th>
                    <span className="sr-only">Decision</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {c.disputeQueue.map((d) => (
                  <tr key={d.id} className="border-t border-slate-100 align-top">
                    <td className="p-3 whitespace-nowrap">{ts(d.createdAt)}</td>
                    <td className="p-3">{d.orgName}</td>
                    <td className="p-3">{d.leadAddress ?? '—'}</td>
                    <td className="p-3">
                      {LEAD_DISPUTE_REASON_LABELS[d.reason]}
                      {d.note && <p className="mt-1 max-w-xs break-words text-xs text-slate-600">“{d.note}”</p>}
                    </td>
                    <td className="p-3 text-right tabular-nums">{money(d.feeCents)}</td>
                    <td className="p-3">
                      {admin && (
                        <div className="flex flex-wrap gap-2">
                          <StaffActionButton
                            label="Credit"
                            doneLabel="Credited"
                            action={decideLeadDisputeAction}
                            input={{ disputeId: d.id, decision: 'CREDIT' }}
                          />
                          <StaffActionButton
                            label="Reject"
                            doneLabel="Rejected"
                            action={decideLeadDisputeAction}
                            input={{ disputeId: d.id, decision: 'REJECT' }}
                          />
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
      </Section>

      {c.frozenOrgs.length > 0 && (
        <Section id="frozen-h" title="Card disputes: frozen organizations" count={c.frozenOrgs.length}>
          <Card className="p-0">
            <ul className="divide-y divide-slate-100">
              {c.frozenOrgs.map((f) => (
                <li key={f.orgId} className="space-y-2 p-3 text-sm">
                  <p className="font-medium">
                    {f.orgName} <span className="font-normal text-slate-500">frozen since {ts(f.frozenAt)}</span>
                  </p>
                  {f.disputes.length > 0 && (
                    <ul className="text-xs text-slate-600">
                      {f.disputes.map((d) => (
                        <li key={d.stripeDisputeId}>
                          <code>{d.stripeDisputeId}</code> · {money(d.amountCents)} · {d.reason ?? 'no reason'} · {d.status} ·{' '}
                          {date(d.createdAt)}
                        </li>
                      ))}
                    </ul>
                  )}
                  {admin && <LiftFreezeForm orgId={f.orgId} orgName={f.orgName} lift={liftDisputeFreezeAction} />}
                </li>
              ))}
            </ul>
          </Card>
        </Section>
      )}

      <Section id="usage-h" title="Usage per organization this period" count={c.usage.length}>
        {c.usage.length === 0 ? (
          <EmptyState title="No usage this period" />
        ) : (
          <Card className="relative overflow-x-auto p-0">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Spend this period by organization, highest first</caption>
              <thead className="bg-slate-50 text-xs uppercase text-slate-500">
                <tr>
                  <Th>Organization</Th>
                  <Th>Plan / state</Th>
                  <Th>Period</Th>
                  <Th right>Quality leads</Th>
                  <Th right>Billed (net)</Th>
                  <Th right>Used / cap</Th>
                </tr>
              </thead>
              <tbody>
                {c.usage.map((u) => (
                  <tr key={`${u.orgId}:${u.periodStart.toISOString()}`} className="border-t border-slate-100">
                    <td className="p-3">
                      {u.orgName}
                      {u.sandbox && <Badge className="ml-1 bg-amber-100 text-amber-900">sandbox</Badge>}
                      {u.frozen && <Badge className="ml-1 bg-red-100 text-red-800">frozen</Badge>}
                    </td>
                    <td className="p-3">
                      {PLANS[u.plan].name} · {STATE_LABELS[u.state]}
                    </td>
                    <td className="p-3 whitespace-nowrap text-xs">
                      {date(u.periodStart)} – {date(u.periodEnd)}
                    </td>
                    <td className="p-3 text-right tabular-nums">{u.qualityLeads}</td>
                    <td className="p-3 text-right tabular-nums">{money(u.billableCents)}</td>
                    <td className="p-3 text-right tabular-nums">
                      {money(u.usedCents)} / {formatCents({ cents: u.capCents })}
                      <span
                        className={
                          u.percent >= 100
                            ? 'ml-1 font-semibold text-red-700'
                            : u.percent >= 80
                              ? 'ml-1 text-amber-800'
                              : 'ml-1 text-slate-500'
                        }
                      >
                        ({u.percent}%)
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
      </Section>

      <Section id="credits-h" title="Credits and refunds" count={c.adjustments.length}>
        {admin && (
          <Card className="space-y-3 p-4">
            <h3 className="font-medium">Credit an organization</h3>
            <p className="text-sm text-slate-600">
              Puts money on the organization&apos;s Stripe balance; its next invoices use it first. Sandbox accounts are recorded and
              labelled, nothing moves at Stripe.
            </p>
            {c.creditTargets.length === 0 ? (
              <p className="text-sm text-slate-600">No organization has a Stripe customer yet (none has checked out).</p>
            ) : (
              <StaffCreditForm orgs={c.creditTargets} issue={issueStaffCreditAction} />
            )}
          </Card>
        )}
        {c.adjustments.length === 0 ? (
          <EmptyState title="No staff credits or refunds yet">
            {admin
              ? 'Credits and refunds issued here are listed with who issued them.'
              : 'A staff admin issues them; they are listed here.'}
          </EmptyState>
        ) : (
          <Card className="relative overflow-x-auto p-0">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Staff credits and refunds, newest first</caption>
              <thead className="bg-slate-50 text-xs uppercase text-slate-500">
                <tr>
                  <Th>When</Th>
                  <Th>Organization</Th>
                  <Th>Kind</Th>
                  <Th right>Amount</Th>
                  <Th>Reason</Th>
                  <Th>Who</Th>
                  <Th>Status</Th>
                </tr>
              </thead>
              <tbody>
                {c.adjustments.map((a) => (
                  <tr key={a.id} className="border-t border-slate-100 align-top">
                    <td className="p-3 whitespace-nowrap">{ts(a.createdAt)}</td>
                    <td className="p-3">{a.orgName}</td>
                    <td className="p-3 whitespace-nowrap">
                      {a.kind === 'CREDIT' ? 'Credit' : 'Refund'}
                      {a.invoiceId && <span className="block font-mono text-xs text-slate-500">{a.invoiceNumber ?? a.invoiceId}</span>}
                      {a.sandbox && <Badge className="mt-1 bg-amber-100 text-amber-900">sandbox</Badge>}
                    </td>
                    <td className="p-3 text-right tabular-nums">{money(a.amountCents)}</td>
                    <td className="p-3">
                      {STAFF_ADJUSTMENT_REASON_LABELS[a.reason as StaffAdjustmentReason] ?? a.reason}
                      <p className="mt-1 max-w-xs break-words text-xs text-slate-600">“{a.note}”</p>
                    </td>
                    <td className="p-3 text-xs break-all">{a.createdBy ? (a.createdBy.name ?? a.createdBy.email) : '—'}</td>
                    <td className="p-3">
                      <Badge className={ADJUSTMENT_STATUS_TONES[a.status]}>{a.status.toLowerCase()}</Badge>
                      {a.stripeObjectId && (
                        <span className="mt-1 block font-mono text-xs break-all text-slate-500">{a.stripeObjectId}</span>
                      )}
                      {a.error && <p className="mt-1 max-w-xs break-words text-xs text-red-700">{a.error}</p>}
                      {admin &&
                        (a.status === 'FAILED' || (a.status === 'PENDING' && s.now.getTime() - a.createdAt.getTime() > STUCK_MS)) && (
                          <div className="mt-2">
                            <StaffActionButton
                              label="Retry"
                              doneLabel="Done"
                              action={retryStaffAdjustmentAction}
                              input={{ adjustmentId: a.id }}
                            />
                          </div>
                        )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
      </Section>

      <Section id="paid-h" title="Paid invoices" count={c.paidInvoices.length}>
        {c.paidInvoices.length === 0 ? (
          <EmptyState title="No paid invoices yet" />
        ) : (
          <Card className="p-0">
            <ul className="divide-y divide-slate-100">
              {c.paidInvoices.map((i) => {
                const label = i.number ?? i.id
                return (
                  <li key={i.id} className="space-y-2 p-3 text-sm">
                    <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                      <p className="font-medium">
                        <span className="font-mono text-xs">
                          {i.hostedInvoiceUrl ? (
                            <a className="underline" href={i.hostedInvoiceUrl} target="_blank" rel="noopener noreferrer">
                              {label}
                            </a>
                          ) : (
                            label
                          )}
                        </span>{' '}
                        · {i.orgName}
                        {i.sandbox && <Badge className="ml-1 bg-amber-100 text-amber-900">sandbox</Badge>}
                      </p>
                      <p className="tabular-nums text-slate-700">
                        paid {money(i.paidCents)} on {date(i.paidAt)}
                        {i.refundedCents > 0 && <> · refunded {money(i.refundedCents)}</>}
                      </p>
                    </div>
                    {admin &&
                      (i.refundableCents > 0 ? (
                        <details className="rounded-md border border-slate-200 p-3">
                          <summary className="cursor-pointer font-medium">Refund… ({money(i.refundableCents)} left)</summary>
                          <div className="mt-3">
                            <StaffRefundForm
                              invoiceId={i.id}
                              invoiceLabel={label}
                              refundableCents={i.refundableCents}
                              issue={issueStaffRefundAction}
                            />
                          </div>
                        </details>
                      ) : (
                        <p className="text-xs text-slate-500">Refunded in full.</p>
                      ))}
                  </li>
                )
              })}
            </ul>
          </Card>
        )}
      </Section>

      <Section id="lead-credits-h" title="Lead-fee credits" count={c.credits.length}>
        {c.credits.length === 0 ? (
          <EmptyState title="No lead-fee credits yet">Lead-fee credits (the 30-day guarantee) appear here as ledger rows.</EmptyState>
        ) : (
          <Card className="relative overflow-x-auto p-0">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Ledger credit rows, newest first</caption>
              <thead className="bg-slate-50 text-xs uppercase text-slate-500">
                <tr>
                  <Th>When</Th>
                  <Th>Organization</Th>
                  <Th>Identifier</Th>
                  <Th>Reason</Th>
                  <Th right>Amount</Th>
                </tr>
              </thead>
              <tbody>
                {c.credits.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <td className="p-3 whitespace-nowrap">{ts(r.createdAt)}</td>
                    <td className="p-3">{r.orgName}</td>
                    <td className="p-3 font-mono text-xs break-all">{r.identifier}</td>
                    <td className="p-3">{r.disputeReason ? LEAD_DISPUTE_REASON_LABELS[r.disputeReason] : '—'}</td>
                    <td className="p-3 text-right tabular-nums text-emerald-700">{money(r.amountCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
      </Section>
    </main>
  )
}
