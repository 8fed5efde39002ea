// Name, URL slug and time zone of an organization. Audited with before/after.
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import type { UpdateOrgSettingsInput } from '@/lib/orgs/schemas'
import type { OrgSettings } from '@/lib/orgs/get-org-settings'

export async function updateOrgSettings({ actor, name, slug, timeZone }: { actor: Actor } & UpdateOrgSettingsInput): Promise<OrgSettings> {
  const orgId = assertCan(actor, 'org.settings.update')
  const next = { name, slug, timeZone }
  const select = { id: true, slug: true, name: true, timeZone: true, createdAt: true } as const
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.organization.findFirst({ where: { id: orgId, deletedAt: null }, select })
      if (!before) throw new AppError('NOT_FOUND', 'Organization not found')
      if (next.slug !== before.slug) {
        const taken = await tx.organization.findUnique({ where: { slug: next.slug }, select: { id: true } })
        if (taken) throw slugTaken()
      }
      const after = await tx.organization.update({ where: { id: before.id }, data: next, select })
      const pick = (o: OrgSettings) => ({ name: o.name, slug: o.slug, timeZone: o.timeZone })
      await writeAudit(tx, {
        orgId: before.id,
        actor: auditActorOf(actor),
        action: 'org.settings.update',
        targetType: 'organization',
        targetId: before.id,
        before: pick(before),
        after: pick(after),
      })
      return after
    })
  } catch (err) {
    if ((err as { code?: string })?.code === 'P2002') throw slugTaken()
    throw err
  }
}

const slugTaken = () =>
  new AppError('CONFLICT', 'That URL name is taken; choose another', { details: { reason: 'SLUG_TAKEN', field: 'slug' } })
