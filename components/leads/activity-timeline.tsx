// The lead's timeline (server-rendered): one line per activity with who and when.
import { formatDateTime, STATUS_LABELS } from './lead-format'

export interface ActivityView {
  id: string
  type: string
  actorType: string
  actorName: string | null
  data: unknown
  createdAt: string
}

const list = (v: unknown) => (Array.isArray(v) && v.length ? v.join(', ') : 'none')

function describe(a: ActivityView, memberName: (membershipId: unknown) => string): string {
  const d = (a.data ?? {}) as Record<string, unknown>
  switch (a.type) {
    case 'lead.created':
      return `Lead created (${String(d.source ?? 'manual').toLowerCase()})`
    case 'lead.updated':
      return `Details updated: ${list(d.fields)}`
    case 'lead.imported':
      return 'Imported from a CSV file'
    case 'lead.exported':
      return 'Included in a CSV export'
    case 'lead.deleted':
      return 'Moved to the trash'
    case 'lead.restored':
      return 'Restored from the trash'
    case 'status.changed':
      return `Status: ${STATUS_LABELS[String(d.from)] ?? d.from} → ${STATUS_LABELS[String(d.to)] ?? d.to}${d.lostReason ? ` (${String(d.lostReason)})` : ''}`
    case 'assignment.changed':
      return d.to ? `Assigned to ${memberName(d.to)}` : 'Unassigned'
    case 'tags.changed':
      return `Tags: ${list(d.from)} → ${list(d.to)}`
    case 'note.added':
      return `Note: “${String(d.preview ?? '')}”`
    case 'task.added':
      return `Task added: ${String(d.title ?? '')}`
    case 'task.completed':
      return `Task completed: ${String(d.title ?? '')}`
    default:
      return a.type.replace(/[._]/g, ' ')
  }
}

export function ActivityTimeline({ activities, memberNames }: { activities: ActivityView[]; memberNames: Record<string, string> }) {
  if (!activities.length) return <p className="text-sm text-slate-500">Nothing has happened on this lead yet.</p>
  const memberName = (id: unknown) => memberNames[String(id)] ?? 'a former member'
  return (
    <ol className="relative space-y-3 border-l border-slate-200 pl-4" aria-label="Activity">
      {activities.map((a) => (
        <li key={a.id} className="relative">
          <span aria-hidden className="absolute -left-[21px] top-1.5 h-2.5 w-2.5 rounded-full border-2 border-white bg-brand-600" />
          <p className="text-sm text-slate-900">{describe(a, memberName)}</p>
          <p className="text-xs text-slate-500">
            {a.actorType === 'USER' ? (a.actorName ?? 'A member') : a.actorType === 'API_KEY' ? 'API key' : 'System'} ·{' '}
            <time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time>
          </p>
        </li>
      ))}
    </ol>
  )
}
