// Where a new-scan error goes on the form. The server answers VALIDATION_FAILED with zod issue paths: the
// action's schema says "area.zip", "area.radiusMiles", "propertyCap"; resolveArea says "zip" or "city" (an
// unknown ZIP or city). The browser's own check (scanAreaSchema) says "lat", "radiusMiles", …. A drawn area's
// issues ("area.vertices" from resolveArea, "area.vertices.2.lat" from the schema) all go to "vertices". Anything
// else is a form-level message.
export type ScanField = 'zip' | 'city' | 'state' | 'lat' | 'lng' | 'radiusMiles' | 'propertyCap' | 'vertices'
export type ScanFieldErrors = Partial<Record<ScanField | 'form', string>>

const FIELDS: readonly ScanField[] = ['zip', 'city', 'state', 'lat', 'lng', 'radiusMiles', 'propertyCap', 'vertices']

export interface IssueLike {
  path?: unknown
  message?: unknown
}

function fieldOf(path: unknown): ScanField | 'form' {
  const parts = Array.isArray(path) ? path.map(String) : typeof path === 'string' ? path.split('.') : []
  const rest = parts[0] === 'area' ? parts.slice(1) : parts
  if (rest[0] === 'vertices') return 'vertices'
  const key = rest.length === 1 ? rest[0] : undefined
  return key && (FIELDS as readonly string[]).includes(key) ? (key as ScanField) : 'form'
}

/** The first message per field (the most relevant one), from zod issues or an error envelope's details.issues. */
export function scanFieldErrors(issues: readonly IssueLike[] | undefined | null): ScanFieldErrors {
  const out: ScanFieldErrors = {}
  for (const i of issues ?? []) {
    const field = fieldOf(i.path)
    const message = typeof i.message === 'string' && i.message ? i.message : 'Check this value'
    if (!out[field]) out[field] = message
  }
  return out
}

/** `details.issues` of a VALIDATION_FAILED envelope, if it has any. */
export function issuesOf(details: unknown): IssueLike[] {
  const issues = (details as { issues?: unknown } | null | undefined)?.issues
  return Array.isArray(issues) ? (issues.filter((i) => i && typeof i === 'object') as IssueLike[]) : []
}

/** "in 42 min" / "in 30 s" from a rate limit's resetSeconds. */
export function retryIn(seconds: unknown): string | null {
  const s = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null
  if (s === null) return null
  return s < 60 ? `in ${s} s` : `in ${Math.ceil(s / 60)} min`
}
