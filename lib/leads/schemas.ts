// THE zod schemas of the lead CRM: server actions, domain functions, REST API and the OpenAPI document all
// use these, so a form, an action and the API can never disagree about what a valid lead is.
import { z } from 'zod'
import { normalizePhone } from '@/lib/leads/phone'
import { normalizeState } from '@/lib/leads/normalize-address'

export const LEAD_STATUSES = ['NEW', 'CONTACTED', 'QUALIFIED', 'APPOINTMENT_SCHEDULED', 'PROPOSAL_SENT', 'WON', 'LOST'] as const
export const LEAD_BANDS = ['HOT', 'WARM', 'COLD'] as const
export const LEAD_SOURCES = ['SCAN', 'IMPORT', 'API', 'MANUAL'] as const
export const ROOF_MATERIALS = ['ASPHALT_SHINGLE', 'METAL', 'TILE', 'SLATE', 'WOOD_SHAKE', 'FLAT_MEMBRANE', 'OTHER', 'UNKNOWN'] as const
export const LEAD_SORTS = ['score', 'created', 'updated', 'address'] as const
export const MAX_TAGS = 10
export const MAX_BULK_IDS = 1000
/** a bulk action over a filter touches at most this many leads (the UI says so) */
export const MAX_BULK_FILTER = 10_000

export const leadStatusSchema = z.enum(LEAD_STATUSES)
export type LeadStatus = z.infer<typeof leadStatusSchema>
export const leadBandSchema = z.enum(LEAD_BANDS)
export const leadSourceSchema = z.enum(LEAD_SOURCES)
export const roofMaterialSchema = z.enum(ROOF_MATERIALS)
export const leadIdSchema = z.uuid()

export const tagSchema = z.string().trim().toLowerCase().min(1, 'Tag cannot be empty').max(50, 'Tags are at most 50 characters')
export const tagsSchema = z
  .array(tagSchema)
  .max(MAX_TAGS, `At most ${MAX_TAGS} tags`)
  .refine((t) => new Set(t).size === t.length, 'Tags must be unique')

/** tags to add or remove in a bulk action: at least one */
export const tagChangeSchema = tagsSchema.min(1, 'Name at least one tag')
/** soft-deleted leads to restore */
export const restoreLeadsSchema = z.array(z.uuid()).min(1).max(MAX_BULK_IDS)

export const lostReasonSchema = z.string().trim().min(1, 'Say why the lead was lost').max(200)

/** Accepts an array (forms, JSON) or a comma-separated string (query strings). */
const list = <T extends z.ZodType>(item: T, max = 20) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item).max(max),
  )

const intRange = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

export const leadFilterSchema = z.object({
  /** address, owner name, contact name/phone/email */
  q: z.string().trim().max(200).optional(),
  band: list(leadBandSchema, 3).optional(),
  status: list(leadStatusSchema, 7).optional(),
  scoreMin: intRange(0, 100).optional(),
  scoreMax: intRange(0, 100).optional(),
  /** leads carrying ALL of these tags */
  tags: list(tagSchema, MAX_TAGS).optional(),
  /** a membership id, "me" or "unassigned" */
  assignee: z.union([z.uuid(), z.literal('me'), z.literal('unassigned')]).optional(),
  source: list(leadSourceSchema, 4).optional(),
  scanId: z.uuid().optional(),
  createdFrom: z.coerce.date().optional(),
  createdTo: z.coerce.date().optional(),
})
export type LeadFilter = z.infer<typeof leadFilterSchema>

export const listLeadsSchema = leadFilterSchema.extend({
  sort: z.enum(LEAD_SORTS).default('score'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  cursor: z.string().max(512).optional(),
  limit: intRange(1, 100).default(50),
  /** also return a total (exact on a short first page, else the planner's estimate) */
  withTotal: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean()).optional(),
})
export type ListLeadsInput = z.input<typeof listLeadsSchema>
export type ListLeadsQuery = z.output<typeof listLeadsSchema>

const phone = z
  .string()
  .trim()
  .max(40)
  .transform((v, ctx) => {
    const p = normalizePhone(v)
    if (!p) ctx.addIssue({ code: 'custom', message: 'Enter a valid phone number (US or +country format)' })
    return p ?? v
  })

export const contactInputSchema = z.object({
  name: z.string().trim().min(1).max(200).nullish(),
  phones: z.array(phone).max(10).default([]),
  emails: z.array(z.email().trim().toLowerCase().max(254)).max(10).default([]),
})

/** The facts of a lead a person or an import may set. */
export const leadFactsSchema = z.object({
  addressLine1: z.string().trim().min(1, 'Street address is required').max(200),
  addressLine2: z.string().trim().max(100).nullish(),
  city: z.string().trim().min(1, 'City is required').max(100),
  state: z
    .string()
    .trim()
    .min(2)
    .max(20)
    .transform(normalizeState)
    .pipe(z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter state')),
  zip: z
    .string()
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, 'ZIP must be 5 digits (or ZIP+4)'),
  county: z.string().trim().max(100).nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  lng: z.number().min(-180).max(180).nullish(),
  ownerName: z.string().trim().max(200).nullish(),
  yearBuilt: z.number().int().min(1600).max(2100).nullish(),
  propertyValueCents: z.number().int().min(0).max(2_147_483_647).nullish(),
  roofMaterial: roofMaterialSchema.nullish(),
  roofAgeYears: z.number().int().min(0).max(200).nullish(),
  roofAreaSqFt: z.number().int().min(1).max(1_000_000).nullish(),
  score: z.number().int().min(0).max(100).nullish(),
})

const lostRule = (v: { status?: string | null; lostReason?: string | null }, ctx: z.RefinementCtx) => {
  if (v.status === 'LOST' && !v.lostReason) ctx.addIssue({ code: 'custom', path: ['lostReason'], message: 'Say why the lead was lost' })
  if (v.status && v.status !== 'LOST' && v.lostReason)
    ctx.addIssue({ code: 'custom', path: ['lostReason'], message: 'Only lost leads have a lost reason' })
}

export const createLeadSchema = leadFactsSchema
  .extend({
    status: leadStatusSchema.default('NEW'),
    lostReason: lostReasonSchema.nullish(),
    tags: tagsSchema.default([]),
    assigneeId: z.uuid().nullish(),
    contact: contactInputSchema.optional(),
  })
  .superRefine(lostRule)
export type CreateLeadInput = z.input<typeof createLeadSchema>
/** a parsed createLeadSchema: what createLead takes */
export type NewLead = z.output<typeof createLeadSchema>

export const updateLeadSchema = leadFactsSchema
  .partial()
  .extend({
    status: leadStatusSchema.optional(),
    lostReason: lostReasonSchema.nullish(),
    tags: tagsSchema.optional(),
    assigneeId: z.uuid().nullish(),
  })
  .superRefine(lostRule)
  .refine((v) => Object.keys(v).length > 0, 'Nothing to update')
export type UpdateLeadInput = z.input<typeof updateLeadSchema>
/** a parsed updateLeadSchema: what updateLead takes */
export type LeadPatch = z.output<typeof updateLeadSchema>

/** A bulk action targets explicit ids or everything matching a filter (capped at MAX_BULK_FILTER). */
export const bulkTargetSchema = z.union([
  z.object({ ids: z.array(z.uuid()).min(1).max(MAX_BULK_IDS) }),
  z.object({ filter: leadFilterSchema }),
])
export type BulkTarget = z.infer<typeof bulkTargetSchema>

export interface BulkResult {
  succeeded: string[]
  failed: Array<{ id: string; reason: string }>
}

/** A status change (single or bulk): LOST needs a reason. */
export const changeStatusSchema = z
  .object({ status: leadStatusSchema, lostReason: lostReasonSchema.nullish() })
  .refine((v) => v.status !== 'LOST' || !!v.lostReason, { path: ['lostReason'], message: 'Say why the lead was lost' })

export const noteBodySchema = z.string().trim().min(1, 'Write something').max(5000)
export const taskInputSchema = z.object({
  title: z.string().trim().min(1, 'Give the task a title').max(200),
  dueAt: z.coerce.date().nullish(),
  assigneeId: z.uuid().nullish(),
})

export const savedViewSchema = z.object({
  name: z.string().trim().min(1).max(80),
  filters: leadFilterSchema.extend({ sort: z.enum(LEAD_SORTS).optional(), dir: z.enum(['asc', 'desc']).optional() }),
  columns: z.array(z.string().max(40)).max(40).default([]),
})
export type TaskInput = z.output<typeof taskInputSchema>
export type SavedViewInput = z.output<typeof savedViewSchema>
export type SavedViewPatch = z.output<ReturnType<typeof savedViewSchema.partial>>
