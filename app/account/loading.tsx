import { Skeleton, Spinner } from '@/components/ui/feedback'

export default function AccountLoading() {
  return (
    <div className="space-y-4">
      <Spinner />
      <Skeleton className="h-8 w-1/3" />
      <Skeleton className="h-40 w-full" />
    </div>
  )
}
