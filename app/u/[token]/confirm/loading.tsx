import { Skeleton } from '@/components/ui/feedback'

export default function Loading() {
  return (
    <main id="main" role="status" aria-label="Loading" className="mx-auto max-w-lg space-y-3 p-4 sm:p-6 md:p-10">
      <Skeleton className="h-8 w-56" />
      <Skeleton className="h-32" />
    </main>
  )
}
