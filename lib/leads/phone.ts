// Phone numbers are stored in E.164 (contacts_phones_e164_chk). US numbers may be typed in any common format.
export function normalizePhone(raw: string): string | null {
  const trimmed = raw.trim()
  if (!trimmed) return null
  const digits = trimmed.replace(/[^0-9]/g, '')
  if (trimmed.startsWith('+')) return /^[1-9][0-9]{7,14}$/.test(digits) ? `+${digits}` : null
  if (digits.length === 10 && /^[2-9]/.test(digits)) return `+1${digits}`
  if (digits.length === 11 && digits.startsWith('1') && /^[2-9]/.test(digits[1]!)) return `+${digits}`
  return null
}

/** Looks like a phone number search ("214-555-0100", "(214) 555") rather than an address or a name. */
export function phoneSearchDigits(q: string): string | null {
  if (!/^[\d\s().+-]+$/.test(q)) return null
  const digits = q.replace(/[^0-9]/g, '')
  return digits.length >= 4 ? digits : null
}
