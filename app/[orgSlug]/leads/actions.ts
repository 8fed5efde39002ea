'use server'
// Lead CRM server actions: thin wiring (session → member from DB → permission → zod → one domain call).
// Each domain function asserts its own right again and applies the row scope (REP: assigned leads only).
import { z } from 'zod'
import { orgAction } from '@/lib/actions/define-action'
import {
  bulkTargetSchema,
  changeStatusSchema,
  createLeadSchema,
  leadFilterSchema,
  listLeadsSchema,
  noteBodySchema,
  restoreLeadsSchema,
  savedViewSchema,
  tagChangeSchema,
  taskInputSchema,
  updateLeadSchema,
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
const csvText = z
  .string()
  .min(1)
  .max(50 * 1024 * 1024)

export const listLeadsAction = orgAction(
  { permission: 'lead.read', input: z.object({ query: listLeadsSchema.optional() }) },
  async ({ input, actor }) => listLeads({ actor, query: input.query ?? listLeadsSchema.parse({}) }),
)

export const getLeadAction = orgAction({ permission: 'lead.read', input: z.object({ leadId: id }) }, async ({ input, actor }) =>
  getLead({ actor, leadId: input.leadId }),
)

export const createLeadAction = orgAction(
  { permission: 'lead.write', input: z.object({ lead: createLeadSchema }) },
  async ({ input, actor }) => createLead({ actor, lead: input.lead, source: 'MANUAL' }),
)

export const updateLeadAction = orgAction(
  { permission: 'lead.write', input: z.object({ leadId: id, patch: updateLeadSchema }) },
  async ({ input, actor }) => updateLead({ actor, leadId: input.leadId, patch: input.patch }),
)

export const changeLeadStatusAction = orgAction(
  { permission: 'lead.write', input: changeStatusSchema.safeExtend({ leadId: id }) },
  async ({ input, actor }) => changeLeadStatus({ actor, leadId: input.leadId, status: input.status, lostReason: input.lostReason }),
)

export const bulkChangeLeadStatusAction = orgAction(
  { permission: 'lead.write', input: changeStatusSchema.safeExtend({ target: bulkTargetSchema }) },
  async ({ input, actor }) => bulkChangeLeadStatus({ actor, target: input.target, status: input.status, lostReason: input.lostReason }),
)

export const assignLeadsAction = orgAction(
  { permission: 'lead.assign', input: z.object({ target: bulkTargetSchema, assigneeId: z.uuid().nullable() }) },
  async ({ input, actor }) => assignLeads({ actor, target: input.target, assigneeId: input.assigneeId }),
)

export const tagLeadsAction = orgAction(
  { permission: 'lead.write', input: z.object({ target: bulkTargetSchema, tags: tagChangeSchema }) },
  async ({ input, actor }) => tagLeads({ actor, target: input.target, tags: input.tags }),
)

export const untagLeadsAction = orgAction(
  { permission: 'lead.write', input: z.object({ target: bulkTargetSchema, tags: tagChangeSchema }) },
  async ({ input, actor }) => untagLeads({ actor, target: input.target, tags: input.tags }),
)

export const addNoteAction = orgAction(
  { permission: 'lead.write', input: z.object({ leadId: id, body: noteBodySchema }) },
  async ({ input, actor }) => addNote({ actor, leadId: input.leadId, body: input.body }),
)

export const addTaskAction = orgAction(
  { permission: 'lead.write', input: z.object({ leadId: id, task: taskInputSchema }) },
  async ({ input, actor }) => addTask({ actor, leadId: input.leadId, task: input.task }),
)

export const completeTaskAction = orgAction(
  { permission: 'lead.write', input: z.object({ taskId: id, done: z.boolean().default(true) }) },
  async ({ input, actor }) => completeTask({ actor, taskId: input.taskId, done: input.done }),
)

export const deleteLeadsAction = orgAction(
  { permission: 'lead.delete', input: z.object({ target: bulkTargetSchema }) },
  async ({ input, actor }) => deleteLeads({ actor, target: input.target }),
)

export const restoreLeadsAction = orgAction(
  { permission: 'lead.delete', input: z.object({ ids: restoreLeadsSchema }) },
  async ({ input, actor }) => restoreLeads({ actor, ids: input.ids }),
)

export const listTrashAction = orgAction(
  { permission: 'lead.delete', input: z.object({ before: z.coerce.date().optional() }) },
  async ({ input, actor }) => listTrash({ actor, before: input.before }),
)

export const listSavedViewsAction = orgAction({ permission: 'lead.read', input: empty }, async ({ actor }) => listSavedViews({ actor }))

export const createSavedViewAction = orgAction(
  { permission: 'lead.read', input: z.object({ view: savedViewSchema }) },
  async ({ input, actor }) => createSavedView({ actor, view: input.view }),
)

export const updateSavedViewAction = orgAction(
  { permission: 'lead.read', input: z.object({ viewId: id, view: savedViewSchema.partial() }) },
  async ({ input, actor }) => updateSavedView({ actor, viewId: input.viewId, view: input.view }),
)

export const deleteSavedViewAction = orgAction({ permission: 'lead.read', input: z.object({ viewId: id }) }, async ({ input, actor }) =>
  deleteSavedView({ actor, viewId: input.viewId }),
)

export const previewImportAction = orgAction(
  { permission: 'lead.write', input: z.object({ csvText, mapping: importMappingSchema.optional() }) },
  async ({ input, actor }) => previewImport({ actor, csvText: input.csvText, mapping: input.mapping }),
)

export const commitImportAction = orgAction(
  { permission: 'lead.write', input: z.object({ csvText, mapping: importMappingSchema, fileName: z.string().trim().min(1).max(200) }) },
  async ({ input, actor }) => commitImport({ actor, csvText: input.csvText, mapping: input.mapping, fileName: input.fileName }),
)

export const getImportAction = orgAction({ permission: 'lead.write', input: z.object({ importId: id }) }, async ({ input, actor }) =>
  getImport({ actor, importId: input.importId }),
)

export const listImportsAction = orgAction({ permission: 'lead.write', input: empty }, async ({ actor }) => listImports({ actor }))

export const listAssigneesAction = orgAction({ permission: 'lead.read', input: empty }, async ({ actor }) => listAssignees({ actor }))

/** Filter validation for the export link (the CSV itself streams from ./export/route.ts). */
export const validateExportFilterAction = orgAction(
  { permission: 'lead.export', input: z.object({ filter: leadFilterSchema }) },
  async ({ input }) => input.filter,
)
