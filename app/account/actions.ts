'use server'
// Account (profile + security) actions: any signed-in user, acting on their own account only.
import { userAction } from '@/lib/actions/define-action'
import {
  changePasswordSchema,
  confirmTwoFactorSchema,
  disableTwoFactorSchema,
  emptySchema,
  regenerateRecoveryCodesSchema,
  revokeSessionSchema,
  updateProfileSchema,
} from '@/lib/auth/schemas'
import { updateProfile } from '@/lib/auth/update-profile'
import { changePassword } from '@/lib/auth/change-password'
import { revokeSession } from '@/lib/auth/revoke-session'
import { signOutEverywhere } from '@/lib/auth/sign-out-everywhere'
import { startTwoFactorSetup } from '@/lib/auth/two-factor/start-two-factor-setup'
import { confirmTwoFactor } from '@/lib/auth/two-factor/confirm-two-factor'
import { disableTwoFactor } from '@/lib/auth/two-factor/disable-two-factor'
import { regenerateRecoveryCodes } from '@/lib/auth/two-factor/regenerate-recovery-codes'
import { clearBrowserSession } from '@/lib/auth/browser-session'

export const updateProfileAction = userAction(updateProfileSchema, async ({ input, session }) =>
  updateProfile({ userId: session.user.id, name: input.name }),
)

export const changePasswordAction = userAction(changePasswordSchema, async ({ input, session }) =>
  changePassword({
    userId: session.user.id,
    sessionId: session.sessionId,
    currentPassword: input.currentPassword,
    newPassword: input.newPassword,
  }),
)

export const revokeSessionAction = userAction(revokeSessionSchema, async ({ input, session }) => {
  await revokeSession({ userId: session.user.id, sessionId: input.sessionId })
  return { signedOutHere: input.sessionId === session.sessionId }
})

export const signOutEverywhereAction = userAction(emptySchema, async ({ session }) => {
  const r = await signOutEverywhere({ userId: session.user.id })
  await clearBrowserSession()
  return { ...r, redirectTo: '/sign-in' }
})

export const startTwoFactorAction = userAction(emptySchema, async ({ session }) => startTwoFactorSetup({ userId: session.user.id }))

export const confirmTwoFactorAction = userAction(confirmTwoFactorSchema, async ({ input, session }) =>
  confirmTwoFactor({ userId: session.user.id, code: input.code }),
)

export const disableTwoFactorAction = userAction(disableTwoFactorSchema, async ({ input, session }) => {
  await disableTwoFactor({ userId: session.user.id, password: input.password, code: input.code })
  return { disabled: true }
})

export const regenerateRecoveryCodesAction = userAction(regenerateRecoveryCodesSchema, async ({ input, session }) =>
  regenerateRecoveryCodes({ userId: session.user.id, code: input.code }),
)
