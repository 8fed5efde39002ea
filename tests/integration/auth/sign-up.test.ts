import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { verifyPassword } from '@/lib/auth/password'
import { createOrg, createUser } from '@/tests/factories'
import { emailsTo, signUpInput, signUpFromForm } from './helpers'

const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected failure')
    },
    (e) => toAppError(e),
  )

describe('signUp', () => {
  it('creates the user, the org with the creator as OWNER, audit rows, and sends the verification email', async () => {
    const input = signUpInput({ email: 'New.Person+X@Example.TEST' })
    const res = await signUpFromForm(input)
    const user = await db.user.findUniqueOrThrow({ where: { id: res.userId } })
    expect(user.email).toBe('new.person+x@example.test')
    expect(user.emailVerifiedAt).toBeNull()
    expect(user.passwordHash).toMatch(/^\$argon2id\$/)
    expect(await verifyPassword(user.passwordHash, input.password)).toBe(true)
    const org = await db.organization.findUniqueOrThrow({ where: { id: res.orgId } })
    expect(org).toMatchObject({ slug: input.slug, name: 'Dana Roofing' })
    const m = await db.membership.findFirstOrThrow({ where: { orgId: org.id } })
    expect(m).toMatchObject({ userId: user.id, role: 'OWNER' })
    const audits = await db.auditLog.findMany({ where: { actorId: user.id }, select: { action: true, orgId: true } })
    expect(audits.map((a) => a.action).sort()).toEqual(['member.added', 'org.created', 'user.signed_up'])
    const mails = await emailsTo(user.email)
    expect(mails).toHaveLength(1)
    expect(mails[0].template).toBe('verify-email')
    expect(mails[0].text).toMatch(/\/verify-email\/[A-Za-z0-9_-]{40,}/)
    // the token is stored only hashed
    const token = await db.authToken.findFirstOrThrow({ where: { userId: user.id, kind: 'EMAIL_VERIFY' } })
    expect(mails[0].text).not.toContain(token.tokenHash)
    expect(Math.abs(token.expiresAt.getTime() - token.createdAt.getTime() - 24 * 3600_000)).toBeLessThan(5_000)
  })

  it('refuses a duplicate email case-insensitively, and writes nothing', async () => {
    const existing = await createUser()
    const input = signUpInput({ email: existing.email.toUpperCase() })
    const err = await fail(signUpFromForm(input))
    expect(err).toMatchObject({ code: 'CONFLICT', details: { field: 'email' } })
    expect(await db.organization.findUnique({ where: { slug: input.slug } })).toBeNull()
  })

  it('refuses a taken slug', async () => {
    const org = await createOrg()
    const input = signUpInput({ slug: org.slug })
    expect(await fail(signUpFromForm(input))).toMatchObject({ code: 'CONFLICT', details: { field: 'slug' } })
    expect(await db.user.findUnique({ where: { email: input.email } })).toBeNull()
  })

  it('refuses weak, common and email-containing passwords', async () => {
    for (const password of ['short-1', 'password1234', 'Password12345']) {
      const err = await fail(signUpFromForm(signUpInput({ password })))
      expect(err.code, password).toBe('VALIDATION_FAILED')
    }
    const email = 'roofer.maria@example.test'
    const err = await fail(signUpFromForm(signUpInput({ email, password: 'Roofer.Maria-2026!' })))
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED' })
    expect(JSON.stringify(err.details)).toContain('must not contain your email')
  })

  it('refuses reserved and malformed slugs', async () => {
    for (const slug of ['admin', 'sign-in', 'Bad Slug', 'ab', '-abc']) {
      const err = await fail(signUpFromForm(signUpInput({ slug })))
      expect(err.code, slug).toBe('VALIDATION_FAILED')
    }
  })
})
