// Trash (OWNER/ADMIN: lead.delete): deleted leads restorable for 30 days.
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requirePageMember } from '@/lib/auth/page-session'
import { listTrash } from '@/lib/leads/list-trash'
import { PageHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/feedback'
import { TrashList } from '@/components/leads/trash-list'
import { leadPermissions } from '../lead-page-data'
import { restoreLeadsAction } from '../actions'

export const metadata = { title: 'Trash' }

export default async function TrashPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params
  const { member } = await requirePageMember(orgSlug)
  const perms = leadPermissions(member)
  if (!perms.canDelete) notFound()
  const items = await listTrash({ actor: perms.actor, limit: 200 })
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/${orgSlug}/leads`} className="text-brand-700 hover:underline">
          ← Leads
        </Link>
      </nav>
      <PageHeader title="Trash" description="Deleted leads can be restored for 30 days, then they are gone for good." />
      {items.length === 0 ? (
        <EmptyState title="The trash is empty">Leads you delete appear here for 30 days.</EmptyState>
      ) : (
        <TrashList
          orgSlug={orgSlug}
          restore={restoreLeadsAction}
          rows={items.map((l) => ({
            id: l.id,
            address: l.addressLine1,
            cityLine: `${l.city}, ${l.state} ${l.zip}`,
            score: l.score,
            band: l.band,
            deletedAt: l.deletedAt!.toISOString(),
            restorableUntil: l.restorableUntil.toISOString(),
          }))}
        />
      )}
    </>
  )
}
