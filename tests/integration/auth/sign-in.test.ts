import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { AppError, toAppError } from '@/lib/errors'
import { BAD_CREDENTIALS, signInWithPassword } from '@/lib/auth/sign-in-with-password'
import { consumeLoginTicket } from '@/lib/auth/login-ticket'
import { loadSession, MAX_LIVE_SESSIONS } from '@/lib/auth/session'
import { TEST_PASSWORD, createUser } from '@/tests/factories'
import { waitForClockPast } from '@/tests/wait-for'
import { uniqEmail, uniqIp } from './helpers'

const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected failure')
    },
    (e) => toAppError(e),
  )

async function signedIn(args: Parameters<typeof signInWithPassword>[0]) {
  const r = await signInWithPassword(args)
  if (r.status !== 'SIGNED_IN') throw new Error('expected SIGNED_IN')
  return r
}

describe('signInWithPassword', () => {
  it('signs in (email case-insensitive): a registry session, a single-use login ticket, an attempt row', async () => {
    const user = await createUser()
    const ip = uniqIp()
    const r = await signedIn({ email: user.email.toUpperCase(), password: TEST_PASSWORD, ip, userAgent: 'Firefox' })
    expect(r.userId).toBe(user.id)
    const s = await db.session.findUniqueOrThrow({ where: { id: r.sessionId } })
    expect(s).toMatchObject({ userId: user.id, rememberMe: false, ip, userAgent: 'Firefox', revokedAt: null })
    expect(Math.abs(s.expiresAt.getTime() - Date.now() - 24 * 3600_000)).toBeLessThan(10_000)
    expect(await consumeLoginTicket({ ticket: r.ticket })).toEqual({ userId: user.id, sessionId: r.sessionId })
    expect(await consumeLoginTicket({ ticket: r.ticket })).toBeNull()
    expect(await db.loginAttempt.count({ where: { email: user.email, success: true } })).toBe(1)
    expect(await loadSession({ sessionId: r.sessionId })).toMatchObject({ user: { id: user.id } })
  })

  it('same message for a wrong password and an unknown email (no enumeration)', async () => {
    const user = await createUser()
    const wrong = await fail(signInWithPassword({ email: user.email, password: 'nope-nope-nope-1', ip: uniqIp() }))
    const unknown = await fail(signInWithPassword({ email: uniqEmail(), password: 'nope-nope-nope-1', ip: uniqIp() }))
    expect(wrong).toMatchObject({ code: 'UNAUTHENTICATED', message: BAD_CREDENTIALS })
    expect(unknown).toMatchObject({ code: 'UNAUTHENTICATED', message: BAD_CREDENTIALS })
    expect(wrong.details).toEqual(unknown.details)
  })

  it('an unknown email still costs a real password verification (timing)', async () => {
    const user = await createUser()
    await fail(signInWithPassword({ email: uniqEmail(), password: 'warm-up-the-dummy', ip: uniqIp() }))
    const time = async (email: string) => {
      const t = performance.now()
      await fail(signInWithPassword({ email, password: 'nope-nope-nope-1', ip: uniqIp() }))
      return performance.now() - t
    }
    // interleaved samples, compared by their minimum (the least disturbed by other work on the machine);
    // 4 known-email failures stay under the 5-failure lockout
    const known: number[] = []
    const unknown: number[] = []
    for (let i = 0; i < 4; i++) {
      known.push(await time(user.email))
      unknown.push(await time(uniqEmail()))
    }
    // argon2id dominates both; without the dummy hash the unknown path would be ~100x faster
    expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) * 0.3)
  })

  it('locks the account after 5 failures in 15 min: the 6th attempt is RATE_LIMITED even with the right password', async () => {
    const user = await createUser()
    for (let i = 0; i < 5; i++) {
      const e = await fail(signInWithPassword({ email: user.email, password: 'wrong-password-' + i, ip: uniqIp() }))
      expect(e.code).toBe('UNAUTHENTICATED')
    }
    const locked = await fail(signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: uniqIp() }))
    expect(locked.code).toBe('RATE_LIMITED')
    expect(locked.retryAfter).toBeGreaterThan(0)
    expect(locked.retryAfter).toBeLessThanOrEqual(15 * 60)
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0)
    // the failures age out of the 15-minute window → the right password works again
    await db.$executeRaw`UPDATE login_attempts SET created_at = created_at - interval '16 minutes' WHERE email = ${user.email}`
    await signedIn({ email: user.email, password: TEST_PASSWORD, ip: uniqIp() })
  })

  it('locks the account for unknown emails too (the lock reveals nothing)', async () => {
    const email = uniqEmail()
    for (let i = 0; i < 5; i++) await fail(signInWithPassword({ email, password: 'whatever-123456', ip: uniqIp() }))
    expect((await fail(signInWithPassword({ email, password: 'whatever-123456', ip: uniqIp() }))).code).toBe('RATE_LIMITED')
  })

  it('locks an IP after 5 failures across different accounts', async () => {
    const ip = uniqIp()
    for (let i = 0; i < 5; i++) await fail(signInWithPassword({ email: uniqEmail(), password: 'whatever-123456', ip }))
    const victim = await createUser()
    const e = await fail(signInWithPassword({ email: victim.email, password: TEST_PASSWORD, ip }))
    expect(e).toBeInstanceOf(AppError)
    expect(e.code).toBe('RATE_LIMITED')
    expect(e.retryAfter).toBeGreaterThan(0)
    // the same account from another IP is fine
    await signedIn({ email: victim.email, password: TEST_PASSWORD, ip: uniqIp() })
  })

  it('a successful sign-in clears earlier account failures', async () => {
    const user = await createUser()
    for (let i = 0; i < 4; i++) await fail(signInWithPassword({ email: user.email, password: 'wrong-password-x', ip: uniqIp() }))
    await signedIn({ email: user.email, password: TEST_PASSWORD, ip: uniqIp() })
    await fail(signInWithPassword({ email: user.email, password: 'wrong-password-x', ip: uniqIp() }))
    await signedIn({ email: user.email, password: TEST_PASSWORD, ip: uniqIp() })
  })

  it('remember-me: 30 days absolute and no idle timeout; otherwise idle 30 min and absolute 24 h', async () => {
    const user = await createUser()
    const plain = await signedIn({ email: user.email, password: TEST_PASSWORD, ip: uniqIp() })
    const remembered = await signedIn({ email: user.email, password: TEST_PASSWORD, ip: uniqIp(), rememberMe: true })
    const rs = await db.session.findUniqueOrThrow({ where: { id: remembered.sessionId } })
    expect(rs.rememberMe).toBe(true)
    expect(Math.abs(rs.expiresAt.getTime() - Date.now() - 30 * 24 * 3600_000)).toBeLessThan(10_000)

    // idle for 31 minutes: the plain session dies, the remembered one lives
    const idle = new Date(Date.now() - 31 * 60_000)
    await db.session.updateMany({ where: { id: { in: [plain.sessionId, remembered.sessionId] } }, data: { lastSeenAt: idle } })
    expect(await loadSession({ sessionId: plain.sessionId })).toBeNull()
    expect(await loadSession({ sessionId: remembered.sessionId })).not.toBeNull()

    // absolute: a plain session active a minute ago but created 24 h ago is dead
    const again = await signedIn({ email: user.email, password: TEST_PASSWORD, ip: uniqIp() })
    await db.$executeRaw`UPDATE sessions SET created_at = now() - interval '25 hours', expires_at = now() - interval '1 hour' WHERE id = ${again.sessionId}::uuid`
    expect(await loadSession({ sessionId: again.sessionId })).toBeNull()
    // remember-me past its 30 days is dead too
    await db.$executeRaw`UPDATE sessions SET created_at = now() - interval '31 days', expires_at = now() - interval '1 day' WHERE id = ${remembered.sessionId}::uuid`
    expect(await loadSession({ sessionId: remembered.sessionId })).toBeNull()
  })

  it(`keeps at most ${MAX_LIVE_SESSIONS} live sessions: the 6th revokes the oldest`, async () => {
    const user = await createUser()
    const ids: string[] = []
    for (let i = 0; i < 6; i++) {
      const { sessionId } = await signedIn({ email: user.email, password: TEST_PASSWORD, ip: uniqIp() })
      ids.push(sessionId)
      // "oldest" is by created_at (millisecond precision): the next session must start in a later millisecond
      await waitForClockPast((await db.session.findUniqueOrThrow({ where: { id: sessionId }, select: { createdAt: true } })).createdAt)
    }
    const live = await db.session.findMany({ where: { userId: user.id, revokedAt: null }, select: { id: true } })
    expect(live.map((s) => s.id).sort()).toEqual(ids.slice(1).sort())
    const oldest = await db.session.findUniqueOrThrow({ where: { id: ids[0] } })
    expect(oldest.revokedReason).toBe('session_limit')
    expect(await loadSession({ sessionId: ids[0] })).toBeNull()
  })

  it('a deleted user cannot sign in (same message)', async () => {
    const user = await createUser()
    await db.user.update({ where: { id: user.id }, data: { deletedAt: new Date() } })
    expect(await fail(signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: uniqIp() }))).toMatchObject({
      message: BAD_CREDENTIALS,
    })
  })
})
