import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { MAX_LONG_EDGE_PX, MAX_MEGAPIXELS, prepareImage, targetSize } from '@/lib/vision/prepare-image'

const image = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 90, g: 110, b: 80 } } })

describe('targetSize', () => {
  it.each([
    [640, 640, 640, 640],
    [1072, 1072, 1072, 1072],
    [1092, 1092, 1072, 1072],
    [1280, 1280, 1072, 1072],
    [2560, 2560, 1072, 1072],
    [3000, 200, 1568, 104],
    [2000, 1000, 1516, 758],
  ])('%i×%i → %i×%i', (w, h, tw, th) => {
    const t = targetSize(w, h)
    expect(t).toEqual({ width: tw, height: th })
    expect(Math.max(t.width, t.height)).toBeLessThanOrEqual(MAX_LONG_EDGE_PX)
    expect(t.width * t.height).toBeLessThanOrEqual(MAX_MEGAPIXELS * 1_000_000)
  })
})

describe('prepareImage', () => {
  it('passes a small PNG through untouched', async () => {
    const bytes = await image(640, 640).png().toBuffer()
    const p = await prepareImage(bytes, 'image/png')
    expect(p).toMatchObject({ width: 640, height: 640, resized: false, image: { mediaType: 'image/png' } })
    expect(Buffer.from(p.image.base64, 'base64').equals(bytes)).toBe(true)
  })

  it('downscales a large image to a JPEG within the limits', async () => {
    const bytes = await image(2560, 1920).png().toBuffer()
    const p = await prepareImage(bytes, 'image/png; charset=binary')
    expect(p).toMatchObject({ resized: true, image: { mediaType: 'image/jpeg' } })
    const meta = await sharp(Buffer.from(p.image.base64, 'base64')).metadata()
    expect(meta.format).toBe('jpeg')
    expect([meta.width, meta.height]).toEqual([p.width, p.height])
    expect(Math.max(p.width, p.height)).toBeLessThanOrEqual(MAX_LONG_EDGE_PX)
    expect(p.width * p.height).toBeLessThanOrEqual(MAX_MEGAPIXELS * 1_000_000)
    expect(p.width / p.height).toBeCloseTo(2560 / 1920, 2)
  })

  it('re-encodes a format the providers do not take (TIFF) as JPEG', async () => {
    const p = await prepareImage(await image(300, 300).tiff().toBuffer(), 'image/tiff')
    expect(p).toMatchObject({ width: 300, height: 300, resized: false, image: { mediaType: 'image/jpeg' } })
  })

  it('refuses bytes that are not an image', async () => {
    await expect(prepareImage(Buffer.from('not an image'), 'image/png')).rejects.toMatchObject({ name: 'AppError', code: 'BAD_REQUEST' })
  })
})
