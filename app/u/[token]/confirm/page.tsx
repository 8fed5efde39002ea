// The unsubscribe page every marketing e-mail links to (via /u/<token>): public, no sign-in. Asks once, then
// confirms; a forged or broken link shows not-found.tsx (404), never an error.
import { notFound } from 'next/navigation'
import { AppError } from '@/lib/errors'
import { getUnsubscribeTarget } from '@/lib/outreach-email/get-unsubscribe-target'
import { Card } from '@/components/ui/card'
import { Alert } from '@/components/ui/feedback'
import { UnsubscribeForm } from './unsubscribe-form'
import { unsubscribeAction } from '../actions'

export const dynamic = 'force-dynamic'
export const metadata = { title: 'Unsubscribe', robots: { index: false, follow: false } }

async function load(token: string) {
  try {
    return await getUnsubscribeTarget({ token })
  } catch (e) {
    if (e instanceof AppError && e.code === 'BAD_REQUEST') notFound()
    throw e
  }
}

export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const t = await load(token)
  const company = t.companyName ?? 'this sender'
  return (
    <main id="main" className="mx-auto max-w-lg p-4 sm:p-6 md:p-10">
      <Card>
        <h1 className="text-xl font-semibold">{t.alreadyUnsubscribed ? 'You are unsubscribed' : 'Unsubscribe'}</h1>
        <div className="mt-4 space-y-4">
          {t.alreadyUnsubscribed ? (
            <Alert tone="success">
              <strong className="break-all">{t.email}</strong> will not get marketing e-mail from {company} again. You can close this page.
            </Alert>
          ) : (
            <>
              <p className="text-base text-slate-700">
                Unsubscribe <strong className="break-all">{t.email}</strong> from {company}?
              </p>
              <p className="text-sm text-slate-600">You will stop getting marketing e-mail from {company} at this address.</p>
              <UnsubscribeForm token={token} email={t.email} companyName={company} unsubscribe={unsubscribeAction} />
            </>
          )}
        </div>
      </Card>
    </main>
  )
}
