import { Skeleton } from '@/components/ui/feedback'

export default function ScansLoading() {
  return (
    <div role="status" aria-label="Loading scans" className="space-y-4">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-10 w-56" />
      <div className="space-y-2">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-24 w-full" />
        ))}
      </div>
    </div>
  )
}
