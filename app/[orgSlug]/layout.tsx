// The signed-in app shell. requirePageMember: no session → sign-in, not a member → 404 (no existence leak).
import type { Metadata } from 'next'
import { requirePageMember } from '@/lib/auth/page-session'
import { listMyOrgs } from '@/lib/auth/org-context'
import { AppShell } from '@/components/app-shell/app-shell'
import { OrgSwitcher } from '@/components/app-shell/org-switcher'
import { UserMenu } from '@/components/app-shell/user-menu'
import { SandboxBanner } from '@/components/app-shell/sandbox-banner'
import { signOutAction } from '@/app/(auth)/actions'
import { SignOutButton } from './sign-out-button'
import { NotificationBellSlot } from './notifications/notification-bell-slot'
import { BillingBannerSlot } from './billing-banner-slot'
import { can } from '@/lib/auth/permissions'

export async function generateMetadata({ params }: { params: Promise<{ orgSlug: string }> }): Promise<Metadata> {
  const { orgSlug } = await params
  return { title: { default: orgSlug, template: `%s · ${orgSlug} · Fish Mouth` } }
}

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params
  const { session, member } = await requirePageMember(orgSlug)
  const orgs = await listMyOrgs({ userId: session.user.id })
  const sandbox = !process.env.SENDGRID_API_KEY
  return (
    <AppShell
      orgSlug={member.org.slug}
      showScans={can(member.role, 'scan.read')}
      banner={
        <>
          {sandbox && <SandboxBanner />}
          <BillingBannerSlot member={member} />
        </>
      }
      orgSwitcher={<OrgSwitcher current={member.org} orgs={orgs.map((o) => ({ slug: o.org.slug, name: o.org.name, role: o.role }))} />}
      notifications={<NotificationBellSlot member={member} />}
      userMenu={<UserMenu user={session.user} signOut={<SignOutButton signOut={signOutAction} />} />}
    >
      {children}
    </AppShell>
  )
}
