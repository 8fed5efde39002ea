// The pure core of decideSend: everything it needs is loaded first (decide-send.ts, one query), then this decides.
// Order (first match wins): erased/suppressed → opted out → internal DNC → national/state DNC (stale list → deny)
// → consent → calling windows (defer) → caps (defer) → allow. Deterministic and fast: unit-tested at the edges.
import { applicableRules, timeRulesApply, type Channel, type ContactRule, type Purpose } from './rules'
import { nextAllowed, blockedAt } from './windows'

export type DenyRule =
  | 'lead_erased'
  | 'suppressed'
  | 'opted_out'
  | 'internal_dnc'
  | 'dnc_list_stale'
  | 'national_dnc'
  | 'state_dnc'
  | 'no_consent'
  | 'no_pewc'
  | 'no_postal_address'
  | 'no_allowed_window'
export type DeferRule = 'quiet_hours' | 'contact_cap'

export type Decision =
  | { outcome: 'allow' }
  | { outcome: 'deny'; rule: DenyRule; explanation: string; jurisdiction?: string }
  | { outcome: 'defer'; rule: DeferRule; until: Date; explanation: string; jurisdiction: string }

export interface CurrentConsent {
  status: 'GRANTED' | 'REVOKED'
  /** prior express WRITTEN consent evidence: a disclosure version and the hash of its exact text */
  written: boolean
  /** the number/address the consent names; null = any of the lead's */
  recipient: string | null
}

export interface EvaluateInput {
  channel: Channel
  purpose: Purpose
  at: Date
  /** E.164 phone (SMS, CALL) or lower-cased e-mail (EMAIL) */
  recipient: string
  leadErased: boolean
  /** email_suppressions reason (bounce, spam, unsubscribe, erased), or null */
  suppression: string | null
  /** the open consent row of (lead, channel, purpose), or null */
  consent: CurrentConsent | null
  /** an open REVOKED row for this channel under ANY purpose (an opt-out covers the whole channel) */
  channelRevoked: boolean
  internalDnc: boolean
  /** the org's current national list and the state lists of the address/area-code states */
  dncLists: readonly { kind: 'NATIONAL' | 'STATE'; state: string | null; sourceDate: Date; hit: boolean }[]
  orgHasPostalAddress: boolean
  /** address state and area-code state (either may be null) */
  states: readonly (string | null)[]
  /** candidate recipient zones (one from coordinates, else all of the address state's) */
  zones: readonly string[]
  /** prior sent calls/texts to this number, newest window needed by the caps (≤ 24 h) */
  priorSends: readonly { channel: 'SMS' | 'CALL'; sentAt: Date }[]
}

export const DNC_MAX_AGE_DAYS = 31
const DAY = 86_400_000

/** Days since a list's source date (a DATE at UTC midnight), counted in whole days at `at`. */
export function listAgeDays(sourceDate: Date, at: Date): number {
  return Math.floor((at.getTime() - sourceDate.getTime()) / DAY)
}

const fmtCache = new Map<string, Intl.DateTimeFormat>()
function fmt(d: Date, zone: string): string {
  let f = fmtCache.get(zone)
  if (!f) {
    const opts = {
      timeZone: zone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    } as const
    f = new Intl.DateTimeFormat('en-US', opts)
    fmtCache.set(zone, f)
  }
  return f.format(d)
}

function describeWindow(rule: ContactRule): string {
  const w = rule.window
  const part = (x: (typeof w)['mon']) => (x ? `${x[0]}–${x[1]}` : 'none')
  const s = `Mon–Fri ${part(w.mon)}, Sat ${part(w.sat)}, Sun ${part(w.sun)}`
  return rule.holiday !== undefined ? `${s}, federal holidays ${part(rule.holiday)}` : s
}

export function evaluate(input: EvaluateInput): Decision {
  const { channel, purpose, at } = input
  const phone = channel !== 'EMAIL'
  const deny = (rule: DenyRule, explanation: string, jurisdiction?: string): Decision => ({
    outcome: 'deny',
    rule,
    explanation,
    ...(jurisdiction ? { jurisdiction } : {}),
  })

  // 1. suppression / erased
  if (input.leadErased) return deny('lead_erased', 'The homeowner was deleted or asked to be forgotten; nothing is sent.')
  if (!phone && input.suppression)
    return deny('suppressed', `The address is on the suppression list (${input.suppression}); it is never e-mailed again.`)

  // 2. opt-out (per channel; an opt-out of ALL wrote a revocation on every channel)
  if (input.channelRevoked || input.consent?.status === 'REVOKED')
    return deny('opted_out', `The homeowner opted out of ${channel === 'EMAIL' ? 'e-mail' : channel === 'SMS' ? 'texts' : 'calls'}.`)

  if (phone) {
    // 3. internal DNC: every call and text, any purpose
    if (input.internalDnc) return deny('internal_dnc', "The number is on the company's internal do-not-call list.")
    // 4. national/state DNC: telephone solicitations (marketing); a stale list denies (scrub ≤ 31 days, 16 CFR 310.4(b)(3)(iv))
    if (purpose === 'MARKETING') {
      for (const l of input.dncLists) {
        const age = listAgeDays(l.sourceDate, at)
        if (age > DNC_MAX_AGE_DAYS)
          return deny(
            'dnc_list_stale',
            `The ${l.kind === 'NATIONAL' ? 'national' : `${l.state} state`} do-not-call list is ${age} days old (more than ${DNC_MAX_AGE_DAYS}); import a fresh file before calling or texting.`,
            l.state ?? 'US',
          )
      }
      const hit = input.dncLists.find((l) => l.hit)
      if (hit)
        return hit.kind === 'NATIONAL'
          ? deny('national_dnc', 'The number is on the National Do Not Call Registry.', 'US')
          : deny('state_dnc', `The number is on the ${hit.state} state do-not-call list.`, hit.state ?? undefined)
    }
  }

  // 5. consent
  const c = input.consent
  const consentFits = c?.status === 'GRANTED' && (!c.recipient || c.recipient === input.recipient)
  if (channel === 'EMAIL') {
    if (purpose === 'MARKETING' && !input.orgHasPostalAddress)
      return deny('no_postal_address', 'Marketing e-mail must carry the company’s physical postal address (CAN-SPAM); add it in settings.')
  } else if (purpose === 'MARKETING') {
    if (!consentFits || !c!.written)
      return deny(
        'no_pewc',
        `Marketing ${channel === 'SMS' ? 'texts' : 'AI calls'} need the homeowner's prior express written consent with evidence (47 CFR 64.1200(a)(2)); none is on file for this number.`,
      )
  } else if (!consentFits) {
    return deny(
      'no_consent',
      `${channel === 'SMS' ? 'Texts' : 'AI calls'} need the homeowner's prior express consent; none is on file for this number.`,
    )
  }

  if (!timeRulesApply(channel, purpose)) return { outcome: 'allow' }

  // 6. calling windows, 7. caps: the earliest instant both allow
  const rules = applicableRules(channel, input.states)
  let notBefore = at
  let capRule: ContactRule | null = null
  for (const rule of rules) {
    if (!rule.cap || !rule.cap.channels.includes(channel)) continue
    const windowMs = rule.cap.windowHours * 3_600_000
    const inWindow = input.priorSends
      .filter((s) => rule.cap!.channels.includes(s.channel) && s.sentAt.getTime() > at.getTime() - windowMs && s.sentAt <= at)
      .map((s) => s.sentAt.getTime())
      .sort((a, b) => a - b)
    if (inWindow.length >= rule.cap.count) {
      // the window drops below the cap once the (n - count + 1)-th oldest send is windowHours old
      const release = new Date(inWindow[inWindow.length - rule.cap.count]! + windowMs)
      if (release > notBefore) {
        notBefore = release
        capRule = rule
      }
    }
  }
  const block = blockedAt(at, rules, input.zones)
  if (!block && !capRule) return { outcome: 'allow' }
  const until = nextAllowed(notBefore, rules, input.zones)
  if (!until) return deny('no_allowed_window', 'No allowed calling time in the next 14 days under the applicable rules.')
  const zone = input.zones[0]!
  if (block) {
    const what = block.holiday ? 'on a federal holiday' : 'at this time'
    return {
      outcome: 'defer',
      rule: 'quiet_hours',
      until,
      jurisdiction: block.rule.id,
      explanation: `${block.rule.id === 'US' ? 'Federal quiet hours' : `${block.rule.id} calling hours`} (${describeWindow(block.rule)}, recipient's local time, ${block.zone}) do not allow contact ${what}; deferred to ${fmt(until, zone)}.`,
    }
  }
  return {
    outcome: 'defer',
    rule: 'contact_cap',
    until,
    jurisdiction: capRule!.id,
    explanation: `${capRule!.id} allows at most ${capRule!.cap!.count} call(s)/text(s) per ${capRule!.cap!.windowHours} h to one number; deferred to ${fmt(until, zone)}.`,
  }
}
