// Admin CLI: `fm api-key create` — the same createApiKey as the settings page, called as the operator.
import 'server-only'
import { createApiKey } from '@/lib/api-keys/create-api-key'
import { createApiKeySchema } from '@/lib/api-keys/schemas'
import { operatorInOrg } from '@/lib/admin-cli/operator'

export async function adminCreateApiKey({ orgSlug, name, scope }: { orgSlug: string; name: string; scope: 'READ' | 'WRITE' }) {
  const { org, actor } = await operatorInOrg(orgSlug)
  const key = await createApiKey({ actor, ...createApiKeySchema.parse({ name, scope }) })
  return { ...key, orgPlan: org.plan }
}
