// SMS segment counting (GSM 03.38 / 3GPP TS 23.038), shown before sending and used for billing estimates. Pure and
// isomorphic (no server-only): the composer calls it in the browser.
// - GSM-7 when every character is in the basic table or the extension table; an extension character (^{}\[~]|€ and
//   form feed) costs 2 septets (ESC + char). A single message holds 160 septets; a multipart message 153 per segment
//   (7 octets go to the concatenation header).
// - UCS-2 otherwise: UTF-16 code units (a character outside the BMP, e.g. most emoji, is a surrogate pair = 2 units);
//   70 units single, 67 per segment multipart.
// - Segments are packed greedily and a character is never split across two segments (an extension escape pair or a
//   surrogate pair moves whole to the next segment), as carriers do — so `segments` can exceed ceil(units/perSegment).

export type SmsEncoding = 'GSM-7' | 'UCS-2'

export interface SegmentCount {
  encoding: SmsEncoding
  /** 0 for an empty text */
  segments: number
  /** septets (GSM-7) or UTF-16 code units (UCS-2) */
  units: number
  /** capacity of one segment for this message: 160/153 (GSM-7) or 70/67 (UCS-2) */
  perSegment: number
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const GSM_EXTENSION = '\f^{}\\[~]|€'

const BASIC = new Set(GSM_BASIC)
const EXTENSION = new Set(GSM_EXTENSION)

export const LIMITS = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const

/** true when the whole text can go as GSM-7 */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return false
  return true
}

/** The cost of each character (code point) in units of the encoding. */
function unitCosts(text: string, encoding: SmsEncoding): number[] {
  const costs: number[] = []
  for (const ch of text) costs.push(encoding === 'GSM-7' ? (EXTENSION.has(ch) ? 2 : 1) : ch.length)
  return costs
}

export function countSegments(text: string): SegmentCount {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2'
  const costs = unitCosts(text, encoding)
  const units = costs.reduce((a, b) => a + b, 0)
  const { single, multi } = LIMITS[encoding]
  if (units === 0) return { encoding, segments: 0, units, perSegment: single }
  if (units <= single) return { encoding, segments: 1, units, perSegment: single }
  let segments = 1
  let used = 0
  for (const c of costs) {
    if (used + c > multi) {
      segments++
      used = 0
    }
    used += c
  }
  return { encoding, segments, units, perSegment: multi }
}
