// Deterministic sandbox helpers: every sandbox result is derived from the call's inputs (same input → same
// output, across processes), never from time or Math.random, and never contacts anyone.
import 'server-only'
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { mulberry32 } from '@/lib/mulberry32'

export function seedOf(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}

export function sandboxId(prefix: string, ...parts: unknown[]): string {
  return `${prefix}_sandbox_${seedOf(...parts).slice(0, 20)}`
}

/** Seeded PRNG for sandbox values, seeded from the call's inputs. */
export function seededRandom(...parts: unknown[]): () => number {
  return mulberry32(parseInt(seedOf(...parts).slice(0, 8), 16))
}

type JsonSchema = {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  enum?: unknown[]
  const?: unknown
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  format?: string
}

function valueFor(s: JsonSchema, rnd: () => number, path: string): unknown {
  if (s.const !== undefined) return s.const
  if (s.enum?.length) return s.enum[Math.floor(rnd() * s.enum.length)]
  const alt = s.anyOf ?? s.oneOf
  if (alt?.length) return valueFor(alt.find((x) => x.type !== 'null') ?? alt[0], rnd, path)
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, valueFor(v, rnd, `${path}.${k}`)]))
    case 'array': {
      const n = Math.max(s.minItems ?? 1, Math.min(s.maxItems ?? 3, 1 + Math.floor(rnd() * 3)))
      return Array.from({ length: n }, (_, i) => valueFor(s.items ?? {}, rnd, `${path}[${i}]`))
    }
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0)
      const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : lo + 100)
      const v = lo + rnd() * (hi - lo)
      return type === 'integer' ? Math.round(v) : Math.round(v * 100) / 100
    }
    case 'boolean':
      return rnd() < 0.5
    case 'string': {
      const text = `sandbox ${path.replace(/^\./, '') || 'value'}`
      return text.slice(0, s.maxLength ?? text.length).padEnd(s.minLength ?? 0, 'x')
    }
    default:
      return null
  }
}

/** A deterministic value that satisfies a zod schema (objects, arrays, enums, numbers with bounds, strings). */
export function sandboxValueFor<T>(schema: z.ZodType<T>, ...seedParts: unknown[]): T {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any' }) as JsonSchema
  return schema.parse(valueFor(json, seededRandom(...seedParts), ''))
}
