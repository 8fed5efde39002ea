import { Skeleton } from '@/components/ui/feedback'

export default function ScanLoading() {
  return (
    <div role="status" aria-label="Loading the scan" className="space-y-4">
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-6 w-full" />
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-20" />
        ))}
      </div>
      <Skeleton className="h-64 w-full" />
    </div>
  )
}
