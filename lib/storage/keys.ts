// Object keys: the one vocabulary both storage backends accept. A key is '/'-separated segments of
// [A-Za-z0-9._-], each starting with a letter or digit, so '..', '.', empty segments, absolute paths,
// backslashes and NULs can never appear: a key cannot name anything outside the storage root.
import 'server-only'
import { AppError } from '@/lib/errors'

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/
export const MAX_KEY_LENGTH = 512
/** the local-disk backend's sidecar and temporary files; never a key */
const RESERVED_SUFFIXES = ['.meta.json', '.tmp']

export function isValidKey(key: unknown): key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) return false
  if (RESERVED_SUFFIXES.some((s) => key.endsWith(s))) return false
  return key.split('/').every((seg) => SEGMENT.test(seg))
}

export function assertValidKey(key: unknown): string {
  if (!isValidKey(key)) throw new AppError('BAD_REQUEST', 'Invalid storage key', { details: { reason: 'INVALID' } })
  return key
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/tiff': 'tif',
}
export const extensionFor = (contentType: string) => EXTENSIONS[contentType.split(';')[0].trim().toLowerCase()] ?? 'bin'
export function contentTypeForKey(key: string): string {
  const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase()
  return Object.entries(EXTENSIONS).find(([, e]) => e === ext)?.[0] ?? 'application/octet-stream'
}

export type ObjectKind = 'aerial'

/** `orgs/<orgId>/<kind>/<name>`: every object lives under its organization, so one org's prefix is all of it. */
export function objectKeyFor({ orgId, kind, name }: { orgId: string; kind: ObjectKind; name: string }): string {
  return assertValidKey(`orgs/${orgId}/${kind}/${name}`)
}

/** Aerial images are content-addressed: the same bytes are one object (a resumed scan re-puts the same key). */
export function aerialImageKey({ orgId, sha256, contentType }: { orgId: string; sha256: string; contentType: string }): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('BAD_REQUEST', 'sha256 must be 64 lowercase hex characters')
  return objectKeyFor({ orgId, kind: 'aerial', name: `${sha256}.${extensionFor(contentType)}` })
}
