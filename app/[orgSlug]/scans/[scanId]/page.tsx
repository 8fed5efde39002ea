// One scan with live progress (the client component polls getScanAction while it is pending or running).
// Another org's scan, or a malformed id, is the 404 page; reps and viewers get the 404 page too (scan.read).
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { AppError } from '@/lib/errors'
import { getScanOrThrow } from '@/lib/scans/get-scan'
import { ScanProgressView } from '@/components/scans/scan-progress'
import { requireScanPage } from '../scan-page-data'
import { cancelScanAction, retryFailedPropertiesAction, getScanAction } from '../actions'

export const metadata = { title: 'Scan' }

export default async function ScanPage({ params }: { params: Promise<{ orgSlug: string; scanId: string }> }) {
  const { orgSlug, scanId } = await params
  const { actor, canRun } = await requireScanPage(orgSlug, 'scan.read')
  let scan
  try {
    scan = await getScanOrThrow({ actor, scanId })
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  }
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/${orgSlug}/scans`} className="text-brand-700 hover:underline">
          ← Scans
        </Link>
      </nav>
      <ScanProgressView
        orgSlug={orgSlug}
        initial={scan}
        canRun={canRun}
        getScan={getScanAction}
        cancelScan={cancelScanAction}
        retryFailed={retryFailedPropertiesAction}
      />
    </>
  )
}
