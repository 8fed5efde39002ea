import { generateSyntheticAerial } from '@/lib/imagery/synthetic-aerial'
import { assessImageQuality } from '@/lib/imagery/quality-gate'
import { mulberry32 } from '@/lib/mulberry32'
const rnd = mulberry32(11)
for (const v of ['house','no_building']) {
  const xs: number[] = []
  for (let i = 0; i < 120; i++) {
    const lat = 25 + rnd() * 20, lng = -120 + rnd() * 40
    const q = await assessImageQuality((await generateSyntheticAerial({ lat, lng, variant: v as any })).bytes)
    xs.push(q.metrics.centreRectilinearity)
    if (v==='no_building' && q.metrics.centreRectilinearity>0.3) console.log(lat,lng,JSON.stringify(q.metrics))
  }
  xs.sort((a,b)=>a-b); console.log(v, [0,6,12,60,108,114,119].map(i=>xs[i]))
}
