// Saved list views (filters + sort + columns), private to their owner within the org. Any member who can read
// leads may keep views; a REP's view still only ever shows their assigned leads (scope applies at list time).
import 'server-only'
import { db } from '@/lib/db'
import { AppError, notFound } from '@/lib/errors'
import { assertCan, userIdOf, type Actor } from '@/lib/auth/actor'
import { leadIdSchema, type SavedViewInput, type SavedViewPatch } from '@/lib/leads/schemas'
import type { Prisma } from '@/lib/generated/prisma/client'

const SELECT = { id: true, name: true, filters: true, columns: true, createdAt: true, updatedAt: true } as const
const owner = (actor: Actor) => {
  const orgId = assertCan(actor, 'lead.read')
  const ownerId = userIdOf(actor)
  if (!ownerId) throw new AppError('FORBIDDEN', 'Saved views belong to a signed-in member')
  return { orgId, ownerId }
}
const dupe = () => new AppError('CONFLICT', 'You already have a view with this name', { details: { reason: 'UNIQUE', field: 'name' } })
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue

export async function listSavedViews({ actor }: { actor: Actor }) {
  return db.savedView.findMany({ where: owner(actor), orderBy: { name: 'asc' }, select: SELECT })
}

/** `view`: parsed by savedViewSchema at the edge */
export async function createSavedView({ actor, view: p }: { actor: Actor; view: SavedViewInput }) {
  const count = await db.savedView.count({ where: owner(actor) })
  if (count >= 50) throw new AppError('VALIDATION_FAILED', 'At most 50 saved views')
  try {
    return await db.savedView.create({
      data: { ...owner(actor), name: p.name, filters: asJson(p.filters), columns: p.columns },
      select: SELECT,
    })
  } catch (e) {
    if ((e as { code?: string }).code === 'P2002') throw dupe()
    throw e
  }
}

/** `view`: parsed by savedViewSchema.partial() at the edge */
export async function updateSavedView({ actor, viewId, view: p }: { actor: Actor; viewId: string; view: SavedViewPatch }) {
  if (!leadIdSchema.safeParse(viewId).success) throw notFound('View')
  const r = await db.savedView
    .updateMany({
      where: { id: viewId, ...owner(actor) },
      data: {
        ...(p.name ? { name: p.name } : {}),
        ...(p.filters ? { filters: asJson(p.filters) } : {}),
        ...(p.columns ? { columns: p.columns } : {}),
      },
    })
    .catch((e) => {
      if ((e as { code?: string }).code === 'P2002') throw dupe()
      throw e
    })
  if (!r.count) throw notFound('View')
  return db.savedView.findFirstOrThrow({ where: { id: viewId, ...owner(actor) }, select: SELECT })
}

export async function deleteSavedView({ actor, viewId }: { actor: Actor; viewId: string }) {
  if (!leadIdSchema.safeParse(viewId).success) throw notFound('View')
  const r = await db.savedView.deleteMany({ where: { id: viewId, ...owner(actor) } })
  if (!r.count) throw notFound('View')
  return { id: viewId }
}
