// fetch-based REST helper for providers without an installed SDK. Non-2xx → ProviderHttpError (status, headers,
// parsed body) so classify-error.ts sees the same shape as an SDK error. The abort signal comes from callService.
import 'server-only'

export class ProviderHttpError extends Error {
  constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly body: unknown,
    message?: string,
  ) {
    super(message ?? `HTTP ${status}`)
    this.name = 'ProviderHttpError'
  }
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'DELETE'
  url: string
  headers?: Record<string, string>
  json?: unknown
  form?: URLSearchParams
  signal: AbortSignal
}

async function send(req: HttpRequest): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers }
  let body: string | undefined
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(req.json)
  }
  if (req.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    body = req.form.toString()
  }
  const res = await fetch(req.url, { method: req.method ?? (body ? 'POST' : 'GET'), headers, body, signal: req.signal })
  if (!res.ok) {
    const text = await res.text().catch(() => '')
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      /* keep text: error bodies are not always JSON */
    }
    throw new ProviderHttpError(res.status, res.headers, parsed)
  }
  return res
}

/** JSON in, JSON out. A 2xx with a body that is not JSON throws SyntaxError (classified malformed_response). */
export async function requestJson<T = unknown>(req: HttpRequest): Promise<{ body: T; headers: Headers; status: number }> {
  const res = await send(req)
  const text = await res.text()
  return { body: (text ? JSON.parse(text) : null) as T, headers: res.headers, status: res.status }
}

export async function requestBytes(req: HttpRequest): Promise<{ bytes: Buffer; contentType: string }> {
  const res = await send(req)
  return { bytes: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? 'application/octet-stream' }
}

export const joinUrl = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`
