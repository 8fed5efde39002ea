// A small S3-compatible fake: path-style PUT/GET/DELETE object (https://host/<bucket>/<key>), in memory. It checks
// what a real store checks first: a SigV4 Authorization header for the expected access key, and that the signed
// payload hash (x-amz-content-sha256) matches the body. Errors are S3's XML shape. Faults come from fake-server.
import { createHash } from 'node:crypto'
import { startFake, type FakeResponse, type FakeServer, type RecordedRequest } from './fake-server'

export interface S3FakeObject {
  bytes: Buffer
  contentType: string
  etag: string
}
export interface S3Fake extends FakeServer {
  bucket: string
  accessKeyId: string
  /** stored objects by key */
  objects: Map<string, S3FakeObject>
}

const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/

function xmlError(status: number, code: string, message: string, resource = ''): FakeResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'fake-req' },
    raw: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><Resource>${resource}</Resource><RequestId>fake-req</RequestId></Error>`,
  }
}

export async function startS3Fake(opts: { bucket?: string; accessKeyId?: string } = {}): Promise<S3Fake> {
  const bucket = opts.bucket ?? 'fm-images'
  const accessKeyId = opts.accessKeyId ?? 'AKIAFAKEFAKEFAKE'
  const objects = new Map<string, S3FakeObject>()

  /** auth and addressing checks shared by every operation; null when the request may proceed */
  function refuse(r: RecordedRequest): FakeResponse | null {
    const auth = String(r.headers.authorization ?? '')
    const m = SIGV4.exec(auth)
    if (!m) return xmlError(403, 'AccessDenied', 'Missing or malformed SigV4 Authorization header')
    if (m[1] !== accessKeyId) return xmlError(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist.')
    const signed = m[4].split(';')
    if (!signed.includes('host') || !signed.includes('x-amz-date') || !r.headers['x-amz-date'])
      return xmlError(403, 'AccessDenied', 'host and x-amz-date must be signed')
    const payloadHash = String(r.headers['x-amz-content-sha256'] ?? '')
    if (!payloadHash) return xmlError(400, 'InvalidRequest', 'Missing x-amz-content-sha256')
    if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== createHash('sha256').update(r.rawBytes).digest('hex'))
      return xmlError(400, 'XAmzContentSHA256Mismatch', 'The provided x-amz-content-sha256 header does not match what was computed.')
    return null
  }

  /** path-style addressing: /<bucket>/<key…> */
  function keyOf(r: RecordedRequest): { key: string } | FakeResponse {
    const [, b, ...rest] = r.path.split('/')
    if (b !== bucket) return xmlError(404, 'NoSuchBucket', 'The specified bucket does not exist', `/${b}`)
    const key = rest.map(decodeURIComponent).join('/')
    if (!key) return xmlError(400, 'InvalidRequest', 'Missing key')
    return { key }
  }

  const withObject = (handle: (r: RecordedRequest, key: string) => FakeResponse) => (r: RecordedRequest) => {
    const refused = refuse(r)
    if (refused) return refused
    const k = keyOf(r)
    return 'key' in k ? handle(r, k.key) : k
  }

  const fake = await startFake({
    routes: [
      {
        method: 'PUT',
        path: /^\/[^/]+\/.+/,
        handle: withObject((r, key) => {
          const etag = `"${createHash('md5').update(r.rawBytes).digest('hex')}"`
          objects.set(key, {
            bytes: Buffer.from(r.rawBytes),
            contentType: String(r.headers['content-type'] ?? 'binary/octet-stream'),
            etag,
          })
          return { status: 200, headers: { etag }, raw: '' }
        }),
      },
      {
        method: 'GET',
        path: /^\/[^/]+\/.+/,
        handle: withObject((_r, key) => {
          const o = objects.get(key)
          if (!o) return xmlError(404, 'NoSuchKey', 'The specified key does not exist.', key)
          return {
            status: 200,
            headers: { 'content-type': o.contentType, etag: o.etag, 'content-length': String(o.bytes.length) },
            raw: o.bytes,
          }
        }),
      },
      {
        method: 'DELETE',
        path: /^\/[^/]+\/.+/,
        handle: withObject((_r, key) => {
          objects.delete(key)
          return { status: 204, raw: '' }
        }),
      },
    ],
  })
  const reset = fake.reset
  return Object.assign(fake, {
    bucket,
    accessKeyId,
    objects,
    reset: () => {
      reset()
      objects.clear()
    },
  })
}
