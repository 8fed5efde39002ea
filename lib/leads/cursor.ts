// Opaque keyset cursors: base64url(JSON {s: sort, d: dir, v: last sort value, i: last id}).
import 'server-only'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { LEAD_SORTS } from '@/lib/leads/schemas'

const cursorSchema = z.object({
  s: z.enum(LEAD_SORTS),
  d: z.enum(['asc', 'desc']),
  v: z.union([z.number().int(), z.string().max(400)]),
  i: z.uuid(),
})
export type Cursor = z.infer<typeof cursorSchema>

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url')
}

export function decodeCursor(raw: string, expect: { sort: Cursor['s']; dir: Cursor['d'] }): Cursor {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
  } catch {
    throw new AppError('BAD_REQUEST', 'Invalid cursor')
  }
  const c = cursorSchema.safeParse(parsed)
  if (!c.success) throw new AppError('BAD_REQUEST', 'Invalid cursor')
  if (c.data.s !== expect.sort || c.data.d !== expect.dir) throw new AppError('BAD_REQUEST', 'The cursor belongs to another sort order')
  if ((c.data.s === 'score') !== (typeof c.data.v === 'number')) throw new AppError('BAD_REQUEST', 'Invalid cursor')
  return c.data
}
