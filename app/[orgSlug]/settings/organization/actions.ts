'use server'
import { z } from 'zod'
import { orgAction } from '@/lib/actions/define-action'
import { updateOrgSettingsSchema } from '@/lib/orgs/schemas'
import { getOrgSettings } from '@/lib/orgs/get-org-settings'
import { updateOrgSettings } from '@/lib/orgs/update-org-settings'

export const getOrgSettingsAction = orgAction({ permission: 'org.settings.read', input: z.object({}) }, ({ actor }) =>
  getOrgSettings({ actor }),
)

export const updateOrgSettingsAction = orgAction(
  { permission: 'org.settings.update', input: updateOrgSettingsSchema },
  ({ actor, input }) => updateOrgSettings({ actor, name: input.name, slug: input.slug, timeZone: input.timeZone }),
)
