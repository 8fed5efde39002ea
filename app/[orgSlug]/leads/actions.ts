'use server'
// Lead CRM server actions: thin wiring (session → member from DB → permission → zod → one domain call).
// Row scope (REP: assigned leads only) is enforced inside lib/leads through memberActor().
import { z } from 'zod'
import { orgAction } from '@/lib/actions/define-action'
import { memberActor } from '@/lib/leads/lead-actor'
import {
  bulkTargetSchema, createLeadSchema, leadFilterSchema, listLeadsSchema, lostReasonSchema, leadStatusSchema,
  noteBodySchema, savedViewSchema, tagsSchema, taskInputSchema, updateLeadSchema,
} from '@/lib/leads/schemas'
import { importMappingSchema } from '@/lib/leads/import-mapping'
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
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from '@/lib/leads/saved-views'
import { previewImport } from '@/lib/leads/preview-import'
import { commitImport } from '@/lib/leads/commit-import'
import { getImport, listImports } from '@/lib/leads/get-import'
import { listAssignees } from '@/lib/leads/list-assignees'

const id = z.string().max(64)
const empty = z.object({})
/** CSV text through a server action: Next's action body limit applies (see next.config serverActions.bodySizeLimit) */
const csvText = z.string().min(1).max(50 * 1024 * 1024)

export const listLeadsAction = orgAction({ permission: 'lead.read', input: z.object({ query: listLeadsSchema.optional() }) }, async ({ input, member }) =>
  listLeads({ actor: memberActor(member), input: input.query ?? {} }))

export const getLeadAction = orgAction({ permission: 'lead.read', input: z.object({ leadId: id }) }, async ({ input, member }) =>
  getLead({ actor: memberActor(member), leadId: input.leadId }))

export const createLeadAction = orgAction({ permission: 'lead.write', input: z.object({ lead: createLeadSchema }) }, async ({ input, member }) =>
  createLead({ actor: memberActor(member), input: input.lead, source: 'MANUAL' }))

export const updateLeadAction = orgAction({ permission: 'lead.write', input: z.object({ leadId: id, patch: updateLeadSchema }) }, async ({ input, member }) =>
  updateLead({ actor: memberActor(member), leadId: input.leadId, input: input.patch }))

export const changeLeadStatusAction = orgAction(
  { permission: 'lead.write', input: z.object({ leadId: id, status: leadStatusSchema, lostReason: lostReasonSchema.nullish() }) },
  async ({ input, member }) => changeLeadStatus({ actor: memberActor(member), leadId: input.leadId, status: input.status, lostReason: input.lostReason }))

export const bulkChangeLeadStatusAction = orgAction(
  { permission: 'lead.write', input: z.object({ target: bulkTargetSchema, status: leadStatusSchema, lostReason: lostReasonSchema.nullish() }) },
  async ({ input, member }) => bulkChangeLeadStatus({ actor: memberActor(member), target: input.target, status: input.status, lostReason: input.lostReason }))

export const assignLeadsAction = orgAction({ permission: 'lead.assign', input: z.object({ target: bulkTargetSchema, assigneeId: z.uuid().nullable() }) }, async ({ input, member }) =>
  assignLeads({ actor: memberActor(member), target: input.target, assigneeId: input.assigneeId }))

export const tagLeadsAction = orgAction({ permission: 'lead.write', input: z.object({ target: bulkTargetSchema, tags: tagsSchema }) }, async ({ input, member }) =>
  tagLeads({ actor: memberActor(member), target: input.target, tags: input.tags }))

export const untagLeadsAction = orgAction({ permission: 'lead.write', input: z.object({ target: bulkTargetSchema, tags: tagsSchema }) }, async ({ input, member }) =>
  untagLeads({ actor: memberActor(member), target: input.target, tags: input.tags }))

export const addNoteAction = orgAction({ permission: 'lead.write', input: z.object({ leadId: id, body: noteBodySchema }) }, async ({ input, member }) =>
  addNote({ actor: memberActor(member), leadId: input.leadId, body: input.body }))

export const addTaskAction = orgAction({ permission: 'lead.write', input: z.object({ leadId: id, task: taskInputSchema }) }, async ({ input, member }) =>
  addTask({ actor: memberActor(member), leadId: input.leadId, input: input.task }))

export const completeTaskAction = orgAction({ permission: 'lead.write', input: z.object({ taskId: id, done: z.boolean().default(true) }) }, async ({ input, member }) =>
  completeTask({ actor: memberActor(member), taskId: input.taskId, done: input.done }))

export const deleteLeadsAction = orgAction({ permission: 'lead.delete', input: z.object({ target: bulkTargetSchema }) }, async ({ input, member }) =>
  deleteLeads({ actor: memberActor(member), target: input.target }))

export const restoreLeadsAction = orgAction({ permission: 'lead.delete', input: z.object({ ids: z.array(z.uuid()).min(1).max(1000) }) }, async ({ input, member }) =>
  restoreLeads({ actor: memberActor(member), ids: input.ids }))

export const listTrashAction = orgAction({ permission: 'lead.delete', input: z.object({ before: z.coerce.date().optional() }) }, async ({ input, member }) =>
  listTrash({ actor: memberActor(member), before: input.before }))

export const listSavedViewsAction = orgAction({ permission: 'lead.read', input: empty }, async ({ member }) => listSavedViews({ actor: memberActor(member) }))

export const createSavedViewAction = orgAction({ permission: 'lead.read', input: z.object({ view: savedViewSchema }) }, async ({ input, member }) =>
  createSavedView({ actor: memberActor(member), input: input.view }))

export const updateSavedViewAction = orgAction({ permission: 'lead.read', input: z.object({ viewId: id, view: savedViewSchema.partial() }) }, async ({ input, member }) =>
  updateSavedView({ actor: memberActor(member), viewId: input.viewId, input: input.view }))

export const deleteSavedViewAction = orgAction({ permission: 'lead.read', input: z.object({ viewId: id }) }, async ({ input, member }) =>
  deleteSavedView({ actor: memberActor(member), viewId: input.viewId }))

export const previewImportAction = orgAction({ permission: 'lead.write', input: z.object({ csvText, mapping: importMappingSchema.optional() }) }, async ({ input, member }) =>
  previewImport({ actor: memberActor(member), csvText: input.csvText, mapping: input.mapping }))

export const commitImportAction = orgAction(
  { permission: 'lead.write', input: z.object({ csvText, mapping: importMappingSchema, fileName: z.string().trim().min(1).max(200) }) },
  async ({ input, member }) => commitImport({ actor: memberActor(member), csvText: input.csvText, mapping: input.mapping, fileName: input.fileName }))

export const getImportAction = orgAction({ permission: 'lead.write', input: z.object({ importId: id }) }, async ({ input, member }) =>
  getImport({ actor: memberActor(member), importId: input.importId }))

export const listImportsAction = orgAction({ permission: 'lead.write', input: empty }, async ({ member }) => listImports({ actor: memberActor(member) }))

export const listAssigneesAction = orgAction({ permission: 'lead.read', input: empty }, async ({ member }) => listAssignees({ actor: memberActor(member) }))

/** Filter validation for the export link (the CSV itself streams from ./export/route.ts). */
export const validateExportFilterAction = orgAction({ permission: 'lead.export', input: z.object({ filter: leadFilterSchema }) }, async ({ input }) => input.filter)
