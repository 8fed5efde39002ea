import Link from 'next/link'
import { requirePageMember } from '@/lib/auth/page-session'
import { Card, PageHeader } from '@/components/ui/card'
import { buttonVariants } from '@/components/ui/button'
import { can } from '@/lib/auth/permissions'

export const metadata = { title: 'Dashboard' }

const TILES = [
  { label: 'Leads', empty: 'No leads yet — run your first scan' },
  { label: 'Hot leads', empty: 'Hot leads (score 80+) appear after a scan' },
  { label: 'Messages sent', empty: 'No outreach yet — start a sequence' },
  { label: 'Inspections booked', empty: 'No inspections booked yet' },
]

export default async function Dashboard({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params
  const { member, session } = await requirePageMember(orgSlug)
  const canScan = can(member.role, 'scan.run')
  return (
    <>
      <PageHeader title={`Welcome, ${session.user.name.split(' ')[0]}`} description={member.org.name} />
      <section aria-label="Key numbers" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {TILES.map((t) => (
          <Card key={t.label} className="p-4">
            <p className="text-sm font-medium text-slate-600">{t.label}</p>
            <p className="mt-1 text-2xl font-semibold text-slate-400" aria-label={`${t.label}: none yet`}>
              —
            </p>
            <p className="mt-1 text-xs text-slate-500">{t.empty}</p>
          </Card>
        ))}
      </section>
      <Card className="mt-6">
        <h2 className="font-semibold">Get started</h2>
        <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-700">
          <li>
            {canScan
              ? 'Run a scan of a neighbourhood to find roofs worth replacing.'
              : 'A manager runs a scan of a neighbourhood to find roofs worth replacing.'}
          </li>
          <li>Review the scored leads and pick the best.</li>
          <li>Start an outreach sequence to book inspections.</li>
        </ol>
        <div className="mt-4 flex flex-wrap gap-2">
          {canScan && (
            <Link href={`/${orgSlug}/scans/new`} className={buttonVariants({ size: 'sm' })}>
              Run a scan
            </Link>
          )}
          {can(member.role, 'member.invite') && (
            <Link href={`/${orgSlug}/settings/members`} className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
              Invite your team
            </Link>
          )}
        </div>
      </Card>
    </>
  )
}
