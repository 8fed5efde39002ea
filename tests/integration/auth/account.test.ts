import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { listSessions } from '@/lib/auth/list-sessions'
import { revokeSession } from '@/lib/auth/revoke-session'
import { signOutEverywhere } from '@/lib/auth/sign-out-everywhere'
import { signOut } from '@/lib/auth/sign-out'
import { updateProfile as updateProfileParsed } from '@/lib/auth/update-profile'
import { updateProfileSchema } from '@/lib/auth/schemas'
import { changePassword } from '@/lib/auth/change-password'
import { verifyPassword } from '@/lib/auth/password'
import { loadSession } from '@/lib/auth/session'
import { TEST_PASSWORD, createSession, createUser } from '@/tests/factories'
import { GOOD_PASSWORD, emailsTo } from './helpers'

const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected failure')
    },
    (e) => toAppError(e),
  )

describe('sessions', () => {
  it('lists live sessions with the current one marked; hides revoked and idle ones', async () => {
    const user = await createUser()
    const a = await createSession(user.id)
    const b = await createSession(user.id)
    const dead = await createSession(user.id)
    const idle = await createSession(user.id)
    await db.session.update({ where: { id: dead.id }, data: { revokedAt: new Date() } })
    await db.session.update({ where: { id: idle.id }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } })
    const rows = await listSessions({ userId: user.id, currentSessionId: a.id })
    expect(rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort())
    expect(rows.find((r) => r.id === a.id)).toMatchObject({ current: true, ip: '127.0.0.1', userAgent: 'vitest' })
    expect(rows.find((r) => r.id === b.id)?.current).toBe(false)
  })

  it("revokes one of my sessions; someone else's session is NOT_FOUND", async () => {
    const user = await createUser()
    const other = await createUser()
    const mine = await createSession(user.id)
    const theirs = await createSession(other.id)
    await revokeSession({ userId: user.id, sessionId: mine.id })
    expect(await loadSession({ sessionId: mine.id })).toBeNull()
    expect(await fail(revokeSession({ userId: user.id, sessionId: theirs.id }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await loadSession({ sessionId: theirs.id })).not.toBeNull()
  })

  it('sign out everywhere revokes every session of the user only', async () => {
    const user = await createUser()
    const other = await createUser()
    const s = await Promise.all([createSession(user.id), createSession(user.id, { rememberMe: true })])
    const keep = await createSession(other.id)
    expect(await signOutEverywhere({ userId: user.id })).toEqual({ revoked: 2 })
    for (const x of s) expect(await loadSession({ sessionId: x.id })).toBeNull()
    expect(await loadSession({ sessionId: keep.id })).not.toBeNull()
    expect(await db.auditLog.count({ where: { actorId: user.id, action: 'user.signed_out_everywhere' } })).toBe(1)
  })

  it('sign out revokes the current session only', async () => {
    const user = await createUser()
    const a = await createSession(user.id)
    const b = await createSession(user.id)
    expect(await signOut({ sessionId: a.id })).toEqual({ revoked: true })
    expect(await signOut({ sessionId: a.id })).toEqual({ revoked: false })
    expect(await loadSession({ sessionId: a.id })).toBeNull()
    expect(await loadSession({ sessionId: b.id })).not.toBeNull()
  })
})

describe('profile and password', () => {
  it('updates the name with an audit row; refuses an empty name', async () => {
    const user = await createUser()
    // as the action does it: the edge parses (trims, refuses blank) once, the use case takes the parsed name
    const updateProfile = async (raw: { name: string }) => updateProfileParsed({ userId: user.id, ...updateProfileSchema.parse(raw) })
    expect(await updateProfile({ name: '  Pat Shingle ' })).toEqual({ name: 'Pat Shingle' })
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe('Pat Shingle')
    expect(
      await db.auditLog.findFirst({ where: { actorId: user.id, action: 'user.profile_updated' }, select: { before: true, after: true } }),
    ).toEqual({
      before: { name: 'Test User' },
      after: { name: 'Pat Shingle' },
    })
    expect((await fail(updateProfile({ name: '   ' }))).code).toBe('VALIDATION_FAILED')
  })

  it('changes the password with the current one; other sessions are revoked, this one kept', async () => {
    const user = await createUser()
    const current = await createSession(user.id)
    const other = await createSession(user.id)
    expect(
      await changePassword({ userId: user.id, sessionId: current.id, currentPassword: TEST_PASSWORD, newPassword: GOOD_PASSWORD }),
    ).toEqual({ otherSessionsRevoked: 1 })
    expect(await verifyPassword((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, GOOD_PASSWORD)).toBe(true)
    expect(await loadSession({ sessionId: current.id })).not.toBeNull()
    expect(await loadSession({ sessionId: other.id })).toBeNull()
    expect((await emailsTo(user.email)).map((m) => m.template)).toEqual(['password-changed'])
  })

  it('refuses a wrong current password and a weak new one', async () => {
    const user = await createUser()
    const s = await createSession(user.id)
    const wrong = await fail(
      changePassword({ userId: user.id, sessionId: s.id, currentPassword: 'not-my-password', newPassword: GOOD_PASSWORD }),
    )
    expect(wrong).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'currentPassword' }] } })
    const weak = await fail(
      changePassword({ userId: user.id, sessionId: s.id, currentPassword: TEST_PASSWORD, newPassword: 'qwerty123456' }),
    )
    expect(weak).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'newPassword' }] } })
    const same = await fail(
      changePassword({ userId: user.id, sessionId: s.id, currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }),
    )
    expect(same.code).toBe('VALIDATION_FAILED')
  })
})
