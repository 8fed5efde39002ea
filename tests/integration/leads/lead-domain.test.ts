import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { createOrgWithRoles } from '@/tests/factories'
import { listLeads } from '@/lib/leads/list-leads'
import { getLead } from '@/lib/leads/get-lead'
import { createLead } from '@/lib/leads/create-lead'
import { updateLead } from '@/lib/leads/update-lead'
import { bulkChangeLeadStatus, changeLeadStatus } from '@/lib/leads/change-lead-status'
import { assignLeads } from '@/lib/leads/assign-leads'
import { tagLeads } from '@/lib/leads/tag-leads'
import { untagLeads } from '@/lib/leads/untag-leads'
import { addNote } from '@/lib/leads/add-note'
import { addTask } from '@/lib/leads/add-task'
import { completeTask } from '@/lib/leads/complete-task'
import { deleteLeads } from '@/lib/leads/delete-leads'
import { restoreLeads } from '@/lib/leads/restore-leads'
import { listTrash } from '@/lib/leads/list-trash'
import { createSavedView, deleteSavedView, listSavedViews } from '@/lib/leads/saved-views'
import { createLeadSchema, listLeadsSchema, savedViewSchema, tagChangeSchema, taskInputSchema, updateLeadSchema } from '@/lib/leads/schemas'
import { apiKeyActor, staffActor, systemActor } from '@/lib/auth/actor'
import { actorsOf, makeLead } from './helpers'

// domain functions take parsed input: these tests parse it as an action or route would
const q = (x: unknown) => listLeadsSchema.parse(x)
const nl = (x: unknown) => createLeadSchema.parse(x)
const up = (x: unknown) => updateLeadSchema.parse(x)
const tk = (x: unknown) => taskInputSchema.parse(x)
const sv = (x: unknown) => savedViewSchema.parse(x)

const err = async (p: Promise<unknown>) =>
  toAppError(
    await p.then(
      () => null,
      (e) => e,
    ),
  )

describe('lead domain', () => {
  it('creates a lead: normalized address, band derived from score, timeline + audit; duplicate address → CONFLICT', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const lead = await createLead({
      actor: a.OWNER,
      lead: nl({
        addressLine1: '12 North Oak Street',
        city: 'Plano',
        state: 'Texas',
        zip: '75074-1234',
        score: 85,
        contact: { name: 'Pat', phones: ['(214) 555-0100'], emails: ['PAT@Example.com'] },
      }),
    })
    expect(lead.normalizedAddress).toBe('12 N OAK ST, PLANO, TX 75074')
    expect(lead.band).toBe('HOT')
    const detail = await getLead({ actor: a.OWNER, leadId: lead.id })
    expect(detail.contacts[0]).toMatchObject({ phones: ['+12145550100'], emails: ['pat@example.com'] })
    expect(detail.activities.map((x) => x.type)).toContain('lead.created')
    expect(await db.auditLog.count({ where: { orgId: org.org.id, action: 'lead.create', targetId: lead.id } })).toBe(1)
    const dup = await err(
      createLead({ actor: a.OWNER, lead: nl({ addressLine1: '12 N. Oak St', city: 'plano', state: 'TX', zip: '75074' }) }),
    )
    expect(dup).toMatchObject({ code: 'CONFLICT', details: { reason: 'DUPLICATE_ADDRESS' } })
  })

  it('the database enforces band, lost reason, tags and same-org assignee', async () => {
    const org = await createOrgWithRoles()
    const other = await createOrgWithRoles()
    const a = await actorsOf(org)
    const b = await actorsOf(other)
    const lead = await makeLead(a.OWNER, { score: 61 })
    expect(lead.band).toBe('WARM')
    await db.lead.update({ where: { id: lead.id }, data: { score: 10 } })
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).band).toBe('COLD')
    await expect(db.lead.update({ where: { id: lead.id }, data: { status: 'LOST' } })).rejects.toThrow()
    await expect(db.lead.update({ where: { id: lead.id }, data: { tags: ['a', 'a'] } })).rejects.toThrow()
    await expect(
      db.lead.update({ where: { id: lead.id }, data: { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) } }),
    ).rejects.toThrow()
    await expect(db.lead.update({ where: { id: lead.id }, data: { tags: ['x'.repeat(51)] } })).rejects.toThrow()
    await expect(db.lead.update({ where: { id: lead.id }, data: { assigneeId: b.membership.REP } })).rejects.toThrow()
    await expect(db.contact.create({ data: { orgId: org.org.id, leadId: lead.id, phones: ['214-555-0100'] } })).rejects.toThrow()
  })

  it('lists with filters, search, sort and keyset pagination without gaps or repeats', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const scores = [95, 85, 80, 79, 70, 60, 59, 30, 0, null]
    for (const [i, score] of scores.entries())
      await makeLead(a.OWNER, {
        score,
        ownerName: i === 3 ? 'Zelda Quixote' : null,
        addressLine1: `${500 + i} Maple Avenue`,
        ...(i === 4 ? { contact: { phones: ['+12145559876'] } } : {}),
      })
    const all: string[] = []
    let cursor: string | undefined
    do {
      const page = await listLeads({ actor: a.MANAGER, query: q({ sort: 'score', dir: 'desc', limit: 3, cursor }) })
      all.push(...page.items.map((i) => String(i.score)))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(all).toEqual(scores.map(String))
    const hot = await listLeads({ actor: a.OWNER, query: q({ band: ['HOT'] }) })
    expect(hot.items.map((i) => i.score)).toEqual([95, 85, 80])
    const warmOrCold = await listLeads({ actor: a.OWNER, query: q({ band: 'WARM,COLD' as unknown as ['WARM'], scoreMin: 50 }) })
    expect(warmOrCold.items.map((i) => i.score)).toEqual([79, 70, 60, 59])
    expect((await listLeads({ actor: a.OWNER, query: q({ q: 'zelda' }) })).items).toHaveLength(1)
    expect((await listLeads({ actor: a.OWNER, query: q({ q: '504 maple ave' }) })).items).toHaveLength(1)
    expect((await listLeads({ actor: a.OWNER, query: q({ q: '(214) 555-9876' }) })).items).toHaveLength(1)
    expect((await listLeads({ actor: a.OWNER, query: q({ q: '100%_' }) })).items).toHaveLength(0)
    const byAddress = await listLeads({ actor: a.OWNER, query: q({ sort: 'address', dir: 'asc', limit: 4 }) })
    const next = await listLeads({ actor: a.OWNER, query: q({ sort: 'address', dir: 'asc', limit: 4, cursor: byAddress.nextCursor! }) })
    expect(next.items[0]!.normalizedAddress > byAddress.items[3]!.normalizedAddress).toBe(true)
    const created = await listLeads({ actor: a.OWNER, query: q({ sort: 'created', dir: 'asc', limit: 5, withTotal: true }) })
    expect(created.total).toBeGreaterThan(0)
    const first = await listLeads({ actor: a.OWNER, query: q({ limit: 100, withTotal: true }) })
    expect(first).toMatchObject({ total: 10, totalIsEstimate: false })
    expect(await err(listLeads({ actor: a.OWNER, query: q({ sort: 'created', cursor: byAddress.nextCursor! }) }))).toMatchObject({
      code: 'BAD_REQUEST',
    })
    expect(await err(listLeads({ actor: a.OWNER, query: q({ cursor: 'garbage!' }) }))).toMatchObject({ code: 'BAD_REQUEST' })
  })

  it('REP sees and touches only leads assigned to them; another org sees nothing (NOT_FOUND)', async () => {
    const org = await createOrgWithRoles()
    const other = await createOrgWithRoles()
    const a = await actorsOf(org)
    const b = await actorsOf(other)
    const mine = await makeLead(a.OWNER, { assigneeId: a.membership.REP, ownerName: 'Rep Lead' })
    const notMine = await makeLead(a.OWNER, { ownerName: 'Other Lead' })
    const repList = await listLeads({ actor: a.REP, query: q({}) })
    expect(repList.items.map((i) => i.id)).toEqual([mine.id])
    expect((await listLeads({ actor: a.REP, query: q({ q: 'other lead' }) })).items).toHaveLength(0)
    expect((await listLeads({ actor: a.VIEWER, query: q({}) })).items).toHaveLength(2)
    expect(await err(getLead({ actor: a.REP, leadId: notMine.id }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await err(addNote({ actor: a.REP, leadId: notMine.id, body: 'hi' }))).toMatchObject({ code: 'NOT_FOUND' })
    await addNote({ actor: a.REP, leadId: mine.id, body: 'called, no answer' })
    expect(await err(updateLead({ actor: a.VIEWER, leadId: mine.id, patch: up({ ownerName: 'x' }) }))).toMatchObject({ code: 'FORBIDDEN' })
    const repBulk = await tagLeads({ actor: a.REP, target: { ids: [mine.id, notMine.id] }, tags: ['storm'] })
    expect(repBulk).toEqual({ succeeded: [mine.id], failed: [{ id: notMine.id, reason: 'NOT_FOUND' }] })
    // a REP creating a lead gets it assigned to themself
    const created = await makeLead(a.REP)
    expect(created.assigneeId).toBe(a.membership.REP)
    // another org
    expect(await err(getLead({ actor: b.OWNER, leadId: mine.id }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await err(updateLead({ actor: b.OWNER, leadId: mine.id, patch: up({ ownerName: 'x' }) }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await err(changeLeadStatus({ actor: b.OWNER, leadId: mine.id, status: 'CONTACTED' }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await deleteLeads({ actor: b.OWNER, target: { ids: [mine.id] } })).toEqual({
      succeeded: [],
      failed: [{ id: mine.id, reason: 'NOT_FOUND' }],
    })
    expect((await listLeads({ actor: b.OWNER, query: q({}) })).items).toHaveLength(0)
    expect(await err(assignLeads({ actor: a.OWNER, target: { ids: [mine.id] }, assigneeId: b.membership.REP }))).toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    expect(await err(getLead({ actor: a.OWNER, leadId: 'not-a-uuid' }))).toMatchObject({ code: 'NOT_FOUND' })
  })

  it('status, assignment, tags, notes, tasks: each on the timeline and audited', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const l1 = await makeLead(a.OWNER)
    const l2 = await makeLead(a.OWNER, { tags: Array.from({ length: 10 }, (_, i) => `t${i}`) })
    expect(await err(changeLeadStatus({ actor: a.MANAGER, leadId: l1.id, status: 'LOST' }))).toMatchObject({ code: 'VALIDATION_FAILED' })
    await changeLeadStatus({ actor: a.MANAGER, leadId: l1.id, status: 'LOST', lostReason: 'Went with a competitor' })
    await updateLead({ actor: a.MANAGER, leadId: l1.id, patch: up({ status: 'CONTACTED' }) })
    expect((await db.lead.findUniqueOrThrow({ where: { id: l1.id } })).lostReason).toBeNull()
    const assigned = await assignLeads({ actor: a.MANAGER, target: { ids: [l1.id, l2.id] }, assigneeId: a.membership.REP })
    expect(assigned.succeeded.sort()).toEqual([l1.id, l2.id].sort())
    expect(await err(assignLeads({ actor: a.REP, target: { ids: [l1.id] }, assigneeId: null }))).toMatchObject({ code: 'FORBIDDEN' })
    const tagged = await tagLeads({ actor: a.OWNER, target: { ids: [l1.id, l2.id] }, tags: tagChangeSchema.parse(['Storm 2026', 'hail']) })
    expect(tagged).toEqual({ succeeded: [l1.id], failed: [{ id: l2.id, reason: 'TOO_MANY_TAGS' }] })
    expect((await db.lead.findUniqueOrThrow({ where: { id: l1.id } })).tags).toEqual(['storm 2026', 'hail'])
    await untagLeads({ actor: a.OWNER, target: { filter: { tags: ['hail'] } }, tags: ['hail'] })
    expect((await db.lead.findUniqueOrThrow({ where: { id: l1.id } })).tags).toEqual(['storm 2026'])
    await addNote({ actor: a.OWNER, leadId: l1.id, body: 'Roof looks rough' })
    const task = await addTask({ actor: a.OWNER, leadId: l1.id, task: tk({ title: 'Call back', dueAt: new Date(Date.now() + 86400000) }) })
    await completeTask({ actor: a.REP, taskId: task.id })
    const bulk = await bulkChangeLeadStatus({ actor: a.OWNER, target: { filter: { assignee: a.membership.REP } }, status: 'QUALIFIED' })
    expect(bulk.succeeded).toHaveLength(2)
    const d = await getLead({ actor: a.OWNER, leadId: l1.id })
    expect(d.notes[0]!.body).toBe('Roof looks rough')
    expect(d.tasks[0]!.doneAt).not.toBeNull()
    expect(new Set(d.activities.map((x) => x.type))).toEqual(
      new Set(['lead.created', 'status.changed', 'assignment.changed', 'tags.changed', 'note.added', 'task.added', 'task.completed']),
    )
    const actions = (await db.auditLog.findMany({ where: { orgId: org.org.id }, select: { action: true } })).map((x) => x.action)
    for (const x of [
      'lead.status.change',
      'lead.update',
      'lead.assign',
      'lead.tag',
      'lead.untag',
      'lead.note.add',
      'lead.task.add',
      'lead.task.complete',
    ])
      expect(actions).toContain(x)
  })

  it('soft delete frees the address, trash lists it, restore within 30 days (per-lead reasons)', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const l1 = await makeLead(a.OWNER, { addressLine1: '1 Trash Way' })
    const l2 = await makeLead(a.OWNER)
    const l3 = await makeLead(a.OWNER)
    expect(await err(deleteLeads({ actor: a.MANAGER, target: { ids: [l1.id] } }))).toMatchObject({ code: 'FORBIDDEN' })
    expect((await deleteLeads({ actor: a.ADMIN, target: { ids: [l1.id, l2.id, l3.id] } })).succeeded).toHaveLength(3)
    expect((await listLeads({ actor: a.OWNER, query: q({}) })).items).toHaveLength(0)
    expect(await err(getLead({ actor: a.OWNER, leadId: l1.id }))).toMatchObject({ code: 'NOT_FOUND' })
    expect((await listTrash({ actor: a.OWNER })).map((t) => t.id).sort()).toEqual([l1.id, l2.id, l3.id].sort())
    await makeLead(a.OWNER, { addressLine1: '1 Trash Way' }) // address free again
    await db.lead.update({ where: { id: l3.id }, data: { deletedAt: new Date(Date.now() - 31 * 86400000) } })
    const r = await restoreLeads({ actor: a.OWNER, ids: [l1.id, l2.id, l3.id] })
    expect(r.succeeded).toEqual([l2.id])
    expect(r.failed).toEqual(
      expect.arrayContaining([
        { id: l1.id, reason: 'ADDRESS_TAKEN' },
        { id: l3.id, reason: 'EXPIRED' },
      ]),
    )
  })

  it('saved views are per owner', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const v = await createSavedView({
      actor: a.REP,
      view: sv({ name: 'Hot ones', filters: { band: ['HOT'], sort: 'score' }, columns: ['address', 'score'] }),
    })
    expect(await err(createSavedView({ actor: a.REP, view: sv({ name: 'Hot ones', filters: {} }) }))).toMatchObject({ code: 'CONFLICT' })
    expect(await listSavedViews({ actor: a.MANAGER })).toHaveLength(0)
    expect(await err(deleteSavedView({ actor: a.MANAGER, viewId: v.id }))).toMatchObject({ code: 'NOT_FOUND' })
    await deleteSavedView({ actor: a.REP, viewId: v.id })
  })

  it('every caller gets the same check: API keys by scope, jobs by their grants, staff not at all', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const lead = await makeLead(a.OWNER)
    const readKey = apiKeyActor({ id: crypto.randomUUID(), orgId: org.org.id, scope: 'READ' })
    expect((await listLeads({ actor: readKey, query: q({}) })).items).toHaveLength(1)
    expect(
      await err(createLead({ actor: readKey, lead: nl({ addressLine1: '9 Key Road', city: 'Dallas', state: 'TX', zip: '75201' }) })),
    ).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'SCOPE_REQUIRED' } })
    const importJob = systemActor({ process: 'leads.import', orgId: org.org.id })
    expect(await err(deleteLeads({ actor: importJob, target: { ids: [lead.id] } }))).toMatchObject({ code: 'FORBIDDEN' })
    expect(await err(getLead({ actor: importJob, leadId: lead.id }))).toMatchObject({ code: 'FORBIDDEN' })
    const staff = staffActor({ id: org.members.OWNER.user.id, staffRole: 'STAFF_ADMIN' })
    expect(await err(listLeads({ actor: staff, query: q({}) }))).toMatchObject({ code: 'FORBIDDEN' })
    expect(await err(addNote({ actor: staff, leadId: lead.id, body: 'hi' }))).toMatchObject({ code: 'FORBIDDEN' })
    expect(await db.leadNote.count({ where: { leadId: lead.id } })).toBe(0)
  })
})
