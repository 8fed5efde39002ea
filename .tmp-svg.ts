import sharp from 'sharp'
import { assessImageQuality } from '@/lib/imagery/quality-gate'
const SIZE = 640
async function grass(size = SIZE) {
  const blotches = await sharp({ create: { width: 40, height: 40, channels: 3, noise: { type: 'gaussian', mean: 110, sigma: 22 } } }).resize(size, size, { kernel: 'cubic' }).png().toBuffer()
  const grain = await sharp({ create: { width: size, height: size, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 8 } } }).png().toBuffer()
  return sharp(blotches).composite([{ input: grain, blend: 'overlay' }]).linear([0.8, 1, 0.6], [0, 0, 0]).png().toBuffer()
}
async function house(cx: number, cy: number, angle: number) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}"><g transform="translate(${cx} ${cy}) rotate(${angle})"><rect x="-95" y="-62" width="190" height="124" fill="#2a2a2a" opacity="0.5" transform="translate(9 9)"/><rect x="-90" y="-60" width="180" height="60" fill="#7a736c"/><rect x="-90" y="0" width="180" height="60" fill="#55504b"/><line x1="-90" y1="0" x2="90" y2="0" stroke="#9a948c" stroke-width="3"/></g></svg>`
  return sharp(await grass()).composite([{ input: Buffer.from(svg) }]).jpeg({ quality: 85 }).toBuffer()
}
for (const [cx, cy, a] of [[320,320,0],[320,320,18],[320,320,45],[320,320,33],[110,110,0],[110,110,30],[530,320,10]]) {
  const q = await assessImageQuality(await house(cx, cy, a))
  console.log(cx, cy, a, q.reasons, q.metrics.centreEdgeDensity, q.metrics.centreRectilinearity, q.metrics.centreContrast)
}
const g = await assessImageQuality(await sharp(await grass()).jpeg().toBuffer()); console.log('grass', g.reasons, JSON.stringify(g.metrics))
