// The quality gate on images generated here with sharp (and the sandbox generator): each failure case must
// produce exactly its reason, and a house at the centre must pass.
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { assessImageQuality, MIN_EDGE_PX } from '@/lib/imagery/quality-gate'
import { generateSyntheticAerial } from '@/lib/imagery/synthetic-aerial'
import { mulberry32 } from '@/lib/mulberry32'

const SIZE = 640

/** A lawn-like texture: coarse Gaussian noise enlarged into soft blotches, with fine grain on top. */
async function grass(size = SIZE): Promise<Buffer> {
  const blotches = await sharp({
    create: { width: 40, height: 40, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 110, sigma: 22 } },
  })
    .resize(size, size, { kernel: 'cubic' })
    .png()
    .toBuffer()
  const grain = await sharp({
    create: { width: size, height: size, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 8 } },
  })
    .png()
    .toBuffer()
  return sharp(blotches)
    .composite([{ input: grain, blend: 'overlay' }])
    .linear([0.8, 1, 0.6], [0, 0, 0])
    .png()
    .toBuffer()
}

/** Raw RGB pixels → JPEG; `pixel` returns a grey level per position. */
async function fromPixels(size: number, pixel: (x: number, y: number, rnd: () => number) => number): Promise<Buffer> {
  const rnd = mulberry32(42)
  const raw = Buffer.alloc(size * size * 3)
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const v = Math.max(0, Math.min(255, Math.round(pixel(x, y, rnd))))
      raw.fill(v, (y * size + x) * 3, (y * size + x) * 3 + 3)
    }
  return sharp(raw, { raw: { width: size, height: size, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer()
}

/** A gable roof (rotated rectangle, two shaded planes, a ridge line) drawn over grass at (cx, cy). */
async function houseOnGrass(cx: number, cy: number, angle = 18): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}">
    <g transform="translate(${cx} ${cy}) rotate(${angle})">
      <rect x="-95" y="-62" width="190" height="124" fill="#2a2a2a" opacity="0.5" transform="translate(9 9)"/>
      <rect x="-90" y="-60" width="180" height="60" fill="#7a736c"/>
      <rect x="-90" y="0" width="180" height="60" fill="#55504b"/>
      <line x1="-90" y1="0" x2="90" y2="0" stroke="#9a948c" stroke-width="3"/>
    </g></svg>`
  return sharp(await grass())
    .composite([{ input: Buffer.from(svg) }])
    .jpeg({ quality: 85 })
    .toBuffer()
}

describe('assessImageQuality', () => {
  it('passes a house drawn at the centre of a grass texture', async () => {
    const q = await assessImageQuality(await houseOnGrass(SIZE / 2, SIZE / 2))
    expect(q).toMatchObject({ ok: true, reasons: [] })
    expect(q.metrics).toMatchObject({ width: SIZE, height: SIZE })
    expect(q.metrics.centreRectilinearity).toBeGreaterThan(0.34)
  })

  it('passes the sandbox image for many properties', async () => {
    const rnd = mulberry32(1)
    for (let i = 0; i < 8; i++) {
      const img = await generateSyntheticAerial({ lat: 26 + rnd() * 20, lng: -122 + rnd() * 45 })
      const q = await assessImageQuality(img.bytes)
      expect(q.reasons, JSON.stringify(q.metrics)).toEqual([])
      expect(q.ok).toBe(true)
    }
  })

  it('blank: a uniform image', async () => {
    const img = await sharp({ create: { width: SIZE, height: SIZE, channels: 3, background: '#7d8a6a' } })
      .jpeg()
      .toBuffer()
    const q = await assessImageQuality(img)
    expect(q.reasons).toEqual(['blank'])
    expect(q.metrics.lumaStdDev).toBeLessThan(1)
  })

  it(`too_small: a good picture under ${MIN_EDGE_PX} px`, async () => {
    const small = await sharp(await houseOnGrass(SIZE / 2, SIZE / 2))
      .resize(200, 200)
      .jpeg()
      .toBuffer()
    const q = await assessImageQuality(small)
    expect(q.reasons).toEqual(['too_small'])
    expect(q.metrics).toMatchObject({ width: 200, height: 200 })
    // also when only one edge is short
    const strip = await sharp(await houseOnGrass(SIZE / 2, SIZE / 2))
      .resize(640, 240, { fit: 'fill' })
      .jpeg()
      .toBuffer()
    expect((await assessImageQuality(strip)).reasons).toEqual(['too_small'])
  })

  it('overexposed_or_cloud: mostly white', async () => {
    const img = await fromPixels(SIZE, (x, y, rnd) => (x + y < SIZE * 0.5 ? 100 + rnd() * 40 : 244 + rnd() * 8))
    const q = await assessImageQuality(img)
    expect(q.reasons).toEqual(['overexposed_or_cloud'])
    expect(q.metrics.brightFraction).toBeGreaterThan(0.4)
  })

  it('too_dark_or_shadow: mostly black', async () => {
    const img = await fromPixels(SIZE, (x, _y, rnd) => (x < SIZE * 0.7 ? 4 + rnd() * 8 : 90 + rnd() * 60))
    const q = await assessImageQuality(img)
    expect(q.reasons).toEqual(['too_dark_or_shadow'])
    expect(q.metrics.darkFraction).toBeGreaterThan(0.4)
  })

  it('no_building_at_centre: a textured scene whose only building is in a corner', async () => {
    const q = await assessImageQuality(await houseOnGrass(110, 110, 0))
    expect(q.reasons).toEqual(['no_building_at_centre'])
  })

  it('no_building_at_centre: plain grass, and trees without a house', async () => {
    const field = await sharp(await grass())
      .jpeg()
      .toBuffer()
    expect((await assessImageQuality(field)).reasons).toEqual(['no_building_at_centre'])
    const trees = await generateSyntheticAerial({ lat: 30.27, lng: -97.74, variant: 'no_building' })
    const q = await assessImageQuality(trees.bytes)
    expect(q.reasons).toEqual(['no_building_at_centre'])
    expect(q.metrics.centreRectilinearity).toBeLessThan(0.34)
  })

  it('undecodable: garbage, a truncated JPEG, an empty buffer', async () => {
    const good = (await generateSyntheticAerial({ lat: 30, lng: -97 })).bytes
    for (const bytes of [Buffer.from('<html>quota exceeded</html>'), good.subarray(0, Math.floor(good.length / 2)), Buffer.alloc(0)]) {
      const q = await assessImageQuality(bytes)
      expect(q).toMatchObject({ ok: false, reasons: ['undecodable'], metrics: { width: 0, height: 0 } })
    }
  })

  it('the generator variants produce exactly their reasons', async () => {
    const expected = {
      house: [],
      blank: ['blank'],
      tiny: ['too_small'],
      cloud: ['overexposed_or_cloud'],
      shadow: ['too_dark_or_shadow'],
      no_building: ['no_building_at_centre'],
    } as const
    for (const [variant, reasons] of Object.entries(expected)) {
      const img = await generateSyntheticAerial({ lat: 41.88, lng: -87.63, variant: variant as keyof typeof expected })
      expect((await assessImageQuality(img.bytes)).reasons, variant).toEqual(reasons)
    }
  })
})
