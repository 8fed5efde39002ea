import { notFound } from 'next/navigation'
import { requirePageMember } from '@/lib/auth/page-session'
import { can } from '@/lib/auth/permissions'
import { memberActor } from '@/lib/auth/actor'
import { getOrgSettings } from '@/lib/orgs/get-org-settings'
import { timeZoneOptions } from '@/lib/orgs/time-zones'
import { Card, PageHeader } from '@/components/ui/card'
import { OrgSettingsForm } from './org-settings-form'
import { updateOrgSettingsAction } from './actions'

export const metadata = { title: 'Organization settings' }

export default async function OrganizationSettingsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params
  const { member } = await requirePageMember(orgSlug)
  // REP and VIEWER do not hold org.settings.read: same answer as a page that does not exist
  if (!can(member.role, 'org.settings.read')) notFound()
  const org = await getOrgSettings({ actor: memberActor(member) })
  const editable = can(member.role, 'org.settings.update')
  return (
    <>
      <PageHeader
        title="Organization"
        description={editable ? 'Name, URL and time zone of your organization.' : 'Only owners and admins can change these settings.'}
      />
      <Card className="max-w-2xl">
        {editable ? (
          <OrgSettingsForm
            orgSlug={org.slug}
            initial={{ name: org.name, slug: org.slug, timeZone: org.timeZone }}
            timeZones={timeZoneOptions()}
            update={updateOrgSettingsAction}
          />
        ) : (
          <dl className="grid grid-cols-[10rem_1fr] gap-y-3 text-sm">
            <dt className="font-medium text-slate-600">Name</dt>
            <dd>{org.name}</dd>
            <dt className="font-medium text-slate-600">URL</dt>
            <dd>
              <code>/{org.slug}</code>
            </dd>
            <dt className="font-medium text-slate-600">Time zone</dt>
            <dd>{org.timeZone}</dd>
            <dt className="font-medium text-slate-600">Created</dt>
            <dd>{org.createdAt.toISOString().slice(0, 10)}</dd>
          </dl>
        )}
      </Card>
    </>
  )
}
