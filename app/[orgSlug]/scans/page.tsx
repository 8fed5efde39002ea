// Scans list: newest first, filter by status, "Load more" pages on with `before` (the createdAt of the last row).
// OWNER / ADMIN / MANAGER only (scan.read); a rep or viewer gets the 404 page.
import Link from 'next/link'
import { listScans } from '@/lib/scans/list-scans'
import { listScansSchema } from '@/lib/scans/schemas'
import { PageHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/feedback'
import { buttonVariants } from '@/components/ui/button'
import { ScanList } from '@/components/scans/scan-list'
import { SCAN_STATUSES, type ScanStatus } from '@/components/scans/scan-format'
import { requireScanPage } from './scan-page-data'
import { listScansAction } from './actions'

export const metadata = { title: 'Scans' }

export default async function ScansPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { orgSlug } = await params
  const { actor, canRun } = await requireScanPage(orgSlug, 'scan.read')
  const raw = (await searchParams).status
  const wanted = (Array.isArray(raw) ? raw[0] : raw)?.toUpperCase()
  const status = SCAN_STATUSES.find((s) => s === wanted) as ScanStatus | undefined
  const page = await listScans({ actor, query: listScansSchema.parse({ status, limit: 20 }) })

  const newScan = canRun ? (
    <Link href={`/${orgSlug}/scans/new`} className={buttonVariants()}>
      New scan
    </Link>
  ) : undefined
  const header = (
    <PageHeader
      title="Scans"
      description="Find and score the roofs in an area. Each scan’s leads land in your lead list."
      actions={newScan}
    />
  )

  if (!page.items.length && !status) {
    return (
      <>
        {header}
        <EmptyState
          title="No scans yet"
          action={
            canRun ? (
              <Link href={`/${orgSlug}/scans/new`} className={buttonVariants()}>
                Run your first scan
              </Link>
            ) : undefined
          }
        >
          A scan looks at every home in a ZIP, a city or a circle you draw on the map, and scores each roof.
        </EmptyState>
      </>
    )
  }

  return (
    <>
      {header}
      <ScanList
        key={status ?? 'all'}
        orgSlug={orgSlug}
        status={status ?? null}
        initial={{ items: page.items, nextBefore: page.nextBefore ? page.nextBefore.toISOString() : null }}
        listScans={listScansAction}
      />
    </>
  )
}
