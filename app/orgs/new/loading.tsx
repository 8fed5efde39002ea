import { Skeleton } from '@/components/ui/feedback'

export default function Loading() {
  return (
    <main id="main" role="status" aria-label="Loading" className="mx-auto max-w-2xl space-y-3 p-6 md:p-10">
      <Skeleton className="h-8 w-56" />
      <Skeleton className="h-16" />
      <Skeleton className="h-16" />
    </main>
  )
}
