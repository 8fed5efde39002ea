// Admin CLI: create a verified user. Without a password one is generated (returned once, printed by the CLI).
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { randomToken } from '@/lib/crypto'
import { writeAudit } from '@/lib/audit/write-audit'
import { hashPassword, passwordProblem } from '@/lib/auth/password'
import { auditActorOf } from '@/lib/auth/actor'
import { operator } from '@/lib/admin-cli/operator'
import { z } from 'zod'

export async function adminCreateUser({ email, name, password }: { email: string; name: string; password?: string }) {
  const e = z.email().max(254).parse(email.trim().toLowerCase())
  const n = z.string().trim().min(1).max(100).parse(name)
  const generated = !password
  const pw = password ?? `Fm-${randomToken(15)}`
  const problem = passwordProblem(pw, e)
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { details: { field: 'password' } })
  if (await db.user.findUnique({ where: { email: e }, select: { id: true } }))
    throw new AppError('CONFLICT', `A user with email ${e} exists`)
  const user = await db.$transaction(async (tx) => {
    const u = await tx.user.create({
      data: { email: e, name: n, passwordHash: await hashPassword(pw), emailVerifiedAt: new Date() },
      select: { id: true, email: true, name: true },
    })
    await writeAudit(tx, {
      actor: auditActorOf(operator()),
      action: 'user.create',
      targetType: 'user',
      targetId: u.id,
      after: { ...u, via: 'cli' },
    })
    return u
  })
  return { ...user, password: generated ? pw : undefined }
}
