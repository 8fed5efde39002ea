// What the unsubscribe page shows before the click: the address, the sender's company, and whether the address
// is already unsubscribed. A forged or broken token → BAD_REQUEST reason INVALID (the page shows it, never a 500).
import 'server-only'
import { db } from '@/lib/db'
import { verifyUnsubscribeToken } from './unsubscribe-token'

export async function getUnsubscribeTarget({ token }: { token: string }): Promise<{
  email: string
  companyName: string | null
  alreadyUnsubscribed: boolean
}> {
  const c = verifyUnsubscribeToken(token)
  const [org, suppression] = await Promise.all([
    db.organization.findUnique({ where: { id: c.orgId }, select: { name: true } }),
    db.emailSuppression.findUnique({ where: { email: c.email }, select: { reason: true } }),
  ])
  return { email: c.email, companyName: org?.name ?? null, alreadyUnsubscribed: suppression?.reason === 'unsubscribe' }
}
