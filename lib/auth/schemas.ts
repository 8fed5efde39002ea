// zod schemas shared by the auth forms (client), the server actions and the JSON routes: one schema per input.
// Client-safe: no server imports here.
import { z } from 'zod'
import { passwordField, passwordProblem } from '@/lib/auth/password-policy'
import { slugProblem } from '@/lib/orgs/slug'

export const emailField = z
  .string()
  .trim()
  .min(3, 'Enter your email')
  .max(254, 'Use at most 254 characters')
  .pipe(z.email('Enter a valid email address'))
  .transform((e) => e.toLowerCase())

export const nameField = z.string().trim().min(1, 'Enter your name').max(100, 'Use at most 100 characters')

/** A 6-digit authenticator code or a recovery code (xxxxx-xxxxx). */
export const twoFactorCodeField = z.string().trim().min(6, 'Enter the 6-digit code').max(32, 'That code is too long')
export const totpCodeField = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code from your app')

export const slugField = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((s, ctx) => {
    const problem = slugProblem(s)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

export const signUpSchema = z
  .object({
    name: nameField,
    email: emailField,
    password: passwordField,
    companyName: z.string().trim().min(2, 'Enter your company name').max(100, 'Use at most 100 characters'),
    slug: slugField,
  })
  .superRefine((v, ctx) => {
    // runs once the fields are valid: adds the rule that needs two fields
    const p = passwordProblem(v.password, v.email)
    if (p) ctx.addIssue({ code: 'custom', path: ['password'], message: p })
  })
export type SignUpInput = z.input<typeof signUpSchema>
/** a parsed signUpSchema: what signUp takes */
export type SignUp = z.output<typeof signUpSchema>

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1, 'Enter your password').max(128, 'Use at most 128 characters'),
  totp: twoFactorCodeField.optional().or(z.literal('').transform(() => undefined)),
  rememberMe: z.boolean().default(false),
  next: z.string().max(2000).optional(),
})
export type SignInInput = z.input<typeof signInSchema>

export const tokenField = z.string().trim().min(16, 'This link is invalid').max(200, 'This link is invalid')
export const verifyEmailSchema = z.object({ token: tokenField })
export const forgotPasswordSchema = z.object({ email: emailField })
export const resetPasswordSchema = z
  .object({ token: tokenField, password: passwordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The passwords do not match' })
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>

export const updateProfileSchema = z.object({ name: nameField })
export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, 'Enter your current password').max(128), newPassword: passwordField, confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: 'The passwords do not match' })
export type ChangePasswordInput = z.input<typeof changePasswordSchema>

export const revokeSessionSchema = z.object({ sessionId: z.uuid('Unknown session') })
export const confirmTwoFactorSchema = z.object({ code: totpCodeField })
export const disableTwoFactorSchema = z.object({ password: z.string().min(1, 'Enter your password').max(128), code: twoFactorCodeField })
export const regenerateRecoveryCodesSchema = z.object({ code: totpCodeField })
export const emptySchema = z.object({}).strict()
