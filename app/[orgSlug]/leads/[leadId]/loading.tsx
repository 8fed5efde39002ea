import { Skeleton } from '@/components/ui/feedback'

export default function LeadLoading() {
  return (
    <div role="status" aria-label="Loading lead" className="space-y-6">
      <Skeleton className="h-8 w-80" />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Skeleton className="h-56" />
          <Skeleton className="h-40" />
        </div>
        <div className="space-y-6">
          <Skeleton className="h-64" />
          <Skeleton className="h-32" />
        </div>
      </div>
    </div>
  )
}
