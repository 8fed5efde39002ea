import { generateSyntheticAerial } from '@/lib/imagery/synthetic-aerial'
import { writeFileSync } from 'node:fs'
const pts = [[30.2672,-97.7431],[33.1,-96.8],[40.7,-74.0],[34.05,-118.24],[41.88,-87.63],[29.76,-95.37]]
const variants = process.argv.slice(2)
for (const v of variants.length ? variants : ['house']) {
  for (const [i,[lat,lng]] of pts.entries()) {
    const t = Date.now()
    const r = await generateSyntheticAerial({ lat, lng, variant: v as any })
    writeFileSync(`/tmp/aer/${v}-${i}.jpg`, r.bytes)
    console.log(v, i, r.bytes.length, Date.now()-t, 'ms')
  }
}
