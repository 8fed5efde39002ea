import { Skeleton, Spinner } from '@/components/ui/feedback'

export default function Loading() {
  return (
    <main id="main" className="mx-auto max-w-5xl space-y-4 p-6">
      <Spinner label="Checking integrations" />
      <Skeleton className="h-64 w-full" />
    </main>
  )
}
