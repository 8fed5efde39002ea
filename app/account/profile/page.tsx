import { Card, PageHeader } from '@/components/ui/card'
import { ProfileForm } from '@/components/auth/profile-form'
import { requirePageSession } from '@/lib/auth/page-session'
import { updateProfileAction } from '../actions'

export const metadata = { title: 'Your profile' }
export const dynamic = 'force-dynamic'

export default async function ProfilePage() {
  const { user } = await requirePageSession('/account/profile')
  return (
    <>
      <PageHeader title="Your profile" description="How you appear to your team." />
      <Card>
        <ProfileForm name={user.name} email={user.email} action={updateProfileAction} />
      </Card>
    </>
  )
}
