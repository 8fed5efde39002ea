// Saved list views (filters + sort + columns), private to their owner within the org. Any member who can read
// leads may keep views; a REP's view still only ever shows their assigned leads (scope applies at list time).
import { db } from '@/lib/db'
import { AppError, notFound } from '@/lib/errors'
import { requireScope, type LeadActor } from '@/lib/leads/lead-actor'
import { leadIdSchema, savedViewSchema } from '@/lib/leads/schemas'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { z } from 'zod'

const SELECT = { id: true, name: true, filters: true, columns: true, createdAt: true, updatedAt: true } as const
const owner = (actor: LeadActor) => {
  requireScope(actor, 'lead.read')
  if (!actor.userId) throw new AppError('FORBIDDEN', 'Saved views belong to a signed-in member')
  return { orgId: actor.orgId, ownerId: actor.userId }
}
const dupe = () => new AppError('CONFLICT', 'You already have a view with this name', { details: { reason: 'UNIQUE', field: 'name' } })
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue

export async function listSavedViews({ actor }: { actor: LeadActor }) {
  return db.savedView.findMany({ where: owner(actor), orderBy: { name: 'asc' }, select: SELECT })
}

export async function createSavedView({ actor, input }: { actor: LeadActor; input: z.input<typeof savedViewSchema> }) {
  const p = savedViewSchema.parse(input)
  const count = await db.savedView.count({ where: owner(actor) })
  if (count >= 50) throw new AppError('VALIDATION_FAILED', 'At most 50 saved views')
  try {
    return await db.savedView.create({ data: { ...owner(actor), name: p.name, filters: asJson(p.filters), columns: p.columns }, select: SELECT })
  } catch (e) {
    if ((e as { code?: string }).code === 'P2002') throw dupe()
    throw e
  }
}

export async function updateSavedView({ actor, viewId, input }: { actor: LeadActor; viewId: string; input: Partial<z.input<typeof savedViewSchema>> }) {
  const p = savedViewSchema.partial().parse(input)
  if (!leadIdSchema.safeParse(viewId).success) throw notFound('View')
  const r = await db.savedView.updateMany({
    where: { id: viewId, ...owner(actor) },
    data: { ...(p.name ? { name: p.name } : {}), ...(p.filters ? { filters: asJson(p.filters) } : {}), ...(p.columns ? { columns: p.columns } : {}) },
  }).catch((e) => { if ((e as { code?: string }).code === 'P2002') throw dupe(); throw e })
  if (!r.count) throw notFound('View')
  return db.savedView.findFirstOrThrow({ where: { id: viewId, ...owner(actor) }, select: SELECT })
}

export async function deleteSavedView({ actor, viewId }: { actor: LeadActor; viewId: string }) {
  if (!leadIdSchema.safeParse(viewId).success) throw notFound('View')
  const r = await db.savedView.deleteMany({ where: { id: viewId, ...owner(actor) } })
  if (!r.count) throw notFound('View')
  return { id: viewId }
}
