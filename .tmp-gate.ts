import { generateSyntheticAerial } from '@/lib/imagery/synthetic-aerial'
import { assessImageQuality } from '@/lib/imagery/quality-gate'
import { mulberry32 } from '@/lib/mulberry32'
const rnd = mulberry32(23)
const variants = process.argv.slice(2)
for (const v of variants) {
  const rows: any[] = []
  let fails = 0
  for (let i = 0; i < 40; i++) {
    const lat = 25 + rnd() * 20, lng = -120 + rnd() * 40
    const img = await generateSyntheticAerial({ lat, lng, variant: v as any })
    const q = await assessImageQuality(img.bytes)
    rows.push(q.metrics)
    if (v === 'house' ? !q.ok : q.ok) { fails++; console.log('unexpected', v, i, q.reasons.join(','), JSON.stringify(q.metrics)) }
  }
  const keys = ['meanLuma','lumaStdDev','brightFraction','darkFraction','centreContrast','edgeDensity','centreEdgeDensity','centreRectilinearity']
  console.log(v, 'fails', fails)
  for (const k of keys) { const xs = rows.map(r=>r[k]).sort((a,b)=>a-b); console.log('  ', k.padEnd(22), 'min', xs[0], 'p10', xs[4], 'med', xs[20], 'max', xs[39]) }
}
