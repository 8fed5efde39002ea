import { Skeleton, Spinner } from '@/components/ui/feedback'

export default function Loading() {
  return (
    <main id="main" className="mx-auto max-w-6xl space-y-4 p-6">
      <Spinner label="Loading revenue" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Skeleton className="h-24" />
        <Skeleton className="h-24" />
        <Skeleton className="h-24" />
        <Skeleton className="h-24" />
      </div>
      <Skeleton className="h-64 w-full" />
    </main>
  )
}
