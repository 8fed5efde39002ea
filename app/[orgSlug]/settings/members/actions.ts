'use server'
// Thin wiring: orgAction loads the member, checks the permission and parses the input once; lib/members holds
// the rules and checks the right again through the actor.
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

export const listMembersAction = orgAction({ permission: 'member.read', input: empty }, ({ actor }) => listMembers({ actor }))

export const listInvitationsAction = orgAction({ permission: 'member.invite', input: empty }, ({ actor }) => listInvitations({ actor }))

export const inviteMemberAction = orgAction({ permission: 'member.invite', input: inviteMemberSchema }, ({ actor, input }) =>
  inviteMember({ actor, email: input.email, role: input.role }),
)

export const resendInvitationAction = orgAction({ permission: 'member.invite', input: invitationIdSchema }, ({ actor, input }) =>
  resendInvitation({ actor, invitationId: input.invitationId }),
)

export const cancelInvitationAction = orgAction({ permission: 'member.invite', input: invitationIdSchema }, ({ actor, input }) =>
  cancelInvitation({ actor, invitationId: input.invitationId }),
)

export const changeMemberRoleAction = orgAction({ permission: 'member.role.change', input: changeRoleSchema }, ({ actor, input }) =>
  changeMemberRole({ actor, membershipId: input.membershipId, role: input.role }),
)

export const removeMemberAction = orgAction({ permission: 'member.remove', input: membershipIdSchema }, ({ actor, input }) =>
  removeMember({ actor, membershipId: input.membershipId }),
)

export const leaveOrgAction = orgAction({ permission: null, input: empty }, ({ actor }) => leaveOrg({ actor }))
