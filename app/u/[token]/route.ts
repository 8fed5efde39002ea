// One-click unsubscribe (RFC 8058): the List-Unsubscribe URL of every marketing e-mail. A mail provider POSTs
// `List-Unsubscribe=One-Click` (form-urlencoded, no cookies): we unsubscribe at once and answer 200. The signed
// token is the only credential. A GET (a person following the link, or a scanner prefetching it) never
// unsubscribes: it goes to the confirmation page. The page's no-JavaScript form posts here with `return=page`
// and is sent back to the page, which then shows the confirmation.
import { handleRoute } from '@/lib/http/handle-route'
import { unsubscribeEmail } from '@/lib/outreach-email/unsubscribe-email'
import { MAX_TOKEN_LENGTH } from '@/lib/outreach-email/unsubscribe-token'

export const dynamic = 'force-dynamic'

const tokenOf = (params: Record<string, string | string[]>) => (typeof params.token === 'string' ? params.token : '')
const pagePath = (token: string) => `/u/${encodeURIComponent(token)}/confirm`
const NO_STORE = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex' }

export const GET = handleRoute(async (_request, { params }) => {
  return new Response(null, { status: 303, headers: { ...NO_STORE, location: pagePath(tokenOf(params)) } })
})

export const POST = handleRoute(async (request, { req, params }) => {
  const token = tokenOf(params)
  // the body is tiny (`List-Unsubscribe=One-Click`); any POST to a genuine link is honoured, so read little of it
  const body = Number(request.headers.get('content-length') ?? '0') <= 4096 ? await request.text().catch(() => '') : ''
  const fromPage = new URLSearchParams(body.slice(0, 4096)).get('return') === 'page'
  await unsubscribeEmail({ token: token.slice(0, MAX_TOKEN_LENGTH + 1), ip: req.ip })
  if (fromPage) return new Response(null, { status: 303, headers: { ...NO_STORE, location: pagePath(token) } })
  return new Response('Unsubscribed.\n', { status: 200, headers: { ...NO_STORE, 'content-type': 'text/plain; charset=utf-8' } })
})
