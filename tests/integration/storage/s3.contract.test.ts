// The real @aws-sdk/client-s3 (lib/external/s3.ts via lib/storage) against the S3-compatible fake: path-style
// addressing, SigV4 on every request, binary-safe round trip, 404 → null, faults (5xx retried, timeouts, a bad
// key not retried), the kill switch, and the provider state doctor reports.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { providerState } from '@/lib/external/config'
import { aerialImageKey, deleteObject, getObject, putObject, storageBackend } from '@/lib/storage/image-storage'
import { generateSyntheticAerial } from '@/lib/imagery/synthetic-aerial'
import { startS3Fake, type S3Fake } from '@/tests/fakes/s3-fake'
import { clearProviderEnv, expectAppError, fastPolicies, setEnv } from '../external/helpers'

let s3: S3Fake
let jpeg: Buffer
let key: string
beforeAll(async () => {
  s3 = await startS3Fake({ bucket: 'fm-images', accessKeyId: 'AKIAFAKEFAKEFAKE' })
  jpeg = (await generateSyntheticAerial({ lat: 30.2672, lng: -97.7431 })).bytes
  key = aerialImageKey({ orgId: 'org1', sha256: createHash('sha256').update(jpeg).digest('hex'), contentType: 'image/jpeg' })
})
afterAll(async () => {
  await s3.close()
})
beforeEach(() => {
  clearProviderEnv()
  setEnv({
    S3_BUCKET: 'fm-images',
    S3_ENDPOINT: s3.url,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE',
    S3_SECRET_ACCESS_KEY: 'fake-secret-fake-secret',
    S3_FORCE_PATH_STYLE: '1',
  })
  fastPolicies()
  s3.reset()
})

describe('S3 image storage (contract)', () => {
  it('S3_BUCKET selects S3; doctor reports live, misconfigured, or local disk', () => {
    expect(storageBackend()).toBe('s3')
    expect(providerState('s3').status).toBe('live')
    setEnv({ S3_SECRET_ACCESS_KEY: undefined })
    expect(providerState('s3')).toMatchObject({ status: 'misconfigured', reason: expect.stringContaining('together') })
    setEnv({ S3_SECRET_ACCESS_KEY: 'x', S3_BUCKET: 'Bad_Bucket' })
    expect(providerState('s3').status).toBe('misconfigured')
    setEnv({ S3_BUCKET: undefined })
    expect(providerState('s3')).toMatchObject({ status: 'sandbox', reason: expect.stringContaining('local disk') })
    expect(storageBackend()).toBe('local')
  })

  it('puts, gets and deletes a JPEG byte for byte, path-style, SigV4-signed', async () => {
    await expect(putObject({ key, bytes: jpeg, contentType: 'image/jpeg' })).resolves.toMatchObject({ backend: 's3', size: jpeg.length })
    const stored = s3.objects.get(key)
    expect(stored?.bytes.equals(jpeg)).toBe(true)
    expect(stored?.contentType).toBe('image/jpeg')

    const got = await getObject({ key })
    expect(got?.contentType).toBe('image/jpeg')
    expect(got?.bytes.equals(jpeg)).toBe(true)

    await deleteObject({ key })
    expect(s3.objects.has(key)).toBe(false)

    expect(s3.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /fm-images/${key}`,
      `GET /fm-images/${key}`,
      `DELETE /fm-images/${key}`,
    ])
    // the signed payload hash is the body's: the bytes arrived as signed (the fake also refuses a mismatch)
    expect(s3.requests[0].headers['x-amz-content-sha256']).toBe(createHash('sha256').update(jpeg).digest('hex'))
    for (const r of s3.requests) {
      expect(r.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIAFAKEFAKEFAKE\/\d{8}\/us-east-1\/s3\/aws4_request, ?SignedHeaders=[^,]*host[^,]*, ?Signature=[0-9a-f]{64}$/,
      )
      expect(r.faults).toEqual([])
    }
  })

  it('a missing object is null (NoSuchKey, not retried); deleting it again is fine', async () => {
    await expect(getObject({ key: 'orgs/org1/aerial/none.jpg' })).resolves.toBeNull()
    await expect(deleteObject({ key: 'orgs/org1/aerial/none.jpg' })).resolves.toBeUndefined()
    expect(s3.requests).toHaveLength(2)
  })

  it('retries a 5xx (PUT and GET are idempotent)', async () => {
    s3.script({ kind: 'status', status: 503 }, { kind: 'status', status: 500 })
    await putObject({ key, bytes: jpeg, contentType: 'image/jpeg' })
    expect(s3.requests.map((r) => r.faults.map((f) => f.kind === 'status' && f.status))).toEqual([[503], [500], []])
    expect(s3.objects.get(key)?.bytes.equals(jpeg)).toBe(true)
    s3.script({ kind: 'status', status: 500 })
    expect((await getObject({ key }))?.bytes.equals(jpeg)).toBe(true)
    expect(s3.requests).toHaveLength(5)
  })

  it('a hung request times out and is retried; a store that keeps hanging is UPSTREAM_TIMEOUT', async () => {
    s3.script({ kind: 'hang' })
    await putObject({ key, bytes: jpeg, contentType: 'image/jpeg' })
    expect(s3.requests).toHaveLength(2)
    s3.reset()
    s3.script({ kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' })
    const e = await expectAppError(getObject({ key }))
    expect(e).toMatchObject({ code: 'UPSTREAM_TIMEOUT', details: { provider: 's3', operation: 'object.get', attempts: 3 } })
    expect(s3.requests).toHaveLength(3)
  })

  it('a persistent 5xx is UPSTREAM_FAILED after the retries', async () => {
    s3.script(...Array(3).fill({ kind: 'status', status: 500 }))
    const e = await expectAppError(putObject({ key, bytes: jpeg, contentType: 'image/jpeg' }))
    expect(e).toMatchObject({ code: 'UPSTREAM_FAILED', details: { provider: 's3', reason: 'server_error', status: 500, attempts: 3 } })
  })

  it('wrong credentials are a 403 client error, not retried', async () => {
    setEnv({ S3_ACCESS_KEY_ID: 'AKIAWRONGWRONGWRO' })
    const e = await expectAppError(putObject({ key, bytes: jpeg, contentType: 'image/jpeg' }))
    expect(e).toMatchObject({
      code: 'UPSTREAM_FAILED',
      details: { provider: 's3', reason: 'client_error', status: 403, providerCode: 'InvalidAccessKeyId' },
    })
    expect(s3.requests).toHaveLength(1)
  })

  it('the kill switch refuses without a request and never falls back to disk', async () => {
    setEnv({ FM_DISABLE_S3: '1' })
    expect(storageBackend()).toBe('s3')
    const e = await expectAppError(putObject({ key, bytes: jpeg, contentType: 'image/jpeg' }))
    expect(e).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { provider: 's3', reason: 'kill_switch' } })
    expect(s3.requests).toHaveLength(0)
  })

  it('a hostile key is refused before any request', async () => {
    await expect(getObject({ key: '../../etc/passwd' })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    expect(s3.requests).toHaveLength(0)
  })
})
