// Admin CLI: `fm billing dunning [--org <slug>]` runs the dunning clock now — for one org as the operator, or the
// daily sweep over every org that is due. For incidents (a Stripe outage delayed the job) and for the e2e journey
// that moves the clock by rewriting the stored dates.
import 'server-only'
import { db } from '@/lib/db'
import { advanceDunning, unsafeRunDunningSweep, type DunningResult } from '@/lib/billing/advance-dunning'
import { operatorInOrg } from '@/lib/admin-cli/operator'

export async function adminRunDunning({ orgSlug }: { orgSlug?: string }): Promise<Array<DunningResult & { orgSlug: string }>> {
  const results = orgSlug ? [await advanceDunning({ actor: (await operatorInOrg(orgSlug)).actor })] : await unsafeRunDunningSweep()
  const orgs = await db.organization.findMany({ where: { id: { in: results.map((r) => r.orgId) } }, select: { id: true, slug: true } })
  const slug = new Map(orgs.map((o) => [o.id, o.slug]))
  return results.map((r) => ({ ...r, orgSlug: slug.get(r.orgId) ?? r.orgId }))
}
