import Link from 'next/link'
import { requirePageSession } from '@/lib/auth/page-session'
import { Card, PageHeader } from '@/components/ui/card'
import { CreateOrgForm } from './create-org-form'
import { createOrgAction } from './actions'

export const metadata = { title: 'Create organization' }

export default async function NewOrgPage() {
  await requirePageSession('/orgs/new')
  return (
    <main id="main" className="mx-auto max-w-xl p-6 md:p-10">
      <PageHeader title="Create an organization" description="One organization per company. You will be its owner." />
      <Card>
        <CreateOrgForm create={createOrgAction} />
      </Card>
      <p className="mt-4 text-sm">
        <Link href="/orgs" className="text-brand-600 hover:underline">
          ← Back to your organizations
        </Link>
      </p>
    </main>
  )
}
