import { requirePageMember } from '@/lib/auth/page-session'
import { can, canGrantRole, canManageMember, ROLES } from '@/lib/auth/permissions'
import { memberActor } from '@/lib/auth/actor'
import { listMembers } from '@/lib/members/list-members'
import { listInvitations } from '@/lib/members/list-invitations'
import { Card, PageHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/feedback'
import { InviteForm } from '@/components/members/invite-form'
import { MembersTable, type MemberRowView } from '@/components/members/members-table'
import { InvitationsList } from '@/components/members/invitations-list'
import { LeaveOrgButton } from '@/components/members/leave-org-button'
import {
  cancelInvitationAction,
  changeMemberRoleAction,
  inviteMemberAction,
  leaveOrgAction,
  removeMemberAction,
  resendInvitationAction,
} from './actions'

export const metadata = { title: 'Members' }

export default async function MembersPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params
  const { member } = await requirePageMember(orgSlug)
  const me = member.role
  const mayInvite = can(me, 'member.invite')
  const actor = memberActor(member)
  const [members, invitations] = await Promise.all([listMembers({ actor }), mayInvite ? listInvitations({ actor }) : Promise.resolve([])])
  const grantable = ROLES.filter((r) => canGrantRole(me, r))
  const rows: MemberRowView[] = members.map((m) => ({
    membershipId: m.membershipId,
    name: m.name,
    email: m.email,
    role: m.role,
    joinedAt: m.joinedAt.toISOString(),
    isMe: m.membershipId === member.membershipId,
    assignableRoles: can(me, 'member.role.change') && canManageMember(me, m.role) ? grantable : [],
    canRemove: can(me, 'member.remove') && canManageMember(me, m.role),
  }))

  return (
    <>
      <PageHeader title="Members" description={`Who can work in ${member.org.name}, and with which role.`} />
      <div className="space-y-8">
        {mayInvite && (
          <Card>
            <h2 className="mb-3 font-semibold">Invite a teammate</h2>
            <InviteForm orgSlug={orgSlug} grantableRoles={grantable} invite={inviteMemberAction} />
          </Card>
        )}
        <section aria-labelledby="members-heading" className="space-y-3">
          <h2 id="members-heading" className="font-semibold">
            Members ({rows.length})
          </h2>
          {rows.length === 0 ? (
            <EmptyState title="No members">This organization has no members yet.</EmptyState>
          ) : (
            <MembersTable orgSlug={orgSlug} members={rows} changeRole={changeMemberRoleAction} remove={removeMemberAction} />
          )}
        </section>
        {mayInvite && (
          <section aria-labelledby="invites-heading" className="space-y-3">
            <h2 id="invites-heading" className="font-semibold">
              Pending invitations
            </h2>
            <InvitationsList
              orgSlug={orgSlug}
              invitations={invitations.map((i) => ({
                ...i,
                expiresAt: i.expiresAt.toISOString(),
                lastSentAt: undefined,
                canManage: canGrantRole(me, i.role),
              }))}
              resend={resendInvitationAction}
              cancel={cancelInvitationAction}
            />
          </section>
        )}
        <section aria-labelledby="leave-heading" className="space-y-2 border-t border-slate-200 pt-6">
          <h2 id="leave-heading" className="font-semibold">
            Leave this organization
          </h2>
          <p className="text-sm text-slate-600">The last owner cannot leave; make someone else an owner first.</p>
          <LeaveOrgButton orgSlug={orgSlug} orgName={member.org.name} leave={leaveOrgAction} />
        </section>
      </div>
    </>
  )
}
