// The link from the verification email. Confirms on open (the token is single-use and 24 h).
import Link from 'next/link'
import { Alert } from '@/components/ui/feedback'
import { AppError } from '@/lib/errors'
import { verifyEmail } from '@/lib/auth/verify-email'
import { tokenField } from '@/lib/auth/schemas'
import { getPageSession } from '@/lib/auth/page-session'

export const metadata = { title: 'Confirm your email' }
export const dynamic = 'force-dynamic'

export default async function VerifyTokenPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const parsed = tokenField.safeParse(decodeURIComponent(token))
  let problem: string | null = parsed.success ? null : 'This link is invalid. Request a new one.'
  if (parsed.success) {
    try {
      await verifyEmail({ token: parsed.data })
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'BAD_REQUEST') throw e
      problem = e.message
    }
  }
  const session = await getPageSession()
  if (problem) {
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">We could not confirm your email</h1>
        <Alert tone="error" className="mt-4">
          {problem}
        </Alert>
        <Link href="/verify-email" className="mt-6 inline-block font-medium text-brand-600 hover:underline">
          Get a new link
        </Link>
      </>
    )
  }
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Email confirmed</h1>
      <Alert tone="success" className="mt-4">
        Thanks, your email address is confirmed.
      </Alert>
      <Link href={session ? '/orgs' : '/sign-in?verified=1'} className="mt-6 inline-block font-medium text-brand-600 hover:underline">
        {session ? 'Continue to Fish Mouth' : 'Sign in'}
      </Link>
    </>
  )
}
