// Input of the DNC use cases (isomorphic: the settings form will share it).
import { z } from 'zod'
import { E164 } from './phone'
import { US_STATES } from './zones'

export const importDncListSchema = z
  .object({
    kind: z.enum(['NATIONAL', 'STATE']),
    state: z.enum(US_STATES).optional(),
    fileName: z.string().trim().min(1).max(255),
    /** the registry's file date, YYYY-MM-DD */
    sourceDate: z.iso.date(),
    /** the file's rows (one number each; US formats accepted) — at most 2 M per call, larger files come in parts */
    phones: z.array(z.string().max(32)).max(2_000_000),
  })
  .refine((v) => (v.kind === 'STATE') === (v.state !== undefined), {
    path: ['state'],
    message: 'a STATE list names its state (and only it)',
  })

export const addDncEntrySchema = z.object({
  phone: z.string().regex(E164, 'an E.164 number (+15125550100)'),
  reason: z.string().trim().max(200).optional(),
})
