import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { generateSyntheticAerial, generateSyntheticAerialLooks, type SyntheticRoofLook } from '@/lib/imagery/synthetic-aerial'

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const AT = { lat: 32.8123, lng: -96.7911 }

/** share of strongly blue pixels (the tarp) in the centre quarter of the image */
async function blueShare(bytes: Buffer): Promise<number> {
  const { data, info } = await sharp(bytes)
    .extract({ left: 160, top: 160, width: 320, height: 320 })
    .raw()
    .toBuffer({ resolveWithObject: true })
  let blue = 0
  for (let i = 0; i < data.length; i += info.channels) if (data[i + 2] > 120 && data[i + 2] > data[i] * 1.8) blue++
  return blue / (info.width * info.height)
}

describe('generateSyntheticAerial with a roof look', () => {
  it('a batch gives each look the same bytes as drawing it alone; looks differ from each other and from the default', async () => {
    const looks: SyntheticRoofLook[] = [{}, { wear: 0.9, stain: 'moss', bareSpots: true }, { material: 'metal', wear: 0.5, stain: 'rust' }]
    const batch = await generateSyntheticAerialLooks({ ...AT, looks })
    const alone = await Promise.all(looks.map((roof) => generateSyntheticAerial({ ...AT, roof })))
    expect(batch.map((b) => sha(b.bytes))).toEqual(alone.map((a) => sha(a.bytes)))
    const plain = await generateSyntheticAerial(AT)
    expect(new Set([...batch.map((b) => sha(b.bytes)), sha(plain.bytes)]).size).toBe(4)
    for (const b of batch) expect(await sharp(b.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 640, height: 640 })
  })

  it('reports the roof form it drew: flat on request, otherwise the lot’s own (the same with or without a look)', async () => {
    const plain = await generateSyntheticAerial(AT)
    expect(['gable', 'hip', 'complex']).toContain(plain.roofShape)
    expect((await generateSyntheticAerial({ ...AT, roof: { wear: 0.4 } })).roofShape).toBe(plain.roofShape)
    expect((await generateSyntheticAerial({ ...AT, roof: { material: 'flat' } })).roofShape).toBe('flat')
    expect((await generateSyntheticAerial({ ...AT, variant: 'no_building' })).roofShape).toBe('none')
  })

  it('draws a tarp only when asked', async () => {
    const [clean, tarped] = await generateSyntheticAerialLooks({ ...AT, looks: [{ wear: 0.8 }, { wear: 0.8, tarp: true }] })
    expect(await blueShare(clean.bytes)).toBeLessThan(0.002)
    expect(await blueShare(tarped.bytes)).toBeGreaterThan(0.01)
  })
})
