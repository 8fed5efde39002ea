// What the dunning clock does next (PRODUCT §4), for the billing page and the banner. Pure and isomorphic: the clock
// itself runs in lib/billing/advance-dunning.ts from the same stored dates (pastDueSince, dunningDay).
const DAY_MS = 86_400_000

export interface DunningStep {
  day: 3 | 7 | 14
  at: Date
  what: string
  done: boolean
}

const STEPS: { day: 3 | 7 | 14; what: string }[] = [
  { day: 3, what: 'We retry your card and email you.' },
  { day: 7, what: 'We retry again; if it fails the account becomes read-only (no scans, outreach or billable work).' },
  { day: 14, what: 'Last retry; if it fails the subscription is canceled. Your data is kept for 90 days.' },
]

/** The day 3, 7 and 14 steps counted from the first failed payment; `done` for the ones already taken. */
export function dunningSteps({ pastDueSince, dunningDay }: { pastDueSince: Date; dunningDay: number }): DunningStep[] {
  return STEPS.map((s) => ({ ...s, at: new Date(pastDueSince.getTime() + s.day * DAY_MS), done: dunningDay >= s.day }))
}

/** The next step not yet taken, or null after day 14. */
export function nextDunningStep(input: { pastDueSince: Date; dunningDay: number }): DunningStep | null {
  return dunningSteps(input).find((s) => !s.done) ?? null
}
