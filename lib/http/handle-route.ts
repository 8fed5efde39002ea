// Route-handler wrapper: request id in and out, request context for logs/audit, one error envelope for every
// non-2xx, bounded JSON bodies parsed with zod. Handlers stay thin: parse → one domain call → respond.
import 'server-only'
import { z } from 'zod'
import { AppError, toAppError, toErrorBody } from '@/lib/errors'
import { log } from '@/lib/logger'
import { contextFromHeaders, runWithContext, type RequestContext } from '@/lib/request-context'

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

type RouteParams = { params: Promise<Record<string, string | string[]>> }
export type RouteHandler = (req: Request, ctx: { req: RequestContext; params: Record<string, string | string[]> }) => Promise<Response>

export function errorResponse(err: unknown, requestId: string): Response {
  const appErr = toAppError(err)
  if (appErr.status >= 500) log().error({ err: appErr.cause ?? appErr, code: appErr.code }, 'request failed')
  const headers = new Headers({ 'content-type': 'application/json', 'x-request-id': requestId, 'cache-control': 'no-store' })
  if (appErr.retryAfter !== undefined) headers.set('retry-after', String(Math.max(1, Math.ceil(appErr.retryAfter))))
  return new Response(JSON.stringify(toErrorBody(appErr, requestId)), { status: appErr.status, headers })
}

export function handleRoute(handler: RouteHandler) {
  return async (request: Request, routeCtx?: RouteParams): Promise<Response> => {
    const req = contextFromHeaders(request.headers)
    return runWithContext(req, async () => {
      let res: Response
      try {
        const params = routeCtx?.params ? await routeCtx.params : {}
        res = await handler(request, { req, params })
      } catch (err) {
        res = errorResponse(err, req.requestId)
      }
      if (!res.headers.has('x-request-id')) {
        try {
          res.headers.set('x-request-id', req.requestId)
        } catch {
          res = new Response(res.body, { status: res.status, headers: new Headers([...res.headers, ['x-request-id', req.requestId]]) })
        }
      }
      return res
    })
  }
}

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers)
  headers.set('content-type', 'application/json')
  return new Response(JSON.stringify(data), { ...init, headers })
}

/** Reads at most `maxBytes` of a JSON body and validates it; never throws anything but AppError/ZodError. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<z.infer<S>> {
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Body larger than ${maxBytes} bytes`)
  assertJsonContentType(request)
  return parseJsonText(await readText(request, maxBytes), schema)
}

/**
 * The one JSON body parser: a body already read with readText (the REST API reads it first to hash it for
 * Idempotency-Key) → content type check → JSON → zod. readJson is readText + this.
 */
export function parseJsonBody<S extends z.ZodType>(request: Request, text: string, schema: S): z.infer<S> {
  assertJsonContentType(request)
  return parseJsonText(text, schema)
}

function assertJsonContentType(request: Request) {
  if (!(request.headers.get('content-type') ?? '').includes('application/json'))
    throw new AppError('BAD_REQUEST', 'Content-Type must be application/json')
}

function parseJsonText<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new AppError('BAD_REQUEST', 'Body is not valid JSON')
  }
  return schema.parse(parsed)
}

export async function readText(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<string> {
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw new AppError('PAYLOAD_TOO_LARGE', `Body larger than ${maxBytes} bytes`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const url = new URL(request.url)
  return schema.parse(Object.fromEntries(url.searchParams))
}
