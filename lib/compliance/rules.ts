// Outreach contact rules AS DATA (REFERENCE.md §5.1 federal, §5.2 states). Pure, isomorphic: the engine
// (evaluate.ts) reads only this table, the UI can show it. One row per jurisdiction; windows are recipient-local
// wall-clock times, start inclusive, end exclusive ("08:00"–"21:00" allows 20:59, not 21:00). The strictest of
// federal / address state / area-code state applies: every applicable row must allow the minute.
// `verify: true` marks rows REFERENCE flags as (verify)/(unverified) or that rest on vendor tables only; where sources
// conflict the row takes the STRICTER reading and says so in `note`. Change a row = change the law we enforce: cite
// the source and bump verifiedAt.
import type { UsState, Weekday } from './zones'

export type Channel = 'EMAIL' | 'SMS' | 'CALL'
export type Purpose = 'MARKETING' | 'TRANSACTIONAL'
export type PhoneChannel = Exclude<Channel, 'EMAIL'>

/** [start, end) as 'HH:MM' local, or null = no contact at all that day. */
export type Window = readonly [start: string, end: string] | null

export interface ContactRule {
  /** 'US' or the state code */
  id: 'US' | UsState
  /** which phone channels the row governs (texts are telephone solicitations federally and in TX SB 140) */
  channels: readonly PhoneChannel[]
  window: Readonly<Record<Weekday, Window>>
  /** the window on a US federal holiday (holidays.ts); undefined = the weekday's window applies */
  holiday?: Window
  /** at most `count` sends per `windowHours` to the same number on these channels ("same subject": we treat
   *  every send of the org as the same subject, the stricter reading) */
  cap?: { count: number; windowHours: number; channels: readonly PhoneChannel[] }
  /** the state requires prior express written consent for automated marketing calls/texts (we require it everywhere) */
  requiresPEWC?: boolean
  /** registration the seller must hold before calling into the state (informational; not enforced in code) */
  registration?: string
  note?: string
  source: string
  /** when the sources were last read (YYYY-MM-DD) */
  verifiedAt: string
  verify: boolean
}

const BOTH: readonly PhoneChannel[] = ['CALL', 'SMS']

/** The same window every day (or with overrides). */
function days(all: Window, over: Partial<Record<Weekday | 'weekdays', Window>> = {}): Record<Weekday, Window> {
  const wk = over.weekdays !== undefined ? over.weekdays : all
  return {
    mon: over.mon !== undefined ? over.mon : wk,
    tue: over.tue !== undefined ? over.tue : wk,
    wed: over.wed !== undefined ? over.wed : wk,
    thu: over.thu !== undefined ? over.thu : wk,
    fri: over.fri !== undefined ? over.fri : wk,
    sat: over.sat !== undefined ? over.sat : all,
    sun: over.sun !== undefined ? over.sun : all,
  }
}

const DROPCOWBOY = 'https://www.dropcowboy.com/state-compliance (updated 2025-11-01)'
const STELLO = 'https://usestello.com/compliance (reviewed 2026-04-08)'
const CLICKPOINT = 'https://blog.clickpointsoftware.com/telemarketing-calling-hours-by-state (2025-07)'
const DREAMHOSTERS = 'https://dnc.dreamhosters.com/2019-january-restricted-call-dates'
const READ = '2026-08-31'

export const FEDERAL_RULE: ContactRule = {
  id: 'US',
  channels: BOTH,
  window: days(['08:00', '21:00']),
  source: '47 CFR 64.1200(c)(1): no telephone solicitation before 8 am or after 9 pm called party local time',
  verifiedAt: READ,
  verify: false,
}

export const STATE_RULES: readonly ContactRule[] = [
  {
    id: 'AL',
    channels: BOTH,
    window: days(['08:00', '20:00'], { sun: null }),
    holiday: null,
    note: 'no Sunday; state holidays banned — only federal holidays are computed',
    source: `${DROPCOWBOY}; ${DREAMHOSTERS}`,
    verifiedAt: READ,
    verify: true,
  },
  {
    id: 'CT',
    channels: BOTH,
    window: days(['09:00', '20:00']),
    source: `Conn. Gen. Stat. §42-288a as amended 2023 (${STELLO})`,
    verifiedAt: READ,
    verify: true,
  },
  {
    id: 'FL',
    channels: BOTH,
    window: days(['08:00', '20:00']),
    cap: { count: 3, windowHours: 24, channels: BOTH },
    requiresPEWC: true,
    note: 'FTSA §501.616(6)(b): 3 telephonic sales calls / 24 h same subject (texts counted: stricter); HB 761 (2023) narrowed the autodialer definition',
    source: `Fla. Stat. §501.616, §501.059 (${CLICKPOINT}; ${STELLO})`,
    verifiedAt: READ,
    verify: false,
  },
  {
    id: 'IL',
    channels: BOTH,
    window: days(['09:00', '21:00']),
    note: 'sources conflict (8–21 vs 9–21): stricter 9–21 taken',
    source: `815 ILCS 413/15 (${DROPCOWBOY} vs ${STELLO})`,
    verifiedAt: READ,
    verify: true,
  },
  { id: 'KY', channels: BOTH, window: days(['10:00', '21:00']), source: `KRS 367.46955(3) (${STELLO})`, verifiedAt: READ, verify: true },
  {
    id: 'LA',
    channels: BOTH,
    window: days(['08:00', '20:00'], { sun: null }),
    holiday: null,
    note: 'no Sunday, no listed holidays (federal holidays computed)',
    source: `${DROPCOWBOY}; ${CLICKPOINT}`,
    verifiedAt: READ,
    verify: true,
  },
  {
    id: 'MD',
    channels: BOTH,
    window: days(['08:00', '20:00']),
    cap: { count: 3, windowHours: 24, channels: BOTH },
    requiresPEWC: true,
    note: 'Stop the Spam Calls Act (SB 90), eff. 2024-01-01: 3 calls or texts / 24 h same subject; PEWC for automated dialing',
    source: 'https://www.kelleydrye.com/viewpoints/podcasts/ad-law-access/marylands-new-telemarketing-law-now-in-effect',
    verifiedAt: READ,
    verify: false,
  },
  { id: 'MA', channels: BOTH, window: days(['08:00', '20:00']), source: `M.G.L. ch. 159C §3 (${STELLO})`, verifiedAt: READ, verify: true },
  {
    id: 'ME',
    channels: BOTH,
    window: days(['08:00', '21:00']),
    cap: { count: 1, windowHours: 8, channels: ['CALL'] },
    note: '≤ 1 autodialed call / 8 h per number (unverified): enforced, the stricter reading',
    source: 'https://g2leadstosales.com/2025-state-by-state-calling-restrictions-telemarketing-call-centers.html',
    verifiedAt: READ,
    verify: true,
  },
  { id: 'MI', channels: BOTH, window: days(['09:00', '21:00']), source: `MCL 750.540e (${STELLO})`, verifiedAt: READ, verify: true },
  {
    id: 'MN',
    channels: BOTH,
    window: days(['09:00', '21:00']),
    source: `Minn. Stat. §325E.30 (${STELLO})`,
    verifiedAt: READ,
    verify: true,
  },
  {
    id: 'MS',
    channels: BOTH,
    window: days(['08:00', '20:00'], { sun: null }),
    holiday: null,
    note: 'no Sunday; holidays restricted (EBR ≤ 6 months exemption not applied: stricter)',
    source: `${DROPCOWBOY}; ${DREAMHOSTERS}`,
    verifiedAt: READ,
    verify: true,
  },
  { id: 'NV', channels: BOTH, window: days(['09:00', '20:00']), source: DROPCOWBOY, verifiedAt: READ, verify: true },
  { id: 'NM', channels: BOTH, window: days(['09:00', '21:00']), source: DROPCOWBOY, verifiedAt: READ, verify: true },
  {
    id: 'OK',
    channels: BOTH,
    window: days(['08:00', '20:00']),
    cap: { count: 3, windowHours: 24, channels: BOTH },
    requiresPEWC: true,
    note: 'OTSA tit. 15 §775C.4: 3 / 24 h same subject',
    source: `Okla. Stat. tit. 15 §775C (${CLICKPOINT})`,
    verifiedAt: READ,
    verify: true,
  },
  {
    id: 'PA',
    channels: BOTH,
    window: days(['08:00', '21:00'], { sun: null }),
    holiday: null,
    note: "weekdays 8–21; the source's Sat/Sun cells are garbled: Saturday 8–21, no Sunday (stricter); no holidays",
    source: DROPCOWBOY,
    verifiedAt: READ,
    verify: true,
  },
  {
    id: 'RI',
    channels: BOTH,
    window: days(['09:00', '18:00'], { sat: ['10:00', '17:00'], sun: null }),
    holiday: null,
    note: 'no Sunday, no state/federal holidays (state-only holidays not computed); AG registration',
    registration: 'R.I. Attorney General ($100)',
    source: 'R.I. Gen. Laws §5-61-2(2), §5-61-3.6 (http://webserver.rilin.state.ri.us/Statutes/TITLE5/5-61/5-61-3.6.HTM)',
    verifiedAt: READ,
    verify: false,
  },
  {
    id: 'TX',
    channels: BOTH,
    window: days(['09:00', '21:00'], { sun: ['12:00', '21:00'] }),
    note: 'SB 140 (eff. 2025-09-01): texts are telephone solicitations',
    registration: 'Texas SOS telephone solicitation registration ($200/location + $10,000 security) unless exempt',
    source:
      'https://www.mondaq.com/unitedstates/telecoms-mobile-cable-communications/1669030/new-texas-telemarketing-law-effective-september-1-2025 ; Tex. Bus. & Com. Code §301.051',
    verifiedAt: READ,
    verify: false,
  },
  {
    id: 'UT',
    channels: BOTH,
    window: days(['08:00', '21:00']),
    holiday: null,
    note: 'state holidays restricted (consent exemption not applied: stricter)',
    source: DREAMHOSTERS,
    verifiedAt: READ,
    verify: true,
  },
  {
    id: 'WA',
    channels: BOTH,
    window: days(['08:00', '20:00']),
    source: 'RCW 19.158.040 (https://app.leg.wa.gov/RCW/default.aspx?cite=19.158.040); RCW 80.36.390',
    verifiedAt: READ,
    verify: false,
  },
  {
    id: 'NE',
    channels: ['CALL'],
    window: days(['08:00', '21:00'], { sun: ['13:00', '21:00'] }),
    holiday: ['13:00', '21:00'],
    note: 'prerecorded (AI voice) calls on Sundays/holidays only 13–21 (unverified): enforced for calls',
    source: `${CLICKPOINT} (help page)`,
    verifiedAt: READ,
    verify: true,
  },
  {
    id: 'CA',
    channels: BOTH,
    window: days(['09:00', '21:00']),
    note: '9–21 for automatic dialing-announcing devices per one source; scope unverified: applied to every call and marketing text (stricter)',
    source: `Cal. Pub. Util. Code §2872 (${STELLO})`,
    verifiedAt: READ,
    verify: true,
  },
]

export const CONTACT_RULES: readonly ContactRule[] = [FEDERAL_RULE, ...STATE_RULES]
const BY_ID = new Map<string, ContactRule>(CONTACT_RULES.map((r) => [r.id, r]))

/**
 * Calling windows and caps govern calls (any purpose: our calls are AI "artificial voice" calls, FCC 24-17) and
 * marketing texts; transactional texts (appointment confirmations) and e-mail are not telephone solicitations.
 */
export function timeRulesApply(channel: Channel, purpose: Purpose): channel is PhoneChannel {
  return channel === 'CALL' || (channel === 'SMS' && purpose === 'MARKETING')
}

/** The rows that apply to a send: federal, then the address state, then the area-code state (deduplicated). */
export function applicableRules(channel: PhoneChannel, states: readonly (string | null | undefined)[]): ContactRule[] {
  const out: ContactRule[] = [FEDERAL_RULE]
  for (const s of states) {
    const row = s ? BY_ID.get(s) : undefined
    if (row && !out.includes(row) && row.channels.includes(channel)) out.push(row)
  }
  return out
}

/** 'HH:MM' → minutes since midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h! * 60 + m!
}
