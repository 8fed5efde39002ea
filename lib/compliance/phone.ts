// Phones as E.164 strings at the edges, as BIGINT digits in the DNC tables (8 bytes, btree-friendly). Pure.

export const E164 = /^\+[1-9]\d{7,14}$/

export function e164ToDigits(e164: string): bigint {
  if (!E164.test(e164)) throw new RangeError('not an E.164 number')
  return BigInt(e164.slice(1))
}

/** A DNC file row → E.164 digits: "+1 (512) 555-0100", "5125550100", "15125550100"; null when not a US number. */
export function parseUsPhone(raw: string): bigint | null {
  const digits = raw.replace(/[\s().+-]/g, '')
  if (!/^\d+$/.test(digits)) return null
  const ten = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits
  // NANP: area code and exchange start with 2-9
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(ten)) return null
  return BigInt(`1${ten}`)
}
