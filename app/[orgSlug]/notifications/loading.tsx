import { Skeleton } from '@/components/ui/feedback'

export default function NotificationsLoading() {
  return (
    <div role="status" aria-label="Loading notifications" className="space-y-4">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-9 w-56" />
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-14 w-full" />
        ))}
      </div>
    </div>
  )
}
