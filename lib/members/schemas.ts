// zod schemas shared by the member forms (client) and the member actions (server). Pure: no DB imports.
import { z } from 'zod'
import { passwordField } from '@/lib/auth/password-policy'

export const ROLE_VALUES = ['OWNER', 'ADMIN', 'MANAGER', 'REP', 'VIEWER'] as const
export const roleField = z.enum(ROLE_VALUES, { message: 'Choose a role' })
export const idField = z.uuid({ message: 'Unknown id' })

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Use at most 254 characters')
  .pipe(z.email({ message: 'Enter a valid email address' }))

export const inviteMemberSchema = z.object({ email: emailField, role: roleField })
export type InviteMemberInput = z.infer<typeof inviteMemberSchema>

export const invitationIdSchema = z.object({ invitationId: idField })
export const membershipIdSchema = z.object({ membershipId: idField })
export const changeRoleSchema = z.object({ membershipId: idField, role: roleField })

/** Invitation tokens are 32 random bytes, base64url (43 chars). */
export const invitationTokenField = z.string().regex(/^[A-Za-z0-9_-]{20,128}$/, 'This invitation link is not valid')

export const acceptInvitationSchema = z.object({ token: invitationTokenField })

export const signUpFromInvitationSchema = z.object({
  token: invitationTokenField,
  name: z.string().trim().min(1, 'Enter your name').max(100, 'Use at most 100 characters'),
  password: passwordField,
})
export type SignUpFromInvitationInput = z.infer<typeof signUpFromInvitationSchema>

export const ROLE_LABELS: Record<(typeof ROLE_VALUES)[number], string> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  MANAGER: 'Manager',
  REP: 'Sales rep',
  VIEWER: 'Viewer',
}
