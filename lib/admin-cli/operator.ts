// The admin CLI (`npm run fm`) acts as the `operator` system process (SYSTEM_GRANTS): someone with shell access
// to production. Its commands name an org by slug; this resolves it and builds the actor the domain calls get.
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { systemActor, type Actor } from '@/lib/auth/actor'
import type { OrgPlan } from '@/lib/generated/prisma/enums'

export type OperatorActor = Extract<Actor, { kind: 'system' }>

/** The operator acting in `orgId`, or outside any org (creating users and orgs). */
export const operator = (orgId: string | null = null) => systemActor({ process: 'operator', orgId }) as OperatorActor

export async function operatorInOrg(orgSlug: string): Promise<{ org: { id: string; slug: string; plan: OrgPlan }; actor: OperatorActor }> {
  const org = await db.organization.findFirst({ where: { slug: orgSlug, deletedAt: null }, select: { id: true, slug: true, plan: true } })
  if (!org) throw new AppError('NOT_FOUND', `No organization "${orgSlug}"`)
  return { org, actor: operator(org.id) }
}
