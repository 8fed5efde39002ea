'use server'
// REST API keys (api_keys.manage: OWNER, ADMIN). The secret is returned once by create and never again.
import { z } from 'zod'
import { orgAction } from '@/lib/actions/define-action'
import { createApiKeySchema } from '@/lib/api-keys/schemas'
import { createApiKey } from '@/lib/api-keys/create-api-key'
import { listApiKeys } from '@/lib/api-keys/list-api-keys'
import { revokeApiKey } from '@/lib/api-keys/revoke-api-key'

export const createApiKeyAction = orgAction(
  { permission: 'api_keys.manage', input: z.object({ key: createApiKeySchema }) },
  async ({ input, actor }) => createApiKey({ actor, ...input.key }),
)

export const listApiKeysAction = orgAction({ permission: 'api_keys.manage', input: z.object({}) }, async ({ actor }) =>
  listApiKeys({ actor }),
)

export const revokeApiKeyAction = orgAction(
  { permission: 'api_keys.manage', input: z.object({ keyId: z.string().max(64) }) },
  async ({ input, actor }) => revokeApiKey({ actor, keyId: input.keyId }),
)
