// Sizes an aerial image for a vision model (REFERENCE.md §4.5, Anthropic's vision limits): a long edge above
// 1568 px or more than ~1.15 megapixels is downscaled by the provider anyway (we would pay to upload pixels it
// throws away, and its resize is not ours to reproduce), so we downscale first, keeping the aspect ratio.
// A 1280×1280 Mapbox @2x crop becomes 1072×1072. Formats the providers do not take are re-encoded as JPEG.
import 'server-only'
import sharp, { type Metadata } from 'sharp'
import { AppError } from '@/lib/errors'
import type { ImageInput } from '@/lib/external/ai-types'

export const MAX_LONG_EDGE_PX = 1568
export const MAX_MEGAPIXELS = 1.15
const JPEG_QUALITY = 88
const PROVIDER_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif'])

export interface PreparedImage {
  image: Extract<ImageInput, { base64: string }>
  width: number
  height: number
  resized: boolean
}

/** The largest size within both limits, never enlarging. */
export function targetSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, MAX_LONG_EDGE_PX / Math.max(width, height), Math.sqrt((MAX_MEGAPIXELS * 1_000_000) / (width * height)))
  if (scale >= 1) return { width, height }
  // floor, but not below an exact integer that floating point lands a hair under (3000 · 1568/3000 = 1567.99…)
  const down = (n: number) => Math.max(1, Math.floor(n * scale + 1e-6))
  return { width: down(width), height: down(height) }
}

export async function prepareImage(bytes: Uint8Array, contentType: string): Promise<PreparedImage> {
  let meta: Metadata
  try {
    meta = await sharp(bytes).metadata()
  } catch (cause) {
    // The imagery stage stores only images it could read, so this is a caller's bug, not a provider failure.
    throw new AppError('BAD_REQUEST', 'The image could not be read', { details: { contentType }, cause })
  }
  const width = meta.width ?? 0
  const height = meta.height ?? 0
  if (!width || !height) throw new AppError('BAD_REQUEST', 'The image has no size', { details: { contentType } })
  const mediaType = contentType.split(';')[0].trim().toLowerCase()
  const target = targetSize(width, height)
  const resized = target.width !== width || target.height !== height
  if (!resized && PROVIDER_TYPES.has(mediaType)) {
    return {
      image: { base64: Buffer.from(bytes).toString('base64'), mediaType: mediaType as PreparedImage['image']['mediaType'] },
      width,
      height,
      resized,
    }
  }
  // Aerial photos compress far better as JPEG than PNG, and nothing here needs transparency.
  const out = await sharp(bytes)
    .resize(target.width, target.height, { fit: 'fill', kernel: 'lanczos3' })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
    .toBuffer({ resolveWithObject: true })
  return {
    image: { base64: out.data.toString('base64'), mediaType: 'image/jpeg' },
    width: out.info.width,
    height: out.info.height,
    resized,
  }
}
