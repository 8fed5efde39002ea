import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { generateSyntheticAerial } from '@/lib/imagery/synthetic-aerial'

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

describe('generateSyntheticAerial', () => {
  it('is a 640×640 JPEG by default, and the same input gives the same bytes', async () => {
    const a = await generateSyntheticAerial({ lat: 30.2672, lng: -97.7431 })
    const b = await generateSyntheticAerial({ lat: 30.2672, lng: -97.7431 })
    expect(a).toMatchObject({ contentType: 'image/jpeg', width: 640, height: 640 })
    expect(sha(a.bytes)).toBe(sha(b.bytes))
    const meta = await sharp(a.bytes).metadata()
    expect(meta).toMatchObject({ format: 'jpeg', width: 640, height: 640 })
  })

  it('differs per property', async () => {
    const hashes = new Set<string>()
    for (const [lat, lng] of [
      [30.2672, -97.7431],
      [30.2673, -97.7431],
      [40.7128, -74.006],
      [34.0522, -118.2437],
    ])
      hashes.add(sha((await generateSyntheticAerial({ lat, lng })).bytes))
    expect(hashes.size).toBe(4)
  })

  it('renders 1280×1280 on request and a tiny variant below the gate minimum', async () => {
    const big = await generateSyntheticAerial({ lat: 33, lng: -96, size: 1280 })
    expect(await sharp(big.bytes).metadata()).toMatchObject({ width: 1280, height: 1280 })
    const tiny = await generateSyntheticAerial({ lat: 33, lng: -96, variant: 'tiny' })
    expect(tiny).toMatchObject({ width: 160, height: 160 })
  })

  it('refuses absurd sizes', async () => {
    await expect(generateSyntheticAerial({ lat: 1, lng: 1, size: 5000 })).rejects.toThrow(RangeError)
  })
})
