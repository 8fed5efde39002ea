// zod schemas shared by the org forms (client) and the org actions (server). Pure: no DB imports.
import { z } from 'zod'
import { slugProblem } from '@/lib/orgs/slug'
import { isTimeZone } from '@/lib/orgs/time-zones'

export const orgNameField = z.string().trim().min(2, 'Use at least 2 characters').max(100, 'Use at most 100 characters')

export const orgSlugInputField = z
  .string()
  .trim()
  .toLowerCase()
  .max(100, 'Use at most 48 characters')
  .superRefine((s, ctx) => {
    const problem = slugProblem(s)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

export const timeZoneField = z.string().max(64).refine(isTimeZone, 'Choose a time zone from the list')

export const createOrgSchema = z.object({
  name: orgNameField,
  slug: orgSlugInputField,
  timeZone: timeZoneField.optional(),
})
export type CreateOrgInput = z.infer<typeof createOrgSchema>

export const updateOrgSettingsSchema = z.object({
  name: orgNameField,
  slug: orgSlugInputField,
  timeZone: timeZoneField,
})
export type UpdateOrgSettingsInput = z.infer<typeof updateOrgSettingsSchema>
