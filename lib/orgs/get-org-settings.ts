import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { assertCan, type Actor } from '@/lib/auth/actor'

export interface OrgSettings {
  id: string
  slug: string
  name: string
  timeZone: string
  createdAt: Date
}

export async function getOrgSettings({ actor }: { actor: Actor }): Promise<OrgSettings> {
  const orgId = assertCan(actor, 'org.settings.read')
  const org = await db.organization.findFirst({
    where: { id: orgId, deletedAt: null },
    select: { id: true, slug: true, name: true, timeZone: true, createdAt: true },
  })
  if (!org) throw new AppError('NOT_FOUND', 'Organization not found')
  return org
}
