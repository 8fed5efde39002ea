// next-auth v5 only mints and clears the session cookie (a JWT holding our session-registry id `sid`).
// All rules (lockout, 2FA, session limits, expiry, revocation) live in lib/auth/*; the credentials provider
// accepts nothing but a single-use 60 s login ticket created by signInWithPassword().
import 'server-only'
import NextAuth from 'next-auth'
import Credentials from 'next-auth/providers/credentials'
import { env } from '@/lib/env'
import { consumeLoginTicket } from '@/lib/auth/login-ticket'

import { SESSION_MAX_AGE_S } from '@/lib/auth/next-auth-config'

export { SESSION_MAX_AGE_S }

export const { handlers, signIn, signOut } = NextAuth({
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  trustHost: true,
  secret: env().AUTH_SECRET,
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    Credentials({
      credentials: { ticket: {} },
      async authorize(credentials) {
        const ticket = typeof credentials?.ticket === 'string' ? credentials.ticket : ''
        const found = ticket ? await consumeLoginTicket({ ticket }) : null
        return found ? { id: found.userId, sid: found.sessionId } : null
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user && 'sid' in user) token.sid = (user as { sid: string }).sid
      return token
    },
  },
})
