// The session cookie for the JSON API (POST/DELETE /api/session), in exactly the format next-auth mints for
// the browser forms (a JWE holding our registry id `sid`), so sessionIdFromCookieHeader reads both.
import 'server-only'
import { encode } from 'next-auth/jwt'
import { env } from '@/lib/env'
import { SESSION_COOKIES } from '@/lib/auth/session'
import { SESSION_MAX_AGE_S } from '@/lib/auth/next-auth-config'

export function isSecureRequest(request: Request): boolean {
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
  return (proto ?? new URL(request.url).protocol.replace(':', '')) === 'https'
}

const cookieName = (secure: boolean) => (secure ? SESSION_COOKIES[0] : SESSION_COOKIES[1])

export async function sessionCookieHeader({
  userId,
  sessionId,
  secure,
  rememberMe,
}: {
  userId: string
  sessionId: string
  secure: boolean
  rememberMe: boolean
}): Promise<string> {
  const name = cookieName(secure)
  const value = await encode({ token: { sub: userId, sid: sessionId }, secret: env().AUTH_SECRET, salt: name, maxAge: SESSION_MAX_AGE_S })
  // without remember-me a browser-session cookie; the registry enforces idle/absolute limits either way
  const maxAge = rememberMe ? `; Max-Age=${SESSION_MAX_AGE_S}` : ''
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}${maxAge}`
}

export function clearSessionCookieHeaders(): string[] {
  return SESSION_COOKIES.map(
    (name) => `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${name.startsWith('__Secure-') ? '; Secure' : ''}`,
  )
}
