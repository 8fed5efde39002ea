import { Skeleton } from '@/components/ui/feedback'

export default function Loading() {
  return (
    <div role="status" aria-label="Loading billing" className="space-y-4">
      <Skeleton className="h-8 w-40" />
      <div className="grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-56" />
        <Skeleton className="h-56" />
      </div>
      <Skeleton className="h-40" />
      <Skeleton className="h-48" />
    </div>
  )
}
