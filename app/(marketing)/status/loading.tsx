import { Skeleton, Spinner } from '@/components/ui/feedback'

export default function StatusLoading() {
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-12 sm:px-6">
      <Spinner label="Checking status" />
      <Skeleton className="h-20 w-full" />
    </div>
  )
}
