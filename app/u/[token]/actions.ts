'use server'
import { z } from 'zod'
import { publicAction } from '@/lib/actions/define-action'
import { unsubscribeEmail } from '@/lib/outreach-email/unsubscribe-email'
import { MAX_TOKEN_LENGTH } from '@/lib/outreach-email/unsubscribe-token'

/** The confirmation page's button: the same use case as the one-click POST (the signed token is the credential). */
export const unsubscribeAction = publicAction(z.object({ token: z.string().min(1).max(MAX_TOKEN_LENGTH) }), async ({ input, req }) => {
  const r = await unsubscribeEmail({ token: input.token, ip: req.ip })
  return { email: r.email, companyName: r.companyName }
})
