// The map's points: same filters and REP scope as the list, one capped query, other orgs see nothing.
import { leadFilterSchema } from '@/lib/leads/schemas'
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { listMapPoints } from '@/lib/leads/list-map-points'
import { createOrgWithRoles } from '@/tests/factories'
import { actorsOf, makeLead } from '@/tests/integration/leads/helpers'

const f = (x: unknown) => leadFilterSchema.parse(x)

describe('listMapPoints', () => {
  it('points of the filtered, scoped set, best scores first; capped; leads without coordinates counted; other org → none', async () => {
    const org = await createOrgWithRoles()
    const other = await createOrgWithRoles()
    const a = await actorsOf(org)
    const b = await actorsOf(other)
    const hot = await makeLead(a.OWNER, { score: 91, lat: 32.78, lng: -96.8, assigneeId: a.membership.REP })
    const warm = await makeLead(a.OWNER, { score: 65, lat: 32.79, lng: -96.81 })
    const cold = await makeLead(a.OWNER, { score: 20, lat: 32.8, lng: -96.82, assigneeId: a.membership.REP })
    await makeLead(a.OWNER, { score: 70 }) // no coordinates
    const trashed = await makeLead(a.OWNER, { score: 99, lat: 32.7, lng: -96.7 })
    await db.lead.update({ where: { id: trashed.id }, data: { deletedAt: new Date() } })

    const all = await listMapPoints({ actor: a.MANAGER, filter: f({}) })
    expect(all.points.map((p) => p.id)).toEqual([hot.id, warm.id, cold.id])
    expect(all.points[0]).toMatchObject({ lat: 32.78, lng: -96.8, score: 91, band: 'HOT', status: 'NEW' })
    expect(all.points[0]!.address).toMatch(/Elm Street, Dallas$/)
    expect(all).toMatchObject({ capped: false, withoutCoords: 1 })

    expect((await listMapPoints({ actor: a.MANAGER, filter: f({ band: 'HOT,COLD' }) })).points.map((p) => p.id)).toEqual([hot.id, cold.id])
    expect(await listMapPoints({ actor: a.MANAGER, filter: f({}), cap: 2 })).toMatchObject({
      capped: true,
      points: [{ id: hot.id }, { id: warm.id }],
    })
    // a REP sees only the leads assigned to them, whatever the filter asks
    expect((await listMapPoints({ actor: a.REP, filter: f({}) })).points.map((p) => p.id)).toEqual([hot.id, cold.id])
    expect((await listMapPoints({ actor: a.REP, filter: f({ assignee: a.membership.MANAGER }) })).points).toEqual([])
    // another org
    expect(await listMapPoints({ actor: b.OWNER, filter: f({}) })).toEqual({ points: [], capped: false, withoutCoords: 0 })
  })
})
