// The two components read from records: property value (15 %) and contact confidence (8 %).
//
// Property value: owners of more valuable homes replace roofs sooner (resale, HOA and insurer pressure, budget)
// and the job is larger. Home values are roughly log-normal and the effect saturates, so the curve is
// logarithmic: value = log10(dollars / 100,000), clamped to 0–1 → $100k or less 0, ~$316k 0.5, $1M or more 1.
//
// Contact confidence: how reachable the owner is. Owner name 0.25; a phone 0.30 (+0.15 when one is verified);
// an email 0.20 (+0.10 when one is verified); the total is 1. A lookup that found nothing is an answer (value 0);
// no lookup at all is a missing input.
import 'server-only'
import type { ComponentEvaluation, ContactFactsInput, PropertyFactsInput } from './types'
import { clamp01, dollars, finiteOrNull, round } from './text'

const VALUE_FLOOR_CENTS = 100_000_00
const VALUE_DECADES = 1 // from the floor to 10× the floor ($1M)

export function propertyValueValue(cents: number) {
  return round(clamp01(Math.log10(cents / VALUE_FLOOR_CENTS) / VALUE_DECADES), 3)
}

export function propertyValueComponent(property: PropertyFactsInput | null): ComponentEvaluation {
  const cents = finiteOrNull(property?.propertyValueCents)
  if (cents === null || cents <= 0) {
    const bad = cents !== null ? ` (${dollars(cents)} is not a valid value)` : ''
    return { value: null, confidence: 0, reason: `No property value on record${bad}; left out of the score`, missing: ['property_value'] }
  }
  const v = propertyValueValue(cents)
  const why = v >= 0.67 ? 'a high-value home' : v >= 0.33 ? 'a mid-value home' : 'a lower-value home'
  return {
    value: v,
    confidence: 1,
    reason: `Property value ${dollars(cents)}: ${why} (higher-value homes replace roofs sooner)`,
    missing: [],
  }
}

export const CONTACT_POINTS = Object.freeze({ name: 0.25, phone: 0.3, verifiedPhone: 0.15, email: 0.2, verifiedEmail: 0.1 })

const count = (x: unknown) => {
  const n = finiteOrNull(x)
  return n === null || n < 0 ? 0 : Math.floor(n)
}
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

function channel(n: number, verified: number | null | undefined, word: string) {
  if (!n) return null
  const v = verified == null ? null : Math.min(count(verified), n)
  const state = v === null ? 'not verified' : v === 0 ? 'none verified' : v === n ? 'verified' : `${v} verified`
  return { text: `${plural(n, word)} (${state})`, verified: (v ?? 0) > 0 }
}

export function contactComponent(contact: ContactFactsInput | null): ComponentEvaluation {
  if (!contact) {
    return { value: null, confidence: 0, reason: 'No contact lookup done yet; left out of the score', missing: ['contact'] }
  }
  const phone = channel(count(contact.phones), contact.verifiedPhones, 'phone')
  const email = channel(count(contact.emails), contact.verifiedEmails, 'email')
  const p = CONTACT_POINTS
  const value =
    (contact.ownerNameKnown ? p.name : 0) +
    (phone ? p.phone + (phone.verified ? p.verifiedPhone : 0) : 0) +
    (email ? p.email + (email.verified ? p.verifiedEmail : 0) : 0)
  if (!contact.ownerNameKnown && !phone && !email) {
    return { value: 0, confidence: 1, reason: 'No owner name, phone or email found', missing: [] }
  }
  const parts = [contact.ownerNameKnown ? 'Owner name known' : 'Owner name unknown', phone?.text ?? 'no phone', email?.text ?? 'no email']
  return { value: round(clamp01(value), 3), confidence: 1, reason: parts.join('; '), missing: [] }
}
