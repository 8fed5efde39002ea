'use server'
// The billing page's actions. billing.manage (OWNER) changes anything; each use case checks the right again. None of
// them changes entitlements by itself in live mode: Stripe's verified webhooks do (sandbox: applied at once, labelled).
import { z } from 'zod'
import { orgAction } from '@/lib/actions/define-action'
import { capDollarsToCents, spendCapSchema } from '@/lib/billing/spend-cap-schema'
import { setSpendCap } from '@/lib/billing/set-spend-cap'
import { disputeLeadFee } from '@/lib/billing/dispute-lead-fee'
import { disputeLeadFeeSchema } from '@/lib/billing/lead-dispute-schemas'
import { startCheckout } from '@/lib/billing/start-checkout'
import { completeSandboxCheckout } from '@/lib/billing/complete-sandbox-checkout'
import { openBillingPortal } from '@/lib/billing/open-billing-portal'
import { changePlan } from '@/lib/billing/change-plan'
import { cancelSubscription } from '@/lib/billing/cancel-subscription'
import { reactivateSubscription } from '@/lib/billing/reactivate-subscription'

const paidPlan = z.object({ plan: z.enum(['PROFESSIONAL', 'ENTERPRISE'], { error: 'Choose Professional or Enterprise' }) })
// no input besides the org (extra keys are ignored: nothing reads them)
const none = z.looseObject({})

export const setSpendCapAction = orgAction({ permission: 'billing.manage', input: spendCapSchema }, async ({ input, actor }) =>
  setSpendCap({ actor, capCents: capDollarsToCents(input.capDollars) }),
)

export const disputeLeadFeeAction = orgAction(
  { permission: 'billing.manage', input: z.object({ dispute: disputeLeadFeeSchema }) },
  async ({ input, actor }) => disputeLeadFee({ actor, ...input.dispute }),
)

export const startCheckoutAction = orgAction({ permission: 'billing.manage', input: paidPlan }, async ({ input, actor }) =>
  startCheckout({ actor, plan: input.plan }),
)

export const completeSandboxCheckoutAction = orgAction({ permission: 'billing.manage', input: paidPlan }, async ({ input, actor }) =>
  completeSandboxCheckout({ actor, plan: input.plan }),
)

export const openBillingPortalAction = orgAction({ permission: 'billing.manage', input: none }, async ({ actor }) =>
  openBillingPortal({ actor }),
)

export const changePlanAction = orgAction({ permission: 'billing.manage', input: paidPlan }, async ({ input, actor }) =>
  changePlan({ actor, plan: input.plan }),
)

export const cancelSubscriptionAction = orgAction({ permission: 'billing.manage', input: none }, async ({ actor }) =>
  cancelSubscription({ actor }),
)

export const reactivateSubscriptionAction = orgAction({ permission: 'billing.manage', input: none }, async ({ actor }) =>
  reactivateSubscription({ actor }),
)
