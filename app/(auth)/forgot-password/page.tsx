import { ForgotPasswordForm } from '@/components/auth/forgot-password-form'
import { requestPasswordResetAction } from '../actions'

export const metadata = { title: 'Reset your password' }

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Reset your password</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">
        Enter the email you sign in with and we will send you a link to choose a new password.
      </p>
      <ForgotPasswordForm action={requestPasswordResetAction} />
    </>
  )
}
