// GET /dev/mailbox/latest?to=<email> → the newest sandbox email to that address (JSON, for e2e tests).
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { handleRoute, json, parseQuery } from '@/lib/http/handle-route'
import { isDevMailboxEnabled, unsafeListSandboxEmails } from '@/lib/auth/dev-mailbox'

export const dynamic = 'force-dynamic'

const query = z.object({ to: z.string().trim().min(3).max(254), template: z.string().max(64).optional() })

export const GET = handleRoute(async (request) => {
  if (!isDevMailboxEnabled()) throw new AppError('NOT_FOUND', 'Not found')
  const { to, template } = parseQuery(request, query)
  const emails = await unsafeListSandboxEmails({ to, limit: 50 })
  const latest = template ? emails.find((e) => e.template === template) : emails[0]
  if (!latest) throw new AppError('NOT_FOUND', 'No email to that address yet')
  return json({ data: latest }, { headers: { 'cache-control': 'no-store' } })
})
