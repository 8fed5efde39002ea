import { describe, expect, it } from 'vitest'
import { countSegments, isGsm7 } from './segments'

const EMOJI = '😀' // U+1F600: one surrogate pair

describe('countSegments — GSM-7', () => {
  it('160 basic characters are one segment; 161 are two (153 per segment)', () => {
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160, perSegment: 160 })
    expect(countSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161, perSegment: 153 })
  })

  it('153 × 2 = 306 is two segments; 307 is three', () => {
    expect(countSegments('a'.repeat(306)).segments).toBe(2)
    expect(countSegments('a'.repeat(307))).toEqual({ encoding: 'GSM-7', segments: 3, units: 307, perSegment: 153 })
  })

  it('extension characters (€, [, and the rest of the table) count 2 septets and stay GSM-7', () => {
    expect(countSegments('€')).toEqual({ encoding: 'GSM-7', segments: 1, units: 2, perSegment: 160 })
    expect(countSegments('[')).toMatchObject({ encoding: 'GSM-7', units: 2 })
    expect(countSegments('^{}\\[~]|€').units).toBe(18)
    // 159 + one € = 161 septets → multipart
    expect(countSegments('a'.repeat(159) + '€')).toMatchObject({ segments: 2, units: 161 })
    expect(countSegments('a'.repeat(158) + '€')).toMatchObject({ segments: 1, units: 160 })
  })

  it('an escape pair is never split across segments', () => {
    // 152 + € would end at 154 in segment 1 → € moves to segment 2
    const t = 'a'.repeat(152) + '€' + 'a'.repeat(152)
    expect(countSegments(t)).toMatchObject({ encoding: 'GSM-7', units: 306, segments: 3 })
  })

  it('GSM accents and symbols are basic (1 septet); other accents force UCS-2', () => {
    expect(countSegments('àéèùìòÄÖÑÜ£¥§¿¡ΔΩ@$_')).toMatchObject({ encoding: 'GSM-7', units: 20 })
    expect(isGsm7('ç')).toBe(false) // lower-case ç is not in the table (only Ç)
    expect(countSegments('façade').encoding).toBe('UCS-2')
  })

  it('an empty text is zero segments', () => {
    expect(countSegments('')).toEqual({ encoding: 'GSM-7', segments: 0, units: 0, perSegment: 160 })
  })
})

describe('countSegments — UCS-2', () => {
  it('one emoji switches the whole text to UCS-2 (70 single / 67 multipart)', () => {
    expect(countSegments('a'.repeat(68) + EMOJI)).toEqual({ encoding: 'UCS-2', segments: 1, units: 70, perSegment: 70 })
    expect(countSegments('a'.repeat(69) + EMOJI)).toEqual({ encoding: 'UCS-2', segments: 2, units: 71, perSegment: 67 })
    expect(countSegments('a'.repeat(134)).segments).toBe(1) // same length without the emoji: GSM-7, one segment
    expect(countSegments('a'.repeat(133) + EMOJI)).toMatchObject({ encoding: 'UCS-2', segments: 3, units: 135 })
  })

  it('a surrogate pair counts 2 units and moves whole to the next segment at a boundary', () => {
    // 66 units + emoji would straddle 67 → the emoji starts segment 2
    const straddling = 'a'.repeat(66) + EMOJI + 'a'.repeat(10)
    expect(countSegments(straddling)).toMatchObject({ encoding: 'UCS-2', units: 78, segments: 2 })
    // 66 + emoji (2) + 65 = 133 units ≤ 134, but the split forces a third segment
    const boundary = 'a'.repeat(66) + EMOJI + 'a'.repeat(66)
    expect(countSegments(boundary)).toMatchObject({ units: 134, segments: 3 })
    // exactly filling: 65 + emoji = 67 in segment 1, 67 in segment 2
    expect(countSegments('a'.repeat(65) + EMOJI + 'a'.repeat(67))).toMatchObject({ units: 134, segments: 2 })
  })

  it('BMP characters outside GSM-7 count 1 unit each', () => {
    expect(countSegments('Привет')).toEqual({ encoding: 'UCS-2', segments: 1, units: 6, perSegment: 70 })
    expect(countSegments('“quoted”')).toMatchObject({ encoding: 'UCS-2', units: 8 })
  })
})
