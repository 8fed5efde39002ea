// Map view of the same filtered set as the list (highest scores first, capped so the browser stays fast).
import { requirePageMember } from '@/lib/auth/page-session'
import { listMapPoints } from '@/lib/leads/list-map-points'
import { leadFilterSchema } from '@/lib/leads/schemas'
import { PageHeader } from '@/components/ui/card'
import { Alert, EmptyState } from '@/components/ui/feedback'
import { LeadFilters } from '@/components/leads/lead-filters'
import { LeadsActions, LeadsViewToggle } from '@/components/leads/leads-nav'
import { LeadMapView } from '@/components/map/lead-map-view'
import { parseLeadQuery, toListInput, toQueryString, type SearchParams } from '@/components/leads/lead-query'
import { leadPermissions, memberOptions } from '../lead-page-data'
import { scanFilterLabel } from '../../scans/scan-label'

export const metadata = { title: 'Lead map' }

export default async function LeadMapPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>
  searchParams: Promise<SearchParams>
}) {
  const { orgSlug } = await params
  const { member } = await requirePageMember(orgSlug)
  const perms = leadPermissions(member)
  const query = { ...parseLeadQuery(await searchParams), sort: 'score' as const, dir: 'desc' as const, cursor: undefined, trail: [] }
  if (perms.isRep) query.assignee = undefined
  const qs = toQueryString(query)

  // one capped query over the same filters and scope as the table, best scores first
  const { points, capped, withoutCoords } = await listMapPoints({ actor: perms.actor, filter: leadFilterSchema.parse(toListInput(query)) })
  const members = perms.isRep ? [] : await memberOptions(perms.actor)
  const scanLabel = await scanFilterLabel(member, query.scanId)
  const tilesUrl = process.env['NEXT_PUBLIC_MAP_TILES_URL'] || null

  return (
    <>
      <PageHeader
        title="Leads"
        description="Where your leads are, coloured by score band."
        actions={
          <LeadsActions orgSlug={orgSlug} qs={qs} canImport={perms.canImport} canExport={perms.canExport} canTrash={perms.canDelete} />
        }
      />
      <div className="space-y-4">
        <LeadsViewToggle orgSlug={orgSlug} current="map" qs={qs} />
        <LeadFilters key={qs} query={query} members={members} showAssignee={!perms.isRep} showSort={false} scanLabel={scanLabel} />
        {capped && (
          <Alert tone="info">
            Showing the {points.length.toLocaleString('en-US')} highest-scoring leads; narrow the filters to see the rest.
          </Alert>
        )}
        {points.length === 0 ? (
          <EmptyState title="No leads to show on the map">
            {withoutCoords ? `${withoutCoords} matching lead(s) have no coordinates yet.` : 'No leads match these filters.'}
          </EmptyState>
        ) : (
          <>
            <LeadMapView points={points} detailHref={`/${orgSlug}/leads`} tilesUrl={tilesUrl} />
            <p className="text-xs text-slate-500" data-testid="map-count">
              {points.length.toLocaleString('en-US')} lead(s) on the map
              {withoutCoords ? `; ${withoutCoords} without coordinates not shown` : ''}.
            </p>
          </>
        )}
      </div>
    </>
  )
}
