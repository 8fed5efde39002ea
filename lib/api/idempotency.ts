// Idempotency-Key on REST writes (24 h): same key + same request → the stored response replayed with
// `Idempotent-Replayed: true`; same key + different request → 409; a request still running → 409 (retry later).
// 5xx and 429 responses are not stored, so a failed or rate-limited attempt can be retried with the same key
// (a 429 says "retry after N s": replaying it for 24 h would make that retry fail forever).
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { sha256Hex } from '@/lib/crypto'
import type { Prisma } from '@/lib/generated/prisma/client'

export const IDEMPOTENCY_TTL_MS = 24 * 3600_000
const KEY_RE = /^[\x21-\x7e]{1,255}$/

export function parseIdempotencyKey(header: string | null): string | null {
  if (header === null) return null
  if (!KEY_RE.test(header)) throw new AppError('BAD_REQUEST', 'Idempotency-Key must be 1–255 printable ASCII characters')
  return header
}

export async function withIdempotency(
  {
    apiKeyId,
    key,
    method,
    path,
    body,
  }: {
    apiKeyId: string
    key: string
    method: string
    path: string
    body: string
  },
  run: () => Promise<Response>,
): Promise<Response> {
  const requestHash = sha256Hex(`${method}\n${path}\n${body}`)
  const claim = () => db.$queryRaw<Array<{ id: string }>>`
    INSERT INTO idempotency_keys (api_key_id, key, method, path, request_hash, expires_at)
    VALUES (${apiKeyId}::uuid, ${key}, ${method}, ${path.slice(0, 500)}, ${requestHash}, ${new Date(Date.now() + IDEMPOTENCY_TTL_MS)})
    ON CONFLICT (api_key_id, key) DO NOTHING RETURNING id`
  let claimed = await claim()
  if (!claimed.length) {
    const prev = await db.idempotencyKey.findUnique({
      where: { apiKeyId_key: { apiKeyId, key } },
      select: { id: true, requestHash: true, responseStatus: true, responseBody: true, expiresAt: true },
    })
    if (prev && prev.expiresAt <= new Date()) {
      await db.idempotencyKey.deleteMany({ where: { id: prev.id, expiresAt: { lte: new Date() } } })
      claimed = await claim()
    } else if (prev) {
      if (prev.requestHash !== requestHash)
        throw new AppError('CONFLICT', 'This Idempotency-Key was already used with a different request', {
          details: { reason: 'IDEMPOTENCY_KEY_REUSED' },
        })
      if (prev.responseStatus === null)
        throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still being processed; retry shortly', {
          details: { reason: 'IDEMPOTENCY_IN_PROGRESS' },
        })
      return new Response(JSON.stringify(prev.responseBody), {
        status: prev.responseStatus,
        headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
      })
    }
    if (!claimed.length)
      throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still being processed; retry shortly', {
        details: { reason: 'IDEMPOTENCY_IN_PROGRESS' },
      })
  }
  const id = claimed[0]!.id
  let res: Response
  try {
    res = await run()
  } catch (err) {
    // errors thrown as AppError become 4xx responses in the caller; store them like any response
    const { errorResponse } = await import('@/lib/http/handle-route')
    const { currentContext } = await import('@/lib/request-context')
    res = errorResponse(err, currentContext()?.requestId ?? 'unknown')
  }
  if (res.status >= 500 || res.status === 429) {
    await db.idempotencyKey.delete({ where: { id }, select: { id: true } })
    return res
  }
  const text = await res.text()
  let parsed: unknown = null
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    parsed = { raw: text }
  }
  await db.idempotencyKey.update({
    where: { id },
    data: { responseStatus: res.status, responseBody: parsed as Prisma.InputJsonValue },
    select: { id: true },
  })
  return new Response(text, { status: res.status, headers: res.headers })
}
