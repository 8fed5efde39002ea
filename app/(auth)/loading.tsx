import { Skeleton, Spinner } from '@/components/ui/feedback'

export default function AuthLoading() {
  return (
    <div className="space-y-4">
      <Spinner />
      <Skeleton className="h-7 w-2/3" />
      <Skeleton className="h-10 w-full" />
      <Skeleton className="h-10 w-full" />
    </div>
  )
}
