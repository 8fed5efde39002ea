import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { addMember, createOrg, createUser } from '@/tests/factories'
import { checkReadiness } from '@/lib/ops/readiness'

describe('database rules', () => {
  it('is ready: reachable with every migration applied', async () => {
    expect(await checkReadiness()).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok' } })
  })

  it('refuses a mixed-case email, a bad slug and a non-argon2 hash', async () => {
    await expect(db.user.create({ data: { email: 'Mixed@Example.test', name: 'x', passwordHash: '$argon2id$x' } })).rejects.toThrow()
    await expect(db.organization.create({ data: { slug: 'Bad Slug', name: 'Org' } })).rejects.toThrow()
    await expect(db.user.create({ data: { email: 'plain@example.test', name: 'x', passwordHash: 'plaintext' } })).rejects.toThrow()
  })

  it('keeps at least one OWNER per org (trigger), mapped to a CONFLICT', async () => {
    const org = await createOrg()
    const owner = await createUser()
    const m = await addMember(org.id, owner.id, 'OWNER')
    const err = await db.membership.update({ where: { id: m.id }, data: { role: 'ADMIN' } }).catch((e) => e)
    expect(toAppError(err)).toMatchObject({ code: 'CONFLICT', details: { reason: 'LAST_OWNER' } })
    // a transfer (promote first, then demote) in one transaction is fine
    const other = await createUser()
    const m2 = await addMember(org.id, other.id, 'ADMIN')
    await db.$transaction([
      db.membership.update({ where: { id: m2.id }, data: { role: 'OWNER' } }),
      db.membership.update({ where: { id: m.id }, data: { role: 'ADMIN' } }),
    ])
    // deleting the whole org cascades without tripping the rule
    await db.organization.delete({ where: { id: org.id } })
  })

  it('audit log is append-only', async () => {
    const row = await db.auditLog.create({ data: { actorType: 'SYSTEM', action: 'test.append' } })
    await expect(db.auditLog.update({ where: { id: row.id }, data: { action: 'tampered' } })).rejects.toThrow(/append-only/)
    await expect(db.auditLog.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/)
  })
})
