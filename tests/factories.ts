// Test factories: unique values every call, real rows in the real database.
import { randomUUID } from 'node:crypto'
import { db } from '@/lib/db'
import type { OrgPlan, Role } from '@/lib/generated/prisma/enums'
import { hashPassword } from '@/lib/auth/password'

export const TEST_PASSWORD = 'correct-Horse-battery-42'
let cachedHash: Promise<string> | undefined
const passwordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD))

export const uniq = (prefix = 'x') => `${prefix}${randomUUID().slice(0, 8)}`

export async function createUser(
  over: { email?: string; name?: string; verified?: boolean; staffRole?: 'STAFF_ADMIN' | 'STAFF_SUPPORT' } = {},
) {
  return db.user.create({
    data: {
      email: (over.email ?? `${uniq('user-')}@example.test`).toLowerCase(),
      name: over.name ?? 'Test User',
      passwordHash: await passwordHash(),
      emailVerifiedAt: over.verified === false ? null : new Date(),
      staffRole: over.staffRole,
    },
  })
}

/** A new org; its billing account comes from the insert trigger (TRIAL → 14-day trial, a paid plan → ACTIVE). */
export async function createOrg(over: { slug?: string; name?: string; plan?: OrgPlan } = {}) {
  return db.organization.create({
    data: { slug: over.slug ?? uniq('org-'), name: over.name ?? 'Test Roofing Co', ...(over.plan ? { plan: over.plan } : {}) },
  })
}

export async function addMember(orgId: string, userId: string, role: Role) {
  return db.membership.create({ data: { orgId, userId, role } })
}

/** A live session-registry row for `userId` (what a signed-in browser holds). */
export async function createSession(userId: string, over: { rememberMe?: boolean } = {}) {
  return db.session.create({
    data: {
      userId,
      rememberMe: over.rememberMe ?? false,
      expiresAt: new Date(Date.now() + 24 * 3600_000),
      ip: '127.0.0.1',
      userAgent: 'vitest',
    },
  })
}

/** An org with one member per role, each with a live session. Five members fill more than a Trial's 2 seats:
 *  tests that invite or accept pass a plan with room (`{ plan: 'ENTERPRISE' }`). */
export async function createOrgWithRoles(over: { plan?: OrgPlan } = {}) {
  const org = await createOrg({ plan: over.plan })
  const roles: Role[] = ['OWNER', 'ADMIN', 'MANAGER', 'REP', 'VIEWER']
  const members = {} as Record<Role, { user: Awaited<ReturnType<typeof createUser>>; sessionId: string }>
  for (const role of roles) {
    const user = await createUser()
    await addMember(org.id, user.id, role)
    members[role] = { user, sessionId: (await createSession(user.id)).id }
  }
  return { org, members }
}
