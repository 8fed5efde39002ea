import { Skeleton, Spinner } from '@/components/ui/feedback'

export default function Loading() {
  return (
    <main id="main" className="mx-auto max-w-6xl space-y-4 p-6">
      <Spinner label="Loading webhook events" />
      <Skeleton className="h-64 w-full" />
    </main>
  )
}
