'use server'
// Thin wiring: parse (define-action) → one use case → result. Cookies are minted by next-auth from a ticket.
import { publicAction, userAction } from '@/lib/actions/define-action'
import { emptySchema, forgotPasswordSchema, resetPasswordSchema, signInSchema, signUpSchema } from '@/lib/auth/schemas'
import { signUp } from '@/lib/auth/sign-up'
import { signInWithPassword } from '@/lib/auth/sign-in-with-password'
import { startSession } from '@/lib/auth/start-session'
import { signOut } from '@/lib/auth/sign-out'
import { resendVerification } from '@/lib/auth/resend-verification'
import { requestPasswordReset } from '@/lib/auth/request-password-reset'
import { resetPassword } from '@/lib/auth/reset-password'
import { listMyOrgs } from '@/lib/auth/org-context'
import { postSignInTarget } from '@/lib/auth/redirect-target'
import { clearBrowserSession, setBrowserSession } from '@/lib/auth/browser-session'

export const signUpAction = publicAction(signUpSchema, async ({ input, req }) => {
  const { userId } = await signUp(input)
  const { ticket } = await startSession({ userId, rememberMe: false, ip: req.ip, userAgent: req.userAgent })
  await setBrowserSession({ ticket })
  return { redirectTo: '/verify-email' }
})

export const signInAction = publicAction(signInSchema, async ({ input, req }) => {
  const result = await signInWithPassword({ ...input, ip: req.ip, userAgent: req.userAgent })
  if (result.status === 'TWO_FACTOR_REQUIRED') return { status: 'TWO_FACTOR_REQUIRED' as const, redirectTo: null }
  await setBrowserSession({ ticket: result.ticket })
  const [first] = await listMyOrgs({ userId: result.userId })
  const redirectTo = postSignInTarget({ next: input.next, firstOrgSlug: first?.org.slug, emailVerified: result.emailVerified })
  return { status: 'SIGNED_IN' as const, redirectTo }
})

export const signOutAction = publicAction(emptySchema, async ({ session }) => {
  if (session) await signOut({ sessionId: session.sessionId })
  await clearBrowserSession()
  return { redirectTo: '/sign-in' }
})

export const resendVerificationAction = userAction(emptySchema, async ({ session }) => resendVerification({ userId: session.user.id }))

export const requestPasswordResetAction = publicAction(forgotPasswordSchema, async ({ input }) =>
  requestPasswordReset({ email: input.email }),
)

export const resetPasswordAction = publicAction(resetPasswordSchema, async ({ input }) => {
  await resetPassword({ token: input.token, password: input.password })
  return { redirectTo: '/sign-in?reset=1' }
})
