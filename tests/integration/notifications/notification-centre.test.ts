// The notification centre: a member lists, counts and marks only their own notifications in the org they act in.
// Another user's or another org's id is NOT_FOUND and nothing is marked; API keys, staff and jobs have no inbox.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { apiKeyActor, memberActor, systemActor } from '@/lib/auth/actor'
import { countUnread, listNotifications } from '@/lib/notifications/list-notifications'
import { markNotificationsRead } from '@/lib/notifications/mark-notifications-read'
import { countUnreadAction, listNotificationsAction, markNotificationsReadAction } from '@/app/[orgSlug]/notifications/actions'
import { addMember, createOrgWithRoles } from '@/tests/factories'
import { actorsOf, makeLead, type OrgWithRoles } from '@/tests/integration/leads/helpers'
import { waitForClockPast } from '@/tests/wait-for'

const err = async (p: Promise<unknown>) =>
  toAppError(
    await p.then(
      () => null,
      (e) => e,
    ),
  )

let seq = 0
/** `n` notifications for `userId` in `org`, each created after the previous one (distinct created_at). */
async function notify(org: OrgWithRoles, userId: string, n: number) {
  const lead = await makeLead((await actorsOf(org)).OWNER)
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const row = await db.notification.create({
      data: {
        orgId: org.org.id,
        userId,
        kind: 'lead.hot',
        leadId: lead.id,
        title: `HOT lead ${++seq}`,
        body: 'Score 90/100 (HOT).',
        url: `/${org.org.slug}/leads/${lead.id}`,
        dedupeKey: `test:${crypto.randomUUID()}`,
      },
      select: { id: true, createdAt: true },
    })
    ids.push(row.id)
    await waitForClockPast(row.createdAt)
  }
  return ids
}

describe('notification centre', () => {
  it('lists a member’s own notifications newest first, pages with `before`, filters unread, counts unread', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const mine = await notify(org, org.members.MANAGER.user.id, 5)
    await notify(org, org.members.OWNER.user.id, 2)
    const page1 = await listNotifications({ actor: a.MANAGER, limit: 3 })
    expect(page1.items.map((n) => n.id)).toEqual([...mine].reverse().slice(0, 3))
    expect(page1.nextCursor).toBe(mine[2])
    const page2 = await listNotifications({ actor: a.MANAGER, limit: 3, before: page1.nextCursor! })
    expect(page2.items.map((n) => n.id)).toEqual([mine[1], mine[0]])
    expect(page2.nextCursor).toBeNull()
    expect(page1.items[0]).toMatchObject({ kind: 'lead.hot', readAt: null, leadId: expect.any(String) })
    expect(typeof page1.items[0]!.createdAt).toBe('string')

    expect(await countUnread({ actor: a.MANAGER })).toEqual({ unread: 5 })
    expect(await markNotificationsRead({ actor: a.MANAGER, ids: [mine[4]!, mine[3]!] })).toEqual({ marked: 2, unread: 3 })
    const unread = await listNotifications({ actor: a.MANAGER, unreadOnly: true, limit: 10 })
    expect(unread.items.map((n) => n.id)).toEqual([mine[2], mine[1], mine[0]])
    // marking again is a no-op
    expect(await markNotificationsRead({ actor: a.MANAGER, ids: [mine[4]!] })).toEqual({ marked: 0, unread: 3 })
    // reps and viewers have an inbox too (empty here)
    expect(await listNotifications({ actor: a.REP, limit: 10 })).toEqual({ items: [], nextCursor: null })
    expect(await countUnread({ actor: a.VIEWER })).toEqual({ unread: 0 })
  })

  it('another user’s or another org’s notification id is NOT_FOUND and nothing is marked', async () => {
    const org = await createOrgWithRoles()
    const other = await createOrgWithRoles()
    const a = await actorsOf(org)
    const [mine] = await notify(org, org.members.MANAGER.user.id, 1)
    const [owners] = await notify(org, org.members.OWNER.user.id, 1)
    const [foreign] = await notify(other, other.members.MANAGER.user.id, 1)
    for (const ids of [[owners!], [foreign!], [mine!, owners!], ['not-a-uuid'], [crypto.randomUUID()]]) {
      expect((await err(markNotificationsRead({ actor: a.MANAGER, ids }))).code).toBe('NOT_FOUND')
    }
    expect(await db.notification.count({ where: { id: { in: [mine!, owners!, foreign!] }, readAt: { not: null } } })).toBe(0)
    // a cursor that is not the member's own is NOT_FOUND too (no probing other inboxes through paging)
    expect((await err(listNotifications({ actor: a.MANAGER, limit: 5, before: owners! }))).code).toBe('NOT_FOUND')
    expect((await err(listNotifications({ actor: a.MANAGER, limit: 5, before: 'x' }))).code).toBe('NOT_FOUND')
  })

  it('"mark all" marks only the member’s own notifications in this org', async () => {
    const org = await createOrgWithRoles()
    const other = await createOrgWithRoles()
    const a = await actorsOf(org)
    // the same person is also a manager of another org, with an unread notification there
    const user = org.members.MANAGER.user
    await addMember(other.org.id, user.id, 'MANAGER')
    await notify(org, user.id, 3)
    const [elsewhere] = await notify(other, user.id, 1)
    const [owners] = await notify(org, org.members.OWNER.user.id, 1)
    expect(await markNotificationsRead({ actor: a.MANAGER, all: true })).toEqual({ marked: 3, unread: 0 })
    expect(await db.notification.findUniqueOrThrow({ where: { id: elsewhere! }, select: { readAt: true } })).toEqual({ readAt: null })
    expect(await db.notification.findUniqueOrThrow({ where: { id: owners! }, select: { readAt: true } })).toEqual({ readAt: null })
    const m = await db.membership.findFirstOrThrow({ where: { orgId: other.org.id, userId: user.id } })
    const there = memberActor({ org: { id: other.org.id }, userId: user.id, membershipId: m.id, role: 'MANAGER' })
    expect(await countUnread({ actor: there })).toEqual({ unread: 1 })
    expect((await listNotifications({ actor: there, limit: 10 })).items.map((n) => n.id)).toEqual([elsewhere])
  })

  it('API keys, jobs and staff have no inbox', async () => {
    const org = await createOrgWithRoles()
    const actors = [
      apiKeyActor({ id: crypto.randomUUID(), orgId: org.org.id, scope: 'WRITE' }),
      systemActor({ process: 'notifications', orgId: org.org.id }),
      { kind: 'staff' as const, userId: org.members.OWNER.user.id, staffRole: 'STAFF_ADMIN' as const },
    ]
    for (const actor of actors) {
      expect((await err(listNotifications({ actor, limit: 10 }))).code).toBe('FORBIDDEN')
      expect((await err(countUnread({ actor }))).code).toBe('FORBIDDEN')
      expect((await err(markNotificationsRead({ actor, all: true }))).code).toBe('FORBIDDEN')
    }
  })

  it('the server actions: the caller’s own inbox; another org’s slug or another user’s id is NOT_FOUND', async () => {
    const org = await createOrgWithRoles()
    const other = await createOrgWithRoles()
    const session = { sessionId: org.members.MANAGER.sessionId }
    const [mine] = await notify(org, org.members.MANAGER.user.id, 1)
    const [owners] = await notify(org, org.members.OWNER.user.id, 1)

    const list = await listNotificationsAction.as(session)({ orgSlug: org.org.slug, limit: 10 })
    expect(list.ok && list.data.items.map((n) => n.id)).toEqual([mine])
    expect(await countUnreadAction.as(session)({ orgSlug: org.org.slug })).toEqual({ ok: true, data: { unread: 1 } })
    const foreign = await markNotificationsReadAction.as(session)({ orgSlug: org.org.slug, target: { ids: [owners!] } })
    expect(!foreign.ok && foreign.error.code).toBe('NOT_FOUND')
    const notMember = await countUnreadAction.as(session)({ orgSlug: other.org.slug })
    expect(!notMember.ok && notMember.error.code).toBe('NOT_FOUND')
    const bad = await listNotificationsAction.as(session)({ orgSlug: org.org.slug, limit: 500 })
    expect(bad.ok).toBe(false)
    const done = await markNotificationsReadAction.as(session)({ orgSlug: org.org.slug, target: { all: true } })
    expect(done).toEqual({ ok: true, data: { marked: 1, unread: 0 } })
    expect(await db.notification.findUniqueOrThrow({ where: { id: owners! }, select: { readAt: true } })).toEqual({ readAt: null })
    // signed out: nothing
    const anon = await countUnreadAction.as({})({ orgSlug: org.org.slug })
    expect(!anon.ok && anon.error.code).toBe('UNAUTHENTICATED')
  })
})
