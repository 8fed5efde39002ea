import Link from 'next/link'
import { Alert } from '@/components/ui/feedback'

export default function InviteNotFound() {
  return (
    <main id="main" className="mx-auto max-w-lg p-6 md:p-10">
      <Alert tone="warning" title="This invitation link is not valid">
        It may have been replaced by a newer invitation. Check your latest email, or ask for a new invitation.
      </Alert>
      <p className="mt-4 text-sm">
        <Link href="/sign-in" className="text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </main>
  )
}
