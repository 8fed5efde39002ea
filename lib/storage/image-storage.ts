// Image storage: the one module the rest of the app uses to keep image bytes. Local disk by default
// (IMAGE_STORAGE_DIR, default .data/images); S3-compatible object storage when S3_BUCKET is set
// (lib/external/s3.ts, through callService as provider 's3'). The backend is chosen per call from the
// environment, like every provider. Keys come from lib/storage/keys.ts (objectKeyFor / aerialImageKey) and are
// validated here as well, so a hostile key is refused by both backends. Serving bytes to signed-in members of
// the owning org is the route's job: it looks the key up on an org-scoped row, never from the URL.
import 'server-only'
import { AppError } from '@/lib/errors'
import { isLive } from '@/lib/external/config'
import { s3DeleteObject, s3GetObject, s3PutObject } from '@/lib/external/s3'
import { localDelete, localGet, localPut } from '@/lib/storage/local-disk'
import { assertValidKey } from '@/lib/storage/keys'

export { aerialImageKey, isValidKey, objectKeyFor } from '@/lib/storage/keys'

export type StorageBackend = 'local' | 's3'

/** Aerial images are ~0.1–2 MB; anything this large is a bug or an abuse, not an image worth keeping. */
export const MAX_OBJECT_BYTES = 25 * 1024 * 1024
const CONTENT_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i

// A disabled S3 (FM_DISABLE_S3=1) stays S3: callService refuses it. Falling back to this instance's disk would
// split images between stores that the other instances cannot read.
export const storageBackend = (): StorageBackend => (isLive('s3') ? 's3' : 'local')

export interface StoredObject {
  bytes: Buffer
  contentType: string
}

export async function putObject(input: {
  key: string
  bytes: Uint8Array
  contentType: string
}): Promise<{ key: string; backend: StorageBackend; size: number }> {
  const key = assertValidKey(input.key)
  if (!CONTENT_TYPE.test(input.contentType)) throw new AppError('BAD_REQUEST', 'Invalid content type')
  if (input.bytes.byteLength > MAX_OBJECT_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', `Objects are limited to ${MAX_OBJECT_BYTES / 1024 / 1024} MB`)
  const backend = storageBackend()
  if (backend === 's3') await s3PutObject({ key, bytes: input.bytes, contentType: input.contentType })
  else await localPut({ key, bytes: input.bytes, contentType: input.contentType })
  return { key, backend, size: input.bytes.byteLength }
}

/** null when there is no object under the key. */
export async function getObject(input: { key: string }): Promise<StoredObject | null> {
  const key = assertValidKey(input.key)
  return storageBackend() === 's3' ? s3GetObject({ key }) : localGet({ key })
}

/** Deleting a missing object is not an error. */
export async function deleteObject(input: { key: string }): Promise<void> {
  const key = assertValidKey(input.key)
  if (storageBackend() === 's3') await s3DeleteObject({ key })
  else await localDelete({ key })
}
