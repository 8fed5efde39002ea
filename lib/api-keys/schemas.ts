import { z } from 'zod'

export const apiKeyScopeSchema = z.enum(['READ', 'WRITE'])
export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, 'Name the key (e.g. "Zapier")').max(100),
  scope: apiKeyScopeSchema.default('READ'),
})
/** What the form sends (scope may be left out). */
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>
/** What createApiKey takes: the parsed input. */
export type CreateApiKeyValues = z.output<typeof createApiKeySchema>
