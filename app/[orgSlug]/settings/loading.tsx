import { Skeleton } from '@/components/ui/feedback'

export default function Loading() {
  return (
    <div role="status" aria-label="Loading" className="space-y-4">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-32" />
      <Skeleton className="h-48" />
    </div>
  )
}
