// JSON sign-in / sign-out for API clients and tests. POST → 200 + session cookie; bad credentials → 401;
// lockout → 429 with Retry-After; 2FA on and no code → 401 with details.reason TWO_FACTOR_REQUIRED.
import { handleRoute, json, readJson } from '@/lib/http/handle-route'
import { AppError } from '@/lib/errors'
import { signInSchema } from '@/lib/auth/schemas'
import { signInWithPassword } from '@/lib/auth/sign-in-with-password'
import { consumeLoginTicket } from '@/lib/auth/login-ticket'
import { clearSessionCookieHeaders, isSecureRequest, sessionCookieHeader } from '@/lib/auth/session-cookie'
import { sessionIdFromCookieHeader } from '@/lib/auth/session'
import { signOut } from '@/lib/auth/sign-out'

const MAX_BODY_BYTES = 8 * 1024

export const POST = handleRoute(async (request, { req }) => {
  const input = await readJson(request, signInSchema, MAX_BODY_BYTES)
  const result = await signInWithPassword({ ...input, ip: req.ip, userAgent: req.userAgent })
  if (result.status === 'TWO_FACTOR_REQUIRED') {
    throw new AppError('UNAUTHENTICATED', 'Enter the code from your authenticator app', { details: { reason: 'TWO_FACTOR_REQUIRED' } })
  }
  const ticket = await consumeLoginTicket({ ticket: result.ticket })
  if (!ticket) throw new AppError('INTERNAL', 'login ticket vanished')
  const headers = new Headers({ 'cache-control': 'no-store' })
  headers.append(
    'set-cookie',
    await sessionCookieHeader({
      userId: ticket.userId,
      sessionId: ticket.sessionId,
      secure: isSecureRequest(request),
      rememberMe: input.rememberMe,
    }),
  )
  return json(
    { data: { userId: result.userId, sessionId: result.sessionId, emailVerified: result.emailVerified } },
    { status: 200, headers },
  )
})

export const DELETE = handleRoute(async (request) => {
  const sessionId = await sessionIdFromCookieHeader(request.headers.get('cookie'))
  if (sessionId) await signOut({ sessionId })
  const headers = new Headers({ 'cache-control': 'no-store' })
  for (const c of clearSessionCookieHeaders()) headers.append('set-cookie', c)
  return json({ data: { signedOut: true } }, { status: 200, headers })
})
