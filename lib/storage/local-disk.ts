// Local-disk backend: one file per key under IMAGE_STORAGE_DIR (default .data/images, created on demand), plus a
// small JSON sidecar for the content type. Writes go to a temp file and are renamed into place, so a reader never
// sees half an image and a crash leaves at most a stray .tmp file.
import 'server-only'
import { randomUUID } from 'node:crypto'
import { mkdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '@/lib/errors'
import { providerEnv } from '@/lib/external/config'
import { assertValidKey, contentTypeForKey } from '@/lib/storage/keys'

export const DEFAULT_IMAGE_STORAGE_DIR = '.data/images'

export function localStorageRoot(): string {
  // turbopackIgnore: a runtime directory, not a build input (without it Next traces the whole project into the build)
  return path.resolve(/* turbopackIgnore: true */ providerEnv().IMAGE_STORAGE_DIR ?? DEFAULT_IMAGE_STORAGE_DIR)
}

const outside = () => new AppError('BAD_REQUEST', 'Invalid storage key', { details: { reason: 'INVALID' } })
const isMissing = (e: unknown) => (e as NodeJS.ErrnoException)?.code === 'ENOENT'

/** The file for a key, proven to be inside the root (the key grammar already forbids '..'; this is the backstop). */
function fileFor(root: string, key: string): string {
  assertValidKey(key)
  const file = path.resolve(root, ...key.split('/'))
  if (!file.startsWith(root + path.sep)) throw outside()
  return file
}

/** Symlinks inside the root must not lead out of it: compare real paths of the directory that holds the file. */
async function assertRealInside(root: string, dir: string): Promise<void> {
  const [realRoot, realDir] = await Promise.all([realpath(root), realpath(dir)])
  if (realDir !== realRoot && !realDir.startsWith(realRoot + path.sep)) throw outside()
}

async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${file}.${randomUUID()}.tmp`
  try {
    await writeFile(tmp, data)
    await rename(tmp, file)
  } catch (e) {
    await rm(tmp, { force: true })
    throw e
  }
}

export async function localPut({ key, bytes, contentType }: { key: string; bytes: Uint8Array; contentType: string }): Promise<void> {
  const root = localStorageRoot()
  const file = fileFor(root, key)
  await mkdir(path.dirname(file), { recursive: true })
  await assertRealInside(root, path.dirname(file))
  // sidecar first: a data file never exists without its content type
  await writeAtomic(`${file}.meta.json`, JSON.stringify({ contentType }))
  await writeAtomic(file, bytes)
}

export async function localGet({ key }: { key: string }): Promise<{ bytes: Buffer; contentType: string } | null> {
  const root = localStorageRoot()
  const file = fileFor(root, key)
  try {
    await assertRealInside(root, path.dirname(file))
    const bytes = await readFile(file)
    const meta = await readFile(`${file}.meta.json`, 'utf8').then(
      (t) => JSON.parse(t) as { contentType?: string },
      () => ({}) as { contentType?: string },
    )
    return { bytes, contentType: meta.contentType ?? contentTypeForKey(key) }
  } catch (e) {
    if (isMissing(e)) return null
    throw e
  }
}

export async function localDelete({ key }: { key: string }): Promise<void> {
  const root = localStorageRoot()
  const file = fileFor(root, key)
  try {
    await assertRealInside(root, path.dirname(file))
  } catch (e) {
    if (isMissing(e)) return
    throw e
  }
  await rm(file, { force: true })
  await rm(`${file}.meta.json`, { force: true })
}
