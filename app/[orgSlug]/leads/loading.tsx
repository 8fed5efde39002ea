import { Skeleton } from '@/components/ui/feedback'

export default function LeadsLoading() {
  return (
    <div role="status" aria-label="Loading leads" className="space-y-4">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-14 w-full" />
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
        {Array.from({ length: 10 }, (_, i) => (
          <Skeleton key={i} className="h-8 w-full" />
        ))}
      </div>
    </div>
  )
}
