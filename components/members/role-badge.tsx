import { Badge } from '@/components/ui/feedback'
import { cn } from '@/components/ui/cn'
import { ROLE_LABELS } from '@/lib/members/schemas'

const TONE: Record<keyof typeof ROLE_LABELS, string> = {
  OWNER: 'bg-purple-100 text-purple-800',
  ADMIN: 'bg-brand-100 text-brand-700',
  MANAGER: 'bg-emerald-100 text-emerald-800',
  REP: 'bg-amber-100 text-amber-900',
  VIEWER: 'bg-slate-100 text-slate-700',
}

export function RoleBadge({ role }: { role: keyof typeof ROLE_LABELS }) {
  return <Badge className={cn(TONE[role])}>{ROLE_LABELS[role]}</Badge>
}
