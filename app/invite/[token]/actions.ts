'use server'
import { publicAction, userAction } from '@/lib/actions/define-action'
import { acceptInvitationSchema, signUpFromInvitationSchema } from '@/lib/members/schemas'
import { acceptInvitation } from '@/lib/members/accept-invitation'
import { signUpFromInvitation } from '@/lib/members/sign-up-from-invitation'
import { startSession } from '@/lib/auth/start-session'

export const acceptInvitationAction = userAction(acceptInvitationSchema, async ({ input, session }) => {
  const accepted = await acceptInvitation({ userId: session.user.id, token: input.token })
  return { orgSlug: accepted.orgSlug }
})

/** No account yet: create it from the invitation (email proven by the link), accept, and sign in. */
export const signUpFromInvitationAction = publicAction(signUpFromInvitationSchema, async ({ input, req }) => {
  const accepted = await signUpFromInvitation({ token: input.token, name: input.name, password: input.password })
  const { ticket } = await startSession({ userId: accepted.userId, rememberMe: false, ip: req.ip, userAgent: req.userAgent })
  // loaded lazily: next-auth needs a Next request scope (cookies), which only exists inside a real request
  const { setBrowserSession } = await import('@/lib/auth/browser-session')
  await setBrowserSession({ ticket })
  return { orgSlug: accepted.orgSlug }
})
