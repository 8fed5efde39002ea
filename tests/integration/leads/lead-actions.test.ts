// Every lead action: another org's member gets NOT_FOUND (no existence leak), bad input is a 4xx result
// (never INTERNAL), and a REP only ever reaches leads assigned to them.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createOrgWithRoles } from '@/tests/factories'
import * as actions from '@/app/[orgSlug]/leads/actions'
import * as keyActions from '@/app/[orgSlug]/settings/api-keys/actions'
import type { ActionResult } from '@/lib/actions/define-action'
import { actorsOf, makeLead } from './helpers'

type AnyAction = { as: (a: { sessionId: string }) => (input: unknown) => Promise<ActionResult<unknown>> }
const all = { ...actions, ...keyActions } as unknown as Record<string, AnyAction>

describe('lead actions', () => {
  it('every action answers NOT_FOUND to a member of another org, for that org and for its lead ids', async () => {
    const org = await createOrgWithRoles()
    const outsider = await createOrgWithRoles()
    const a = await actorsOf(org)
    const lead = await makeLead(a.OWNER)
    const task = await db.leadTask.create({ data: { orgId: org.org.id, leadId: lead.id, title: 't' } })
    const ids = { leadId: lead.id, taskId: task.id, viewId: lead.id, importId: lead.id, keyId: lead.id }
    const inputs: Record<string, unknown> = {
      listLeadsAction: {},
      getLeadAction: { leadId: lead.id },
      createLeadAction: { lead: { addressLine1: '1 A St', city: 'Dallas', state: 'TX', zip: '75201' } },
      updateLeadAction: { leadId: lead.id, patch: { ownerName: 'x' } },
      changeLeadStatusAction: { leadId: lead.id, status: 'CONTACTED' },
      bulkChangeLeadStatusAction: { target: { ids: [lead.id] }, status: 'CONTACTED' },
      assignLeadsAction: { target: { ids: [lead.id] }, assigneeId: null },
      tagLeadsAction: { target: { ids: [lead.id] }, tags: ['x'] },
      untagLeadsAction: { target: { ids: [lead.id] }, tags: ['x'] },
      addNoteAction: { leadId: lead.id, body: 'x' },
      addTaskAction: { leadId: lead.id, task: { title: 'x' } },
      completeTaskAction: { taskId: task.id },
      deleteLeadsAction: { target: { ids: [lead.id] } },
      restoreLeadsAction: { ids: [lead.id] },
      listTrashAction: {},
      listSavedViewsAction: {},
      createSavedViewAction: { view: { name: 'v', filters: {} } },
      updateSavedViewAction: { viewId: lead.id, view: { name: 'w' } },
      deleteSavedViewAction: { viewId: lead.id },
      previewImportAction: { csvText: 'address,city,state,zip\n1 A St,Dallas,TX,75201' },
      commitImportAction: {
        csvText: 'address,city,state,zip\n1 A St,Dallas,TX,75201',
        mapping: { addressLine1: 'address', city: 'city', state: 'state', zip: 'zip' },
        fileName: 'a.csv',
      },
      getImportAction: { importId: ids.importId },
      listImportsAction: {},
      listAssigneesAction: {},
      validateExportFilterAction: { filter: {} },
      createApiKeyAction: { key: { name: 'k' } },
      listApiKeysAction: {},
      revokeApiKeyAction: { keyId: ids.keyId },
    }
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(all).sort())
    for (const [name, input] of Object.entries(inputs)) {
      const r = await all[name]!.as({ sessionId: outsider.members.OWNER.sessionId })({ orgSlug: org.org.slug, ...(input as object) })
      expect(r.ok ? 'ok' : r.error.code, name).toBe('NOT_FOUND')
      // and from the outsider's own org, the foreign ids are not found / not touched
    }
    for (const name of [
      'getLeadAction',
      'updateLeadAction',
      'changeLeadStatusAction',
      'addNoteAction',
      'addTaskAction',
      'completeTaskAction',
      'getImportAction',
      'revokeApiKeyAction',
    ]) {
      const r = await all[name]!.as({ sessionId: outsider.members.OWNER.sessionId })({
        orgSlug: outsider.org.slug,
        ...(inputs[name] as object),
      })
      expect(r.ok ? 'ok' : r.error.code, `${name} in own org`).toBe('NOT_FOUND')
    }
    for (const name of ['bulkChangeLeadStatusAction', 'tagLeadsAction', 'deleteLeadsAction', 'assignLeadsAction', 'restoreLeadsAction']) {
      const r = await all[name]!.as({ sessionId: outsider.members.OWNER.sessionId })({
        orgSlug: outsider.org.slug,
        ...(inputs[name] as object),
      })
      expect(r.ok && (r.data as { failed: unknown[] }).failed, name).toEqual([{ id: lead.id, reason: 'NOT_FOUND' }])
    }
    const untouched = await db.lead.findUniqueOrThrow({ where: { id: lead.id } })
    expect(untouched).toMatchObject({ status: 'NEW', deletedAt: null, tags: [] })
  })

  it('malformed and wrongly typed input is a 4xx result, never INTERNAL', async () => {
    const org = await createOrgWithRoles()
    const s = { sessionId: org.members.OWNER.sessionId }
    const bad: Array<[string, unknown]> = [
      ['listLeadsAction', { query: { limit: 'lots' } }],
      ['listLeadsAction', { query: { sort: 1 } }],
      ['listLeadsAction', { query: { cursor: '!!!' } }],
      ['getLeadAction', { leadId: 42 }],
      ['getLeadAction', { leadId: 'x'.repeat(5000) }],
      ['createLeadAction', { lead: null }],
      ['createLeadAction', { lead: { addressLine1: '', city: 'D', state: 'XX1', zip: 'abc' } }],
      ['createLeadAction', { lead: { addressLine1: '1 A', city: 'D', state: 'TX', zip: '75201', contact: { phones: ['123'] } } }],
      ['updateLeadAction', { leadId: '00000000-0000-0000-0000-000000000000', patch: { score: '90' } }],
      ['changeLeadStatusAction', { leadId: 'nope', status: 'DONE' }],
      ['bulkChangeLeadStatusAction', { target: { ids: [] }, status: 'NEW' }],
      ['assignLeadsAction', { target: { ids: ['not-uuid'] }, assigneeId: 'me' }],
      ['tagLeadsAction', { target: { filter: { band: ['PURPLE'] } }, tags: ['a'] }],
      ['tagLeadsAction', { target: { ids: ['00000000-0000-0000-0000-000000000000'] }, tags: ['x'.repeat(51)] }],
      ['addNoteAction', { leadId: 'x', body: '' }],
      ['addTaskAction', { leadId: 'x', task: { title: 'a', dueAt: 'whenever' } }],
      ['restoreLeadsAction', { ids: 'all' }],
      ['createSavedViewAction', { view: { name: '', filters: [] } }],
      ['previewImportAction', { csvText: '' }],
      ['commitImportAction', { csvText: 'a\n1', mapping: { addressLine1: 'a' }, fileName: 'x' }],
      ['createApiKeyAction', { key: { name: 'k', scope: 'ADMIN' } }],
      ['listLeadsAction', { query: { q: 'x'.repeat(300_000) } }],
    ]
    for (const [name, input] of bad) {
      const r = await all[name]!.as(s)({ orgSlug: org.org.slug, ...(input as object) })
      expect(r.ok, `${name} ${JSON.stringify(input).slice(0, 80)}`).toBe(false)
      if (!r.ok)
        expect(['BAD_REQUEST', 'VALIDATION_FAILED', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE'], `${name}: ${r.error.code}`).toContain(r.error.code)
    }
  })

  it('a REP reaches only assigned leads through the actions (list, search, detail, write, bulk)', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const mine = await makeLead(a.OWNER, { assigneeId: a.membership.REP, ownerName: 'Mine Person' })
    const theirs = await makeLead(a.OWNER, { ownerName: 'Theirs Person' })
    const rep = { sessionId: org.members.REP.sessionId }
    const list = await actions.listLeadsAction.as(rep)({ orgSlug: org.org.slug, query: { q: 'person' } })
    expect(list.ok && (list.data as { items: Array<{ id: string }> }).items.map((i) => i.id)).toEqual([mine.id])
    const get = await actions.getLeadAction.as(rep)({ orgSlug: org.org.slug, leadId: theirs.id })
    expect(get.ok ? 'ok' : get.error.code).toBe('NOT_FOUND')
    const upd = await actions.updateLeadAction.as(rep)({ orgSlug: org.org.slug, leadId: theirs.id, patch: { ownerName: 'hijack' } })
    expect(upd.ok ? 'ok' : upd.error.code).toBe('NOT_FOUND')
    const assignViaPatch = await actions.updateLeadAction.as(rep)({ orgSlug: org.org.slug, leadId: mine.id, patch: { assigneeId: null } })
    expect(assignViaPatch.ok ? 'ok' : assignViaPatch.error.code).toBe('FORBIDDEN')
    const bulk = await actions.bulkChangeLeadStatusAction.as(rep)({ orgSlug: org.org.slug, target: { filter: {} }, status: 'CONTACTED' })
    expect(bulk.ok && bulk.data).toEqual({ succeeded: [mine.id], failed: [] })
    expect((await db.lead.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe('NEW')
    const exp = await actions.validateExportFilterAction.as(rep)({ orgSlug: org.org.slug, filter: {} })
    expect(exp.ok ? 'ok' : exp.error.code).toBe('FORBIDDEN')
  })
})
