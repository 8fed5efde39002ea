// Writes the compliance_decisions row of a blocked or deferred send (allows are not recorded: too many).
import 'server-only'
import { db, type Tx } from '@/lib/db'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { Decision } from './evaluate'
import type { Channel, Purpose } from './rules'

export async function recordDecision({
  orgId,
  leadId,
  channel,
  purpose,
  decision,
  context,
  tx,
}: {
  orgId: string
  leadId: string
  channel: Channel
  purpose: Purpose
  decision: Decision
  context?: Record<string, unknown>
  tx?: Tx
}): Promise<string | null> {
  if (decision.outcome === 'allow') return null
  const row = await (tx ?? db).complianceDecision.create({
    data: {
      orgId,
      leadId,
      channel,
      purpose,
      outcome: decision.outcome,
      rule: decision.rule,
      jurisdiction: decision.jurisdiction ?? null,
      explanation: decision.explanation.slice(0, 500),
      deferUntil: decision.outcome === 'defer' ? decision.until : null,
      context: (context ?? undefined) as Prisma.InputJsonValue | undefined,
    },
    select: { id: true },
  })
  return row.id
}
