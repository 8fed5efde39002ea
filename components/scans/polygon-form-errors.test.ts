import { describe, expect, it } from 'vitest'
import { scanAreaSchema } from '@/lib/geo/schemas'
import { scanFieldErrors } from './scan-form-errors'

describe('drawn-area field errors', () => {
  it("puts resolveArea's area.vertices issue and the schema's per-corner issues on the map field", () => {
    const msg = "The area's edges cross each other; draw it without crossing lines"
    expect(scanFieldErrors([{ path: 'area.vertices', message: msg }])).toEqual({ vertices: msg })
    const r = scanAreaSchema.safeParse({
      kind: 'polygon',
      vertices: [
        { lat: 1, lng: 1 },
        { lat: 2, lng: 2 },
        { lat: NaN, lng: 3 },
      ],
    })
    expect(r.success).toBe(false)
    expect(Object.keys(scanFieldErrors(r.error!.issues))).toEqual(['vertices'])
    expect(scanFieldErrors([{ path: ['area', 'vertices', 4, 'lng'], message: 'x' }])).toEqual({ vertices: 'x' })
  })
})
