'use server'
import { z } from 'zod'
import { orgAction } from '@/lib/actions/define-action'
import { updateOrgSettingsSchema } from '@/lib/orgs/schemas'
import { getOrgSettings } from '@/lib/orgs/get-org-settings'
import { updateOrgSettings } from '@/lib/orgs/update-org-settings'

export const getOrgSettingsAction = orgAction({ permission: 'org.settings.read', input: z.object({}) }, ({ member }) =>
  getOrgSettings({ orgId: member.org.id }),
)

export const updateOrgSettingsAction = orgAction({ permission: 'org.settings.update', input: updateOrgSettingsSchema }, ({ member, input }) =>
  updateOrgSettings({ member, input }),
)
