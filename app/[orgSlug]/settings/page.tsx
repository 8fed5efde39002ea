import Link from 'next/link'
import { requirePageMember } from '@/lib/auth/page-session'
import { can } from '@/lib/auth/permissions'
import { Card, PageHeader } from '@/components/ui/card'

export const metadata = { title: 'Settings' }

export default async function SettingsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params
  const { member } = await requirePageMember(orgSlug)
  const links = [
    {
      href: `/${orgSlug}/settings/organization`,
      title: 'Organization',
      text: 'Name, URL and time zone',
      show: can(member.role, 'org.settings.read'),
    },
    { href: `/${orgSlug}/settings/members`, title: 'Members', text: 'Team, roles and invitations', show: true },
    {
      href: `/${orgSlug}/settings/billing`,
      title: 'Billing',
      text: 'Plan, usage, spend cap and invoices',
      show: can(member.role, 'billing.read'),
    },
    {
      href: `/${orgSlug}/settings/api-keys`,
      title: 'API keys',
      text: 'REST API access (Enterprise)',
      show: can(member.role, 'api_keys.manage'),
    },
    { href: '/account/profile', title: 'Your profile', text: 'Name and email', show: true },
    { href: '/account/security', title: 'Security', text: 'Password, two-factor, sessions', show: true },
  ].filter((l) => l.show)
  return (
    <>
      <PageHeader title="Settings" />
      <div className="grid gap-4 sm:grid-cols-2">
        {links.map((l) => (
          <Link key={l.href} href={l.href} className="block rounded-lg focus-visible:outline-2">
            <Card className="h-full hover:border-brand-500">
              <p className="font-semibold">{l.title}</p>
              <p className="mt-1 text-sm text-slate-600">{l.text}</p>
            </Card>
          </Link>
        ))}
      </div>
    </>
  )
}
