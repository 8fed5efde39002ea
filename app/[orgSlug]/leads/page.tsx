// Lead list: the first page is rendered on the server from the URL (filters are shareable, back/forward works).
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { requirePageMember } from '@/lib/auth/page-session'
import { AppError } from '@/lib/errors'
import { listLeads } from '@/lib/leads/list-leads'
import { listLeadsSchema } from '@/lib/leads/schemas'
import { listSavedViews } from '@/lib/leads/saved-views'
import { PageHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/feedback'
import { buttonVariants } from '@/components/ui/button'
import { LeadFilters } from '@/components/leads/lead-filters'
import { LeadsTable } from '@/components/leads/leads-table'
import { SavedViews } from '@/components/leads/saved-views'
import { LeadsActions, LeadsViewToggle } from '@/components/leads/leads-nav'
import {
  hasFilters,
  nextPageQuery,
  parseLeadQuery,
  prevPageQuery,
  queryToViewFilters,
  toFilter,
  toListInput,
  toQueryString,
  type SearchParams,
} from '@/components/leads/lead-query'
import { leadPermissions, memberOptions, toRowView } from './lead-page-data'
import { scanFilterLabel } from '../scans/scan-label'
import {
  assignLeadsAction,
  bulkChangeLeadStatusAction,
  createSavedViewAction,
  deleteLeadsAction,
  deleteSavedViewAction,
  tagLeadsAction,
  untagLeadsAction,
} from './actions'

export const metadata = { title: 'Leads' }

export default async function LeadsPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>
  searchParams: Promise<SearchParams>
}) {
  const { orgSlug } = await params
  const { member } = await requirePageMember(orgSlug)
  const perms = leadPermissions(member)
  const query = parseLeadQuery(await searchParams)
  if (perms.isRep) query.assignee = undefined
  const filtersQs = toQueryString(query)

  let page
  try {
    page = await listLeads({ actor: perms.actor, query: listLeadsSchema.parse(toListInput(query)) })
  } catch (e) {
    // a stale or hand-edited cursor: start again at the first page of the same filter
    if (e instanceof AppError && e.code === 'BAD_REQUEST' && query.cursor) redirect(`/${orgSlug}/leads${filtersQs}`)
    throw e
  }
  const [members, views, scanLabel] = await Promise.all([
    perms.isRep ? Promise.resolve([]) : memberOptions(perms.actor),
    listSavedViews({ actor: perms.actor }),
    scanFilterLabel(member, query.scanId),
  ])
  const filtered = hasFilters(query)
  const rows = page.items.map(toRowView)
  const header = (
    <PageHeader
      title="Leads"
      description={perms.isRep ? 'Leads assigned to you.' : 'Scored homes from your scans and imports.'}
      actions={
        <LeadsActions orgSlug={orgSlug} qs={filtersQs} canImport={perms.canImport} canExport={perms.canExport} canTrash={perms.canDelete} />
      }
    />
  )

  if (!rows.length && !filtered && !query.cursor) {
    return (
      <>
        {header}
        <EmptyState
          title={perms.isRep ? 'No leads are assigned to you yet' : 'No leads yet'}
          action={
            perms.canImport ? (
              <Link href={`/${orgSlug}/leads/import`} className={buttonVariants()}>
                Import a CSV
              </Link>
            ) : undefined
          }
        >
          {perms.isRep
            ? 'Your manager assigns leads to you; they will show up here.'
            : 'Import a CSV of addresses, or run a scan to find and score roofs in your area.'}
        </EmptyState>
      </>
    )
  }

  const filter = JSON.parse(JSON.stringify(toFilter(query))) as Record<string, unknown>
  return (
    <>
      {header}
      <div className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <LeadsViewToggle orgSlug={orgSlug} current="table" qs={filtersQs} />
        </div>
        <LeadFilters key={filtersQs} query={query} members={members} showAssignee={!perms.isRep} scanLabel={scanLabel} />
        <SavedViews
          orgSlug={orgSlug}
          views={views.map((v) => ({ id: v.id, name: v.name, filters: v.filters, columns: v.columns }))}
          currentFilters={queryToViewFilters(query)}
          create={createSavedViewAction}
          remove={deleteSavedViewAction}
        />
        {rows.length === 0 ? (
          <EmptyState
            title="No leads match these filters"
            action={
              <Link href={`/${orgSlug}/leads`} className={buttonVariants({ variant: 'secondary' })}>
                Clear filters
              </Link>
            }
          >
            Try a wider score range, fewer tags or another search.
          </EmptyState>
        ) : (
          <LeadsTable
            key={`${filtersQs}|${query.cursor ?? ''}`}
            orgSlug={orgSlug}
            rows={rows}
            filter={filter}
            total={page.total ?? null}
            totalIsEstimate={!!page.totalIsEstimate}
            paging={{
              page: query.cursor ? query.trail.length + 1 : 1,
              prevHref: query.cursor ? `/${orgSlug}/leads${prevPageQuery(query)}` : null,
              nextHref: page.nextCursor ? `/${orgSlug}/leads${nextPageQuery(query, page.nextCursor)}` : null,
              firstHref: query.trail.length > 1 ? `/${orgSlug}/leads${filtersQs}` : null,
            }}
            bulk={{
              orgSlug,
              members,
              exportHref: `/${orgSlug}/leads/export${filtersQs}`,
              can: { assign: perms.canAssign, write: perms.canWrite, delete: perms.canDelete, export: perms.canExport },
              actions: {
                assign: assignLeadsAction,
                tag: tagLeadsAction,
                untag: untagLeadsAction,
                status: bulkChangeLeadStatusAction,
                remove: deleteLeadsAction,
              },
            }}
          />
        )}
      </div>
    </>
  )
}
