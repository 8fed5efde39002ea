import { Alert } from '@/components/ui/feedback'

export default function UnsubscribeLinkNotFound() {
  return (
    <main id="main" className="mx-auto max-w-lg p-4 sm:p-6 md:p-10">
      <Alert tone="warning" title="This unsubscribe link is not valid">
        The link may have been cut off or changed. Open the unsubscribe link in the latest e-mail you received, or reply to that e-mail and
        ask to be removed.
      </Alert>
    </main>
  )
}
