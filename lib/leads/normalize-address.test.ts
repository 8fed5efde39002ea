import { describe, expect, it } from 'vitest'
import { normalizeAddress, normalizeState, normalizeStreet, normalizeUnit, normalizeZip } from '@/lib/leads/normalize-address'

describe('normalizeAddress', () => {
  it('upper-cases, abbreviates suffix and directional, cuts ZIP+4, spells states', () => {
    expect(normalizeAddress({ line1: '123 North Main Street', line2: 'Apt. 4B', city: 'Dallas', state: 'Texas', zip: '75201-1234' })).toBe(
      '123 N MAIN ST APT 4B, DALLAS, TX 75201',
    )
  })

  it('treats spelling variants of the same address as equal', () => {
    const a = normalizeAddress({ line1: '4500  Oak Lawn Avenue', city: 'dallas', state: 'tx', zip: '75219' })
    const b = normalizeAddress({ line1: '4500 OAK LAWN AVE.', city: 'Dallas ', state: 'TX', zip: '75219' })
    expect(a).toBe(b)
    expect(a).toBe('4500 OAK LAWN AVE, DALLAS, TX 75219')
  })

  it('splits a unit out of line 1 and handles "#"', () => {
    expect(normalizeStreet('77 Elm Street Suite 200')).toEqual({ street: '77 ELM ST', unit: 'STE 200' })
    expect(normalizeAddress({ line1: '77 Elm St #12', city: 'Plano', state: 'TX', zip: '75074' })).toBe(
      '77 ELM ST UNIT 12, PLANO, TX 75074',
    )
    expect(normalizeUnit('#12')).toBe('UNIT 12')
    expect(normalizeUnit('4b')).toBe('UNIT 4B')
    expect(normalizeUnit('')).toBe('')
  })

  it('keeps a trailing directional and abbreviates the suffix before it', () => {
    expect(normalizeStreet('900 Preston Road North').street).toBe('900 PRESTON RD N')
  })

  it('does not abbreviate a street NAME that looks like a suffix', () => {
    expect(normalizeStreet('10 Court Street').street).toBe('10 COURT ST')
    expect(normalizeStreet('10 Park').street).toBe('10 PARK')
  })

  it('strips punctuation and collapses whitespace', () => {
    expect(normalizeStreet("12  St. Paul's   Blvd.").street).toBe('12 ST PAUL S BLVD')
  })

  it('state and zip helpers', () => {
    expect(normalizeState('new york')).toBe('NY')
    expect(normalizeState('tx')).toBe('TX')
    expect(normalizeZip('75201 1234')).toBe('75201')
  })
})
