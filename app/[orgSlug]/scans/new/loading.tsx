import { Skeleton } from '@/components/ui/feedback'

export default function NewScanLoading() {
  return (
    <div role="status" aria-label="Loading the new-scan form" className="space-y-4">
      <Skeleton className="h-8 w-40" />
      <div className="grid gap-6 lg:grid-cols-5">
        <Skeleton className="h-[32rem] lg:col-span-3" />
        <Skeleton className="h-48 lg:col-span-2" />
      </div>
    </div>
  )
}
