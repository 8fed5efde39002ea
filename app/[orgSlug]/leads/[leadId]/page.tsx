// Lead detail. getLead applies the row scope: another org's lead, a deleted one, or (for a REP) one not
// assigned to them is NOT_FOUND → the 404 page (no existence leak).
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requirePageMember } from '@/lib/auth/page-session'
import { AppError } from '@/lib/errors'
import { getLead } from '@/lib/leads/get-lead'
import { listMembers } from '@/lib/members/list-members'
import { Card } from '@/components/ui/card'
import { Badge } from '@/components/ui/feedback'
import { ScoreBadge, formatMoney, formatNumber, ROOF_LABELS, SOURCE_LABELS, StatusBadge, formatDate } from '@/components/leads/lead-format'
import { LeadAssigneeControl, LeadStatusControl } from '@/components/leads/lead-controls'
import { TagsEditor } from '@/components/leads/tags-editor'
import { NotesPanel } from '@/components/leads/notes-panel'
import { TasksPanel } from '@/components/leads/tasks-panel'
import { ActivityTimeline } from '@/components/leads/activity-timeline'
import { ScoreBreakdown } from '@/components/leads/score-breakdown'
import { ContactsList } from '@/components/leads/contacts-list'
import { RoofPanel } from '@/components/leads/roof-panel'
import { can } from '@/lib/auth/permissions'
import { leadPermissions, memberOptions } from '../lead-page-data'
import { addNoteAction, addTaskAction, changeLeadStatusAction, completeTaskAction, updateLeadAction } from '../actions'

export const metadata = { title: 'Lead' }

export default async function LeadDetailPage({ params }: { params: Promise<{ orgSlug: string; leadId: string }> }) {
  const { orgSlug, leadId } = await params
  const { member } = await requirePageMember(orgSlug)
  const perms = leadPermissions(member)
  let lead
  try {
    lead = await getLead({ actor: perms.actor, leadId, activityLimit: 100 })
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  }
  const [people, assignees] = await Promise.all([
    listMembers({ actor: perms.actor }),
    perms.canAssign ? memberOptions(perms.actor) : Promise.resolve([]),
  ])
  const userNames = Object.fromEntries(people.map((p) => [p.userId, p.name]))
  const memberNames = Object.fromEntries(people.map((p) => [p.membershipId, p.name]))
  const editable = perms.canWrite
  const address = [lead.addressLine1, lead.addressLine2].filter(Boolean).join(' ')

  const facts: Array<[string, React.ReactNode]> = [
    ['Owner', lead.ownerName ?? '—'],
    ['Year built', lead.yearBuilt ?? '—'],
    ['Property value', formatMoney(lead.propertyValueCents)],
    ['Roof material', lead.roofMaterial ? ROOF_LABELS[lead.roofMaterial] : '—'],
    ['Roof age', formatNumber(lead.roofAgeYears, ' years')],
    ['Roof area', formatNumber(lead.roofAreaSqFt, ' sq ft')],
    ['County', lead.county ?? '—'],
    ['Coordinates', lead.lat != null && lead.lng != null ? `${lead.lat.toFixed(5)}, ${lead.lng.toFixed(5)}` : '—'],
    ['Source', SOURCE_LABELS[lead.source] ?? lead.source],
    ['Created', formatDate(lead.createdAt)],
  ]

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${orgSlug}/leads`} className="text-brand-700 hover:underline">
          ← Leads
        </Link>
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{address}</h1>
          <p className="text-slate-600">
            {lead.city}, {lead.state} {lead.zip}
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <ScoreBadge score={lead.score} band={lead.band} showBand />
            <StatusBadge status={lead.status} />
            {lead.status === 'LOST' && lead.lostReason && <span className="text-sm text-slate-600">Lost: {lead.lostReason}</span>}
            {!perms.canAssign && <Badge>{lead.assignee ? `Assigned to ${lead.assignee.user.name}` : 'Unassigned'}</Badge>}
          </div>
        </div>
        <div className="flex flex-wrap items-end gap-4">
          <LeadStatusControl
            orgSlug={orgSlug}
            leadId={lead.id}
            status={lead.status}
            lostReason={lead.lostReason}
            disabled={!editable}
            change={changeLeadStatusAction}
          />
          {perms.canAssign && (
            <LeadAssigneeControl
              orgSlug={orgSlug}
              leadId={lead.id}
              assigneeId={lead.assigneeId}
              members={assignees}
              update={updateLeadAction}
            />
          )}
        </div>
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Panel id="roof" title="Aerial image & roof findings">
            <RoofPanel
              orgSlug={orgSlug}
              address={`${address}, ${lead.city}, ${lead.state} ${lead.zip}`}
              image={lead.roofImage}
              assessment={lead.roofAssessment}
              canRunScans={can(member.role, 'scan.run')}
            />
          </Panel>
          <Panel id="score" title="Score & reasons">
            <ScoreBreakdown score={lead.score} band={lead.band} version={lead.scoreVersion} breakdown={lead.scoreBreakdown} />
          </Panel>
          <Panel id="notes" title="Notes">
            <NotesPanel
              orgSlug={orgSlug}
              leadId={lead.id}
              editable={editable}
              addNote={addNoteAction}
              notes={lead.notes.map((n) => ({
                id: n.id,
                body: n.body,
                createdAt: n.createdAt.toISOString(),
                authorName: n.author?.name ?? null,
              }))}
            />
          </Panel>
          <Panel id="activity" title="Activity">
            <ActivityTimeline
              memberNames={memberNames}
              activities={lead.activities.map((a) => ({
                id: a.id,
                type: a.type,
                actorType: a.actorType,
                actorName: a.actorId ? (userNames[a.actorId] ?? null) : null,
                data: a.data,
                createdAt: a.createdAt.toISOString(),
              }))}
            />
          </Panel>
        </div>
        <div className="space-y-6">
          <Panel id="facts" title="Property">
            <dl className="grid grid-cols-2 gap-x-3 gap-y-2 text-sm">
              {facts.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-slate-500">{k}</dt>
                  <dd className="text-slate-900">{v}</dd>
                </div>
              ))}
            </dl>
          </Panel>
          <Panel id="contacts" title="Contacts">
            <ContactsList contacts={lead.contacts} />
          </Panel>
          <Panel id="tags" title="Tags">
            <TagsEditor orgSlug={orgSlug} leadId={lead.id} tags={lead.tags} editable={editable} update={updateLeadAction} />
          </Panel>
          <Panel id="tasks" title="Tasks">
            <TasksPanel
              orgSlug={orgSlug}
              leadId={lead.id}
              editable={editable}
              addTask={addTaskAction}
              completeTask={completeTaskAction}
              tasks={lead.tasks.map((t) => ({
                id: t.id,
                title: t.title,
                dueAt: t.dueAt?.toISOString() ?? null,
                doneAt: t.doneAt?.toISOString() ?? null,
              }))}
            />
          </Panel>
        </div>
      </div>
    </div>
  )
}

/** One titled card of the lead page, a landmark named by its heading. */
function Panel({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-h`}>
      <Card>
        <h2 id={`${id}-h`} className="mb-3 font-semibold">
          {title}
        </h2>
        {children}
      </Card>
    </section>
  )
}
