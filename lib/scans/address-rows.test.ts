import { describe, expect, it } from 'vitest'
import { addressScanLabel, addressScanSchema, MAX_ADDRESS_ROWS, validateAddressRows } from '@/lib/scans/address-rows'
import { scanRequestSchema } from '@/lib/scans/schemas'

const row = (addressLine1: string, city = 'Dallas', state = 'TX', zip = '75201') => ({ addressLine1, city, state, zip })
const parse = (rows: unknown[]) => addressScanSchema.parse({ source: 'addresses', rows }).rows

describe('validateAddressRows', () => {
  it('keeps valid rows in order with their normalized address and 1-based row number', () => {
    const r = validateAddressRows(parse([row('123 North Main Street'), row('9 Elm Ave', 'Austin', 'texas', '78701-1234')]))
    expect(r).toMatchObject({ total: 2, invalid: 0, duplicates: 0, issues: [] })
    expect(r.valid).toEqual([
      {
        row: 1,
        addressLine1: '123 North Main Street',
        city: 'Dallas',
        state: 'TX',
        zip: '75201',
        normalizedAddress: '123 N MAIN ST, DALLAS, TX 75201',
      },
      {
        row: 2,
        addressLine1: '9 Elm Ave',
        city: 'Austin',
        state: 'TX',
        zip: '78701-1234',
        normalizedAddress: '9 ELM AVE, AUSTIN, TX 78701',
      },
    ])
  })

  it('reports each bad field of a row once, by row number, and does not keep the row', () => {
    const r = validateAddressRows(
      parse([row(''), row('1 A St', 'Dallas', 'T', '7520'), row('2 B St', '', 'Texass', '75201'), row('3 C St')]),
    )
    expect(r.valid.map((v) => v.row)).toEqual([4])
    expect(r.invalid).toBe(3)
    expect(r.issues).toEqual([
      { row: 1, field: 'addressLine1', reason: 'Street address is required' },
      { row: 2, field: 'state', reason: 'Use a two-letter state' },
      { row: 2, field: 'zip', reason: 'ZIP must be 5 digits (or ZIP+4)' },
      { row: 3, field: 'city', reason: 'City is required' },
      { row: 3, field: 'state', reason: 'Use a two-letter state' },
    ])
  })

  it('collapses duplicates by normalized address (the first one is kept) and says which row it repeats', () => {
    const r = validateAddressRows(parse([row('123 Main Street'), row('123 main st.', 'DALLAS', 'Texas', '75201-0001'), row('124 Main St')]))
    expect(r.valid.map((v) => v.row)).toEqual([1, 3])
    expect(r.duplicates).toBe(1)
    expect(r.issues).toEqual([{ row: 2, reason: 'Same address as row 1 (scanned once)' }])
  })

  it('reads a numeric ZIP and missing fields without failing the whole list', () => {
    const rows = parse([{ addressLine1: '5 Oak Rd', city: 'Dallas', state: 'TX', zip: 75201 }, { addressLine1: '6 Oak Rd' }])
    const r = validateAddressRows(rows)
    expect(r.valid).toHaveLength(1)
    expect(r.valid[0]!.zip).toBe('75201')
    expect(r.issues.map((i) => `${i.row}:${i.field}`)).toEqual(['2:city', '2:state', '2:zip'])
  })
})

describe('addressScanSchema / scanRequestSchema', () => {
  it('takes 1–1,000 rows; the file name defaults', () => {
    expect(addressScanSchema.parse({ source: 'addresses', rows: [row('1 A St')] }).fileName).toBe('addresses.csv')
    expect(addressScanSchema.safeParse({ source: 'addresses', rows: [] }).success).toBe(false)
    const many = Array.from({ length: MAX_ADDRESS_ROWS + 1 }, (_, i) => row(`${i + 1} A St`))
    const r = addressScanSchema.safeParse({ source: 'addresses', rows: many })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.path).toEqual(['rows'])
    expect(addressScanSchema.safeParse({ source: 'addresses', rows: ['not an object'] }).success).toBe(false)
  })

  it('keeps the area shape working without a source, and routes by source', () => {
    const area = scanRequestSchema.parse({ area: { kind: 'zip', zip: '75201' }, propertyCap: 10 })
    expect(area).toMatchObject({ area: { kind: 'zip', zip: '75201' }, propertyCap: 10 })
    expect(scanRequestSchema.parse({ source: 'addresses', rows: [row('1 A St')] })).toMatchObject({ source: 'addresses' })
    const bad = scanRequestSchema.safeParse({ area: { kind: 'zip', zip: '7' }, propertyCap: 10 })
    expect(bad.error?.issues[0]?.path).toEqual(['area', 'zip'])
    expect(scanRequestSchema.safeParse({ source: 'moon' }).success).toBe(false)
  })
})

describe('addressScanLabel', () => {
  it('names the file and the count, within 200 characters', () => {
    expect(addressScanLabel('march.csv', 120)).toBe('CSV: march.csv (120 addresses)')
    expect(addressScanLabel('one.csv', 1)).toBe('CSV: one.csv (1 address)')
    const long = addressScanLabel('x'.repeat(300), 1000)
    expect(long.length).toBeLessThanOrEqual(200)
    expect(long.endsWith('… (1,000 addresses)')).toBe(true)
  })
})
