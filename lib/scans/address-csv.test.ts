import { describe, expect, it } from 'vitest'
import { mapAddressRows, missingAddressFields, parseAddressCsv, suggestAddressMapping } from '@/lib/scans/address-csv'

describe('parseAddressCsv', () => {
  it('parses like the lead import: BOM dropped, headers trimmed, blank lines skipped, quoted commas kept', () => {
    const r = parseAddressCsv(
      '\uFEFF Street Address ,City,ST,Zip Code,Owner\n"12 Main St, Apt 2",Dallas,TX,75201,Pat\n\n 3 Elm ,Austin,TX,78701,\n',
    )
    expect(r).toEqual({
      ok: true,
      headers: ['Street Address', 'City', 'ST', 'Zip Code', 'Owner'],
      rows: [
        { 'Street Address': '12 Main St, Apt 2', City: 'Dallas', ST: 'TX', 'Zip Code': '75201', Owner: 'Pat' },
        { 'Street Address': ' 3 Elm ', City: 'Austin', ST: 'TX', 'Zip Code': '78701', Owner: '' },
      ],
    })
  })

  it('refuses an empty file, a header without rows and more than 1,000 rows', () => {
    expect(parseAddressCsv('')).toMatchObject({ ok: false, error: 'The file has no header row' })
    expect(parseAddressCsv('address,city,state,zip\n')).toMatchObject({ ok: false })
    const big = `address,city,state,zip\n${Array.from({ length: 1001 }, (_, i) => `${i} A St,Dallas,TX,75201`).join('\n')}`
    const r = parseAddressCsv(big)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toContain('1,001 rows')
  })
})

describe('address mapping', () => {
  it("guesses the address columns with the import's synonyms and maps rows in file order", () => {
    const m = suggestAddressMapping(['Property Address', 'Town', 'state', 'Postal Code', 'Phone'])
    expect(m).toEqual({ addressLine1: 'Property Address', city: 'Town', state: 'state', zip: 'Postal Code' })
    expect(missingAddressFields(m)).toEqual([])
    expect(missingAddressFields({ city: 'Town' })).toEqual(['addressLine1', 'state', 'zip'])
    expect(
      mapAddressRows([{ 'Property Address': ' 1 A St ', Town: 'Dallas', state: 'TX', 'Postal Code': '75201' }], { ...m, zip: undefined }),
    ).toEqual([{ addressLine1: '1 A St', city: 'Dallas', state: 'TX', zip: '' }])
  })
})
