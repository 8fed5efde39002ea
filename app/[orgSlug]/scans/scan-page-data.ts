// Server-side wiring shared by the scan pages: the member's actor and what the UI may show. Scans are a
// manager's tool (PRODUCT §2: scan.read / scan.run = OWNER, ADMIN, MANAGER): a rep or viewer gets the 404 page,
// the same answer as for a page that does not exist (no existence leak).
import 'server-only'
import { notFound } from 'next/navigation'
import { can } from '@/lib/auth/permissions'
import { memberActor } from '@/lib/auth/actor'
import { requirePageMember } from '@/lib/auth/page-session'

export async function requireScanPage(orgSlug: string, permission: 'scan.read' | 'scan.run') {
  const { member } = await requirePageMember(orgSlug)
  if (!can(member.role, permission)) notFound()
  return { member, actor: memberActor(member), canRun: can(member.role, 'scan.run') }
}
