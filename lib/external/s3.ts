// S3-compatible object storage (AWS S3, MinIO, Cloudflare R2, Backblaze B2…) through the AWS SDK v3: the one
// module that imports @aws-sdk/client-s3. Every call goes through callService (provider 's3'); the SDK's own
// retries are off. lib/storage picks this backend when S3_BUCKET is set; otherwise images stay on local disk.
import 'server-only'
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { ProviderHttpError } from '@/lib/external/http'
import type { ProviderEnv } from '@/lib/env'

const PUT_TIMEOUT_MS = 30_000
const GET_TIMEOUT_MS = 20_000
const DELETE_TIMEOUT_MS = 10_000

export const isS3Live = () => isLive('s3')

export interface S3Object {
  bytes: Buffer
  contentType: string
}

// One client per configuration (config is re-read on every call, so a test or an operator can repoint it).
const g = globalThis as unknown as { fmS3Clients?: Map<string, S3Client> }
const clients: Map<string, S3Client> = (g.fmS3Clients ??= new Map())

function clientFor(e: ProviderEnv): { client: S3Client; bucket: string } {
  const bucket = e.S3_BUCKET!
  const config = {
    region: e.S3_REGION ?? 'us-east-1',
    endpoint: e.S3_ENDPOINT,
    forcePathStyle: e.S3_FORCE_PATH_STYLE === '1' || e.S3_FORCE_PATH_STYLE === 'true',
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
  }
  const cacheKey = JSON.stringify(config)
  let client = clients.get(cacheKey)
  if (!client) {
    client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      // without a key pair: the default AWS chain (instance/task role, AWS_* variables, ~/.aws)
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
      maxAttempts: 1, // callService is the only retry layer
      // SDK ≥ 3.729 adds CRC32 checksums to every request by default, which several S3-compatible stores reject;
      // compute/validate them only where the S3 API requires it (PUT bodies are small and sent in one piece)
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
    clients.set(cacheKey, client)
  }
  return { client, bucket }
}

/**
 * The SDK's errors carry the HTTP status in $metadata / $response, a shape classify-error.ts does not read: map
 * them to ProviderHttpError. That covers S3's XML errors (S3ServiceException: NoSuchKey, SlowDown, AccessDenied…)
 * and also a non-XML error page from a proxy in front of the store, which the SDK fails to parse.
 */
function asHttpError(err: unknown): unknown {
  if (!err || typeof err !== 'object') return err
  const e = err as {
    name?: string
    message?: string
    $metadata?: { httpStatusCode?: number }
    $response?: { statusCode?: number; headers?: Record<string, string> }
  }
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode
  if (!status || status < 300) return err
  const headers = new Headers()
  for (const [k, v] of Object.entries(e.$response?.headers ?? {})) if (typeof v === 'string') headers.set(k, v)
  const code = err instanceof S3ServiceException ? err.name : 'UnparsedErrorResponse'
  return new ProviderHttpError(status, headers, { error: { code, message: e.message ?? '' } }, `S3 ${status} ${code}`)
}

async function run<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    throw asHttpError(err)
  }
}

export async function s3PutObject(input: { key: string; bytes: Uint8Array; contentType: string }): Promise<void> {
  const { client, bucket } = clientFor(providerEnv())
  await callService(
    // a PUT of the same key with the same bytes leaves the same object: safe to repeat
    { provider: 's3', operation: 'object.put', idempotent: true, timeoutMs: PUT_TIMEOUT_MS },
    (signal: AbortSignal) =>
      run(() =>
        client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: input.key,
            Body: input.bytes,
            ContentType: input.contentType,
            ContentLength: input.bytes.byteLength,
          }),
          { abortSignal: signal },
        ),
      ),
  )
}

/** null when the object does not exist (404 / NoSuchKey). */
export async function s3GetObject(input: { key: string }): Promise<S3Object | null> {
  const { client, bucket } = clientFor(providerEnv())
  return callService(
    { provider: 's3', operation: 'object.get', idempotent: true, timeoutMs: GET_TIMEOUT_MS },
    async (signal: AbortSignal): Promise<S3Object | null> => {
      try {
        return await run(async () => {
          const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: input.key }), { abortSignal: signal })
          // read the body inside the call so the per-attempt timeout covers the download too
          const bytes = Buffer.from((await res.Body?.transformToByteArray()) ?? new Uint8Array())
          return { bytes, contentType: res.ContentType ?? 'application/octet-stream' }
        })
      } catch (err) {
        if (err instanceof ProviderHttpError && err.status === 404) return null
        throw err
      }
    },
  )
}

/** Deleting a missing object succeeds (S3 answers 204 either way). */
export async function s3DeleteObject(input: { key: string }): Promise<void> {
  const { client, bucket } = clientFor(providerEnv())
  await callService({ provider: 's3', operation: 'object.delete', idempotent: true, timeoutMs: DELETE_TIMEOUT_MS }, (signal: AbortSignal) =>
    run(() => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: input.key }), { abortSignal: signal })),
  )
}
