// Name, URL slug and time zone of an organization. Audited with before/after.
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import type { MemberContext } from '@/lib/auth/org-context'
import { assertCan } from '@/lib/auth/permissions'
import { updateOrgSettingsSchema } from '@/lib/orgs/schemas'
import type { OrgSettings } from '@/lib/orgs/get-org-settings'

export async function updateOrgSettings({ member, input }: { member: MemberContext; input: unknown }): Promise<OrgSettings> {
  assertCan(member.role, 'org.settings.update')
  const next = updateOrgSettingsSchema.parse(input)
  const select = { id: true, slug: true, name: true, timeZone: true, createdAt: true } as const
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.organization.findFirst({ where: { id: member.org.id, deletedAt: null }, select })
      if (!before) throw new AppError('NOT_FOUND', 'Organization not found')
      if (next.slug !== before.slug) {
        const taken = await tx.organization.findUnique({ where: { slug: next.slug }, select: { id: true } })
        if (taken) throw slugTaken()
      }
      const after = await tx.organization.update({ where: { id: before.id }, data: next, select })
      const pick = (o: OrgSettings) => ({ name: o.name, slug: o.slug, timeZone: o.timeZone })
      await writeAudit(tx, {
        orgId: before.id, actor: { type: 'USER', id: member.userId }, action: 'org.settings.update',
        targetType: 'organization', targetId: before.id, before: pick(before), after: pick(after),
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
