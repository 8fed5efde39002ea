import Link from 'next/link'
import { requirePageSession } from '@/lib/auth/page-session'
import { listMyOrgs } from '@/lib/auth/org-context'
import { Card, PageHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/feedback'
import { buttonVariants } from '@/components/ui/button'
import { RoleBadge } from '@/components/members/role-badge'

export const metadata = { title: 'Your organizations' }

export default async function OrgsPage() {
  const session = await requirePageSession('/orgs')
  const orgs = await listMyOrgs({ userId: session.user.id })
  return (
    <main id="main" className="mx-auto max-w-2xl p-6 md:p-10">
      <PageHeader
        title="Your organizations"
        description={`Signed in as ${session.user.email}`}
        actions={
          <Link href="/orgs/new" className={buttonVariants({ size: 'sm' })}>
            Create organization
          </Link>
        }
      />
      {orgs.length === 0 ? (
        <EmptyState
          title="You are not a member of any organization"
          action={
            <Link href="/orgs/new" className={buttonVariants()}>
              Create your organization
            </Link>
          }
        >
          Create one for your company, or ask a teammate to invite you.
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {orgs.map((o) => (
            <li key={o.org.id}>
              <Link href={`/${o.org.slug}`} className="block rounded-lg">
                <Card className="flex items-center justify-between gap-3 p-4 hover:border-brand-500">
                  <span>
                    <span className="block font-semibold">{o.org.name}</span>
                    <span className="block text-xs text-slate-500">/{o.org.slug}</span>
                  </span>
                  <RoleBadge role={o.role} />
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  )
}
