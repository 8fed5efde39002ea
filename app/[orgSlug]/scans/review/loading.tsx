import { Skeleton } from '@/components/ui/feedback'

export default function ReviewQueueLoading() {
  return (
    <div role="status" aria-label="Loading the review queue" className="space-y-4">
      <Skeleton className="h-8 w-56" />
      <Skeleton className="h-5 w-96 max-w-full" />
      {Array.from({ length: 3 }, (_, i) => (
        <div key={i} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[12rem_1fr]">
          <Skeleton className="aspect-square w-full" />
          <div className="space-y-2">
            <Skeleton className="h-5 w-2/3" />
            <Skeleton className="h-4 w-1/2" />
            <Skeleton className="h-20 w-full" />
          </div>
        </div>
      ))}
    </div>
  )
}
