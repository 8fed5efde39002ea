'use client'
import Link from 'next/link'
import { useParams } from 'next/navigation'
import { Button } from '@/components/ui/button'
import { ErrorNotice } from '@/components/ui/feedback'

export default function LeadError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { orgSlug } = useParams<{ orgSlug: string }>()
  return (
    <div className="mx-auto max-w-xl py-8">
      <ErrorNotice
        error={{ message: 'This lead could not be loaded. Try again; if it keeps failing, contact support.', requestId: error.digest }}
        action={
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <Button variant="secondary" size="sm" onClick={reset}>
              Try again
            </Button>
            <Link href={`/${orgSlug}/leads`} className="text-sm font-medium underline">
              Back to leads
            </Link>
          </div>
        }
      />
    </div>
  )
}
