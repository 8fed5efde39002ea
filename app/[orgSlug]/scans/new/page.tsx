// New scan: OWNER / ADMIN / MANAGER (scan.run); anyone else gets the 404 page.
import Link from 'next/link'
import { PageHeader } from '@/components/ui/card'
import { NewScanForm } from '@/components/scans/new-scan-form'
import { requireScanPage } from '../scan-page-data'
import { createAddressScanAction, createScanAction, previewAddressScanAction, previewScanAction } from '../actions'

export const metadata = { title: 'New scan' }

export default async function NewScanPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params
  await requireScanPage(orgSlug, 'scan.run')
  const tilesUrl = process.env['NEXT_PUBLIC_MAP_TILES_URL'] || null
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/${orgSlug}/scans`} className="text-brand-700 hover:underline">
          ← Scans
        </Link>
      </nav>
      <PageHeader
        title="New scan"
        description="Pick an area; see the estimate; then run it. Every home found is imaged, analysed and scored."
      />
      <NewScanForm
        orgSlug={orgSlug}
        tilesUrl={tilesUrl}
        previewScan={previewScanAction}
        createScan={createScanAction}
        previewAddressScan={previewAddressScanAction}
        createAddressScan={createAddressScanAction}
      />
    </>
  )
}
