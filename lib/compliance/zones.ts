// Wall-clock math in an IANA zone with Intl only (no date library): local parts of an instant, and the instant of
// a local wall time (DST-correct: the offset is re-read at the candidate instant). Pure, isomorphic.

export const US_STATES = [
  'AL',
  'AK',
  'AZ',
  'AR',
  'CA',
  'CO',
  'CT',
  'DE',
  'DC',
  'FL',
  'GA',
  'HI',
  'ID',
  'IL',
  'IN',
  'IA',
  'KS',
  'KY',
  'LA',
  'ME',
  'MD',
  'MA',
  'MI',
  'MN',
  'MS',
  'MO',
  'MT',
  'NE',
  'NV',
  'NH',
  'NJ',
  'NM',
  'NY',
  'NC',
  'ND',
  'OH',
  'OK',
  'OR',
  'PA',
  'RI',
  'SC',
  'SD',
  'TN',
  'TX',
  'UT',
  'VT',
  'VA',
  'WA',
  'WV',
  'WI',
  'WY',
  'PR',
] as const
export type UsState = (typeof US_STATES)[number]
export const isUsState = (s: string): s is UsState => (US_STATES as readonly string[]).includes(s)

const NY = 'America/New_York',
  CHI = 'America/Chicago',
  DEN = 'America/Denver',
  LA = 'America/Los_Angeles'

/** Every zone a part of the state keeps (used when a lead has no coordinates: the window must hold in all of them). */
export const STATE_ZONES: Record<UsState, readonly string[]> = {
  AL: [CHI],
  AK: ['America/Anchorage', 'America/Adak'],
  AZ: ['America/Phoenix', DEN],
  AR: [CHI],
  CA: [LA],
  CO: [DEN],
  CT: [NY],
  DE: [NY],
  DC: [NY],
  FL: [NY, CHI],
  GA: [NY],
  HI: ['Pacific/Honolulu'],
  ID: ['America/Boise', LA],
  IL: [CHI],
  IN: ['America/Indiana/Indianapolis', CHI],
  IA: [CHI],
  KS: [CHI, DEN],
  KY: [NY, CHI],
  LA: [CHI],
  ME: [NY],
  MD: [NY],
  MA: [NY],
  MI: ['America/Detroit', CHI],
  MN: [CHI],
  MS: [CHI],
  MO: [CHI],
  MT: [DEN],
  NE: [CHI, DEN],
  NV: [LA, DEN],
  NH: [NY],
  NJ: [NY],
  NM: [DEN],
  NY: [NY],
  NC: [NY],
  ND: [CHI, DEN],
  OH: [NY],
  OK: [CHI],
  OR: [LA, 'America/Boise'],
  PA: [NY],
  RI: [NY],
  SC: [NY],
  SD: [CHI, DEN],
  TN: [CHI, NY],
  TX: [CHI, DEN],
  UT: [DEN],
  VT: [NY],
  VA: [NY],
  WA: [LA],
  WV: [NY],
  WI: [CHI],
  WY: [DEN],
  PR: ['America/Puerto_Rico'],
}

export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat'
const WEEKDAYS: Record<string, Weekday> = { Sun: 'sun', Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat' }

export interface LocalParts {
  year: number
  month: number
  day: number
  weekday: Weekday
  /** minutes since local midnight (0..1439), seconds dropped: 20:59:59 is minute 1259 */
  minute: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(zone, f)
  }
  return f
}

/** Throws RangeError for an unknown zone. */
export function isValidZone(zone: string): boolean {
  try {
    formatter(zone)
    return true
  } catch {
    return false
  }
}

function parts(t: number, zone: string) {
  const out: Record<string, string> = {}
  for (const p of formatter(zone).formatToParts(t)) out[p.type] = p.value
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS[out.weekday!]!,
  }
}

export function localParts(t: Date | number, zone: string): LocalParts {
  const p = parts(typeof t === 'number' ? t : t.getTime(), zone)
  return { year: p.year, month: p.month, day: p.day, weekday: p.weekday, minute: p.hour * 60 + p.minute }
}

/** Local time minus UTC, in ms, at instant t. */
function offsetMs(t: number, zone: string): number {
  const p = parts(t, zone)
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000
}

/** The instant at which the wall clock in `zone` shows year-month-day + minuteOfDay (DST-correct). */
export function zonedTimeToUtc(year: number, month: number, day: number, minuteOfDay: number, zone: string): Date {
  const wall = Date.UTC(year, month - 1, day) + minuteOfDay * 60_000
  const first = wall - offsetMs(wall, zone)
  const second = wall - offsetMs(first, zone)
  return new Date(second)
}
