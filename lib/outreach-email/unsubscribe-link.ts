// The one-click unsubscribe URL of one recipient: ${APP_URL}/u/<token>. The List-Unsubscribe header and the
// footer link both carry it: a POST (RFC 8058 one-click) unsubscribes at once, a GET opens the confirmation page.
import 'server-only'
import { env } from '@/lib/env'
import { signUnsubscribeToken } from './unsubscribe-token'

export function unsubscribeLink(r: { orgId: string; leadId?: string | null; email: string }): string {
  return `${env().APP_URL.replace(/\/+$/, '')}/u/${signUnsubscribeToken(r)}`
}
