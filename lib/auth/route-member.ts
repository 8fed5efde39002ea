// Cookie-authenticated org routes (file download/upload that server actions can't carry): the same checks as
// orgAction — live session, verified email, member + role from the DB (404 for non-members), permission.
import 'server-only'
import type { Permission } from '@/lib/auth/permissions'
import { assertCan, memberActor, type MemberActor } from '@/lib/auth/actor'
import { getMemberContext, type MemberContext } from '@/lib/auth/org-context'
import { assertEmailVerified, requireSession, sessionFromCookieHeader } from '@/lib/auth/session'
import type { RequestContext } from '@/lib/request-context'

export async function requireRouteMember({
  request,
  req,
  orgSlug,
  permission,
}: {
  request: Request
  req: RequestContext
  orgSlug: string
  permission: Permission
}): Promise<{ member: MemberContext; actor: MemberActor }> {
  const session = requireSession(await sessionFromCookieHeader(request.headers.get('cookie')))
  assertEmailVerified(session)
  req.userId = session.user.id
  const member = await getMemberContext({ userId: session.user.id, orgSlug })
  req.orgId = member.org.id
  const actor = memberActor(member)
  assertCan(actor, permission)
  return { member, actor }
}
