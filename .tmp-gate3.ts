import { generateSyntheticAerial } from '@/lib/imagery/synthetic-aerial'
import { assessImageQuality } from '@/lib/imagery/quality-gate'
import { mulberry32 } from '@/lib/mulberry32'
const rnd = mulberry32(99)
const counts: Record<string, Record<string, number>> = {}
for (const v of ['house','blank','tiny','cloud','shadow','no_building']) {
  counts[v] = {}
  for (let i = 0; i < 40; i++) {
    const lat = 25 + rnd() * 20, lng = -120 + rnd() * 40
    const q = await assessImageQuality((await generateSyntheticAerial({ lat, lng, variant: v as any })).bytes)
    const k = q.reasons.join('+') || 'ok'
    counts[v][k] = (counts[v][k] ?? 0) + 1
  }
}
console.log(JSON.stringify(counts))
