// CSV import (org-wide lead.write: OWNER, ADMIN, MANAGER). Imported leads start unassigned.
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requirePageMember } from '@/lib/auth/page-session'
import { PageHeader } from '@/components/ui/card'
import { ImportWizard } from '@/components/leads/import-wizard'
import { leadPermissions } from '../lead-page-data'
import { getImportAction } from '../actions'

export const metadata = { title: 'Import leads' }

export default async function ImportPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params
  const { member } = await requirePageMember(orgSlug)
  if (!leadPermissions(member).canImport) notFound()
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/${orgSlug}/leads`} className="text-brand-700 hover:underline">
          ← Leads
        </Link>
      </nav>
      <PageHeader title="Import leads" description="Upload a CSV of addresses. You will see every problem before anything is saved." />
      <ImportWizard orgSlug={orgSlug} getImport={getImportAction} />
    </>
  )
}
