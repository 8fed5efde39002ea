// Runs before every request: assigns X-Request-Id (accepting a sane incoming one) on the request and the
// response. Not a security boundary: authorization happens next to the data (lib/actions, lib/http).
import { NextResponse, type NextRequest } from 'next/server'

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{8,128}$/

export function proxy(request: NextRequest) {
  const incoming = request.headers.get('x-request-id')
  const requestId = incoming && REQUEST_ID_RE.test(incoming) ? incoming : crypto.randomUUID()
  const headers = new Headers(request.headers)
  headers.set('x-request-id', requestId)
  // the page being rendered, so a signed-out visit can come back to it after sign-in (lib/auth/page-session.ts)
  const url = request.nextUrl.clone()
  url.searchParams.delete('_rsc') // client navigations' cache-busting parameter
  headers.set('x-fm-path', url.pathname + url.search)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('x-request-id', requestId)
  return response
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
}
