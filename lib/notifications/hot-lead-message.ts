// The words of a HOT-lead alert (in-app and email), from the lead row and its stored score breakdown. Pure: the
// caller loads the rows; unit-tested next to this file.
import 'server-only'
import { readScoreBreakdown } from '@/lib/scoring/breakdown'

export interface HotLeadFacts {
  id: string
  addressLine1: string
  addressLine2: string | null
  city: string
  state: string
  zip: string
  score: number | null
  scoreBreakdown: unknown
}

/** Column limits of `notifications` (title 200, body 1000). */
const TITLE_MAX = 200
const BODY_MAX = 1000

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`)

export function leadAddress(l: Pick<HotLeadFacts, 'addressLine1' | 'addressLine2' | 'city' | 'state' | 'zip'>): string {
  return `${l.addressLine1}${l.addressLine2 ? `, ${l.addressLine2}` : ''}, ${l.city}, ${l.state} ${l.zip}`
}

/** The reason that gave the score the most points (a v1 component's plain-language reason); null when unknown. */
export function topScoreReason(breakdown: unknown): string | null {
  const read = readScoreBreakdown(breakdown)
  if (read.kind === 'scored') {
    const best = read.breakdown.components.filter((c) => c.value !== null && c.reason.trim()).sort((a, b) => b.points - a.points)[0]
    return best ? best.reason.trim() : null
  }
  if (read.kind === 'legacy') {
    const best = [...read.reasons].sort((a, b) => (b.points ?? -1) - (a.points ?? -1))[0]
    return best ? (best.detail ?? best.label) : null
  }
  return null
}

export function hotLeadMessage(lead: HotLeadFacts, { orgSlug }: { orgSlug: string }) {
  const address = leadAddress(lead)
  const reason = topScoreReason(lead.scoreBreakdown)
  const score = lead.score === null ? 'HOT' : `Score ${lead.score}/100 (HOT)`
  return {
    title: clip(`HOT lead: ${address}`, TITLE_MAX),
    body: clip(reason ? `${score}. ${reason}` : `${score}.`, BODY_MAX),
    /** an app path (the notifications CHECK wants it to start with "/") */
    url: `/${orgSlug}/leads/${lead.id}`,
    address,
    reason,
  }
}
