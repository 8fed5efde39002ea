// Image storage on local disk (no S3_BUCKET): round trip, content type, directory created on demand, missing →
// null, and hostile keys refused without touching anything outside the storage directory.
import { mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aerialImageKey, deleteObject, getObject, putObject, storageBackend } from '@/lib/storage/image-storage'
import { DEFAULT_IMAGE_STORAGE_DIR, localStorageRoot } from '@/lib/storage/local-disk'
import { generateSyntheticAerial } from '@/lib/imagery/synthetic-aerial'
import { clearProviderEnv, expectAppError, setEnv } from '../external/helpers'

let base: string // a scratch directory; the storage root is a not-yet-existing folder inside it
let root: string
beforeEach(async () => {
  clearProviderEnv()
  base = await mkdtemp(path.join(os.tmpdir(), 'fm-storage-'))
  root = path.join(base, 'images', 'nested')
  setEnv({ IMAGE_STORAGE_DIR: root })
})
afterEach(async () => {
  await rm(base, { recursive: true, force: true })
})

async function listAll(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort()
}

describe('local-disk image storage', () => {
  it('is the backend without S3_BUCKET; the default directory is .data/images', () => {
    expect(storageBackend()).toBe('local')
    expect(localStorageRoot()).toBe(root)
    setEnv({ IMAGE_STORAGE_DIR: undefined })
    expect(localStorageRoot()).toBe(path.resolve(DEFAULT_IMAGE_STORAGE_DIR))
  })

  it('round-trips bytes and content type, creating the directory on demand', async () => {
    const img = await generateSyntheticAerial({ lat: 30.2672, lng: -97.7431 })
    const key = aerialImageKey({ orgId: 'org1', sha256: 'b'.repeat(64), contentType: img.contentType })
    await expect(putObject({ key, bytes: img.bytes, contentType: img.contentType })).resolves.toEqual({
      key,
      backend: 'local',
      size: img.bytes.length,
    })
    const got = await getObject({ key })
    expect(got?.contentType).toBe('image/jpeg')
    expect(got?.bytes.equals(img.bytes)).toBe(true)
    // written under the root, with no temp files left behind
    expect(await listAll(root)).toEqual(expect.arrayContaining([path.join('orgs', 'org1', 'aerial', `${'b'.repeat(64)}.jpg`)]))
    expect((await listAll(root)).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('overwrites a key; deletes; deleting again is fine', async () => {
    await putObject({ key: 'orgs/o/aerial/x.png', bytes: Buffer.from('one'), contentType: 'image/png' })
    await putObject({ key: 'orgs/o/aerial/x.png', bytes: Buffer.from('two'), contentType: 'image/png' })
    expect((await getObject({ key: 'orgs/o/aerial/x.png' }))?.bytes.toString()).toBe('two')
    await deleteObject({ key: 'orgs/o/aerial/x.png' })
    await expect(getObject({ key: 'orgs/o/aerial/x.png' })).resolves.toBeNull()
    await expect(deleteObject({ key: 'orgs/o/aerial/x.png' })).resolves.toBeUndefined()
  })

  it('a missing key is null, also before the directory exists', async () => {
    await expect(getObject({ key: 'orgs/o/aerial/nothing.jpg' })).resolves.toBeNull()
    await putObject({ key: 'orgs/o/aerial/a.jpg', bytes: Buffer.from('x'), contentType: 'image/jpeg' })
    await expect(getObject({ key: 'orgs/o/aerial/nothing.jpg' })).resolves.toBeNull()
  })

  it('falls back to the extension when the content-type sidecar is missing', async () => {
    await putObject({ key: 'orgs/o/aerial/s.webp', bytes: Buffer.from('x'), contentType: 'image/webp' })
    await rm(path.join(root, 'orgs/o/aerial/s.webp.meta.json'))
    await expect(getObject({ key: 'orgs/o/aerial/s.webp' })).resolves.toMatchObject({ contentType: 'image/webp' })
  })

  it.each(['../escape.jpg', 'orgs/../../escape.jpg', '/tmp/escape.jpg', 'orgs/o/..', 'a\\..\\escape.jpg', 'orgs//x', '.x', 'x.meta.json'])(
    'refuses the hostile key %j for put, get and delete, writing nothing',
    async (key) => {
      await writeFile(path.join(base, 'escape.jpg'), 'original')
      const before = await listAll(base)
      for (const op of [
        putObject({ key, bytes: Buffer.from('pwned'), contentType: 'image/jpeg' }),
        getObject({ key }),
        deleteObject({ key }),
      ])
        expect(await expectAppError(op)).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'INVALID' } })
      expect(await listAll(base)).toEqual(before)
    },
  )

  it('a symlink inside the root cannot lead writes or reads outside it', async () => {
    const outside = path.join(base, 'outside')
    await putObject({ key: 'orgs/o/aerial/seed.jpg', bytes: Buffer.from('x'), contentType: 'image/jpeg' })
    await rm(outside, { recursive: true, force: true })
    await (await import('node:fs/promises')).mkdir(outside)
    await writeFile(path.join(outside, 'secret.jpg'), 'secret')
    await symlink(outside, path.join(root, 'orgs', 'link'))
    const put = putObject({ key: 'orgs/link/x.jpg', bytes: Buffer.from('pwned'), contentType: 'image/jpeg' })
    expect(await expectAppError(put)).toMatchObject({ code: 'BAD_REQUEST' })
    expect(await expectAppError(getObject({ key: 'orgs/link/secret.jpg' }))).toMatchObject({ code: 'BAD_REQUEST' })
    expect(await readdir(outside)).toEqual(['secret.jpg'])
  })

  it('refuses a bad content type and an oversized object', async () => {
    await expect(putObject({ key: 'a.jpg', bytes: Buffer.from('x'), contentType: 'image/jpeg\r\nX-Evil: 1' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
    await expect(putObject({ key: 'a.jpg', bytes: Buffer.alloc(26 * 1024 * 1024), contentType: 'image/jpeg' })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    })
  })
})
