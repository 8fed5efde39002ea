// When may a phone channel reach the recipient: every applicable rule's window must hold, in every candidate zone
// (one zone from coordinates; all of the state's zones when there are none — the narrowest window). Pure.
import { isFederalHoliday } from './holidays'
import { minutesOf, type ContactRule, type Window } from './rules'
import { localParts, zonedTimeToUtc } from './zones'

export interface WindowBlock {
  rule: ContactRule
  zone: string
  holiday: boolean
  /** the window that applied that local day (null = no contact that day) */
  window: Window
}

function windowFor(rule: ContactRule, weekday: keyof ContactRule['window'], holiday: boolean): Window {
  return holiday && rule.holiday !== undefined ? rule.holiday : rule.window[weekday]
}

/** null when every rule allows instant t in every zone; else the first rule that blocks it. */
export function blockedAt(t: Date, rules: readonly ContactRule[], zones: readonly string[]): WindowBlock | null {
  for (const zone of zones) {
    const p = localParts(t, zone)
    const holiday = isFederalHoliday(p.year, p.month, p.day)
    for (const rule of rules) {
      const w = windowFor(rule, p.weekday, holiday)
      if (!w || p.minute < minutesOf(w[0]) || p.minute >= minutesOf(w[1])) return { rule, zone, holiday, window: w }
    }
  }
  return null
}

const DAY = 86_400_000
const HORIZON_DAYS = 14

/**
 * The first instant ≥ notBefore at which no rule blocks, or null within 14 days. The allowed set is an intersection
 * of intervals, so its first point after a blocked instant is one of the window starts: only those are tried, one
 * local day at a time (every window starts 08:00–13:00 and a state's zones are ≤ 3 h apart, so a start on local day
 * d always precedes every start on day d + 1).
 */
export function nextAllowed(notBefore: Date, rules: readonly ContactRule[], zones: readonly string[]): Date | null {
  if (!blockedAt(notBefore, rules, zones)) return notBefore
  const from = notBefore.getTime()
  for (let d = 0; d <= HORIZON_DAYS; d++) {
    const candidates = new Set<number>()
    for (const zone of zones) {
      const p = localParts(from + d * DAY, zone)
      const starts = new Set<string>()
      for (const rule of rules) for (const w of [rule.window[p.weekday], rule.holiday ?? null]) if (w) starts.add(w[0])
      for (const s of starts) {
        const t = zonedTimeToUtc(p.year, p.month, p.day, minutesOf(s), zone).getTime()
        if (t > from) candidates.add(t)
      }
    }
    for (const t of [...candidates].sort((a, b) => a - b)) if (!blockedAt(new Date(t), rules, zones)) return new Date(t)
  }
  return null
}
