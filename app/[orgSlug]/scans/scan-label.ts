// The label of a scan for the leads list's "From scan …" chip. Members without scan.read (reps, viewers) and
// ids that are not this org's scan get null: the chip then says "From a scan" and leaks nothing.
import 'server-only'
import { can } from '@/lib/auth/permissions'
import { memberActor } from '@/lib/auth/actor'
import type { MemberContext } from '@/lib/auth/org-context'
import { findScanLabel } from '@/lib/scans/get-scan'

export async function scanFilterLabel(member: MemberContext, scanId: string | undefined): Promise<string | null> {
  if (!scanId || !can(member.role, 'scan.read')) return null
  return findScanLabel({ actor: memberActor(member), scanId })
}
