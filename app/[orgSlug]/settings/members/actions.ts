'use server'
// Thin wiring: orgAction loads the member and checks the permission; lib/members holds the rules.
import { z } from 'zod'
import { orgAction } from '@/lib/actions/define-action'
import { changeRoleSchema, invitationIdSchema, inviteMemberSchema, membershipIdSchema } from '@/lib/members/schemas'
import { inviteMember } from '@/lib/members/invite-member'
import { resendInvitation } from '@/lib/members/resend-invitation'
import { cancelInvitation } from '@/lib/members/cancel-invitation'
import { listInvitations } from '@/lib/members/list-invitations'
import { changeMemberRole } from '@/lib/members/change-member-role'
import { removeMember } from '@/lib/members/remove-member'
import { leaveOrg } from '@/lib/members/leave-org'
import { listMembers } from '@/lib/members/list-members'

const empty = z.object({})

export const listMembersAction = orgAction({ permission: null, input: empty }, ({ member }) => listMembers({ orgId: member.org.id }))

export const listInvitationsAction = orgAction({ permission: 'member.invite', input: empty }, ({ member }) =>
  listInvitations({ orgId: member.org.id }),
)

export const inviteMemberAction = orgAction({ permission: 'member.invite', input: inviteMemberSchema }, ({ member, input }) =>
  inviteMember({ member, input }),
)

export const resendInvitationAction = orgAction({ permission: 'member.invite', input: invitationIdSchema }, ({ member, input }) =>
  resendInvitation({ member, input }),
)

export const cancelInvitationAction = orgAction({ permission: 'member.invite', input: invitationIdSchema }, ({ member, input }) =>
  cancelInvitation({ member, input }),
)

export const changeMemberRoleAction = orgAction({ permission: 'member.role.change', input: changeRoleSchema }, ({ member, input }) =>
  changeMemberRole({ member, input }),
)

export const removeMemberAction = orgAction({ permission: 'member.remove', input: membershipIdSchema }, ({ member, input }) =>
  removeMember({ member, input }),
)

export const leaveOrgAction = orgAction({ permission: null, input: empty }, ({ member }) => leaveOrg({ member }))
