// The org layout's billing banner (trial ending/ended, payment failed, read-only, canceled, dispute freeze, spend cap
// 80/90/100 %). A failure to load it never takes the page down: it is logged and the banner is left out.
import type { MemberContext } from '@/lib/auth/org-context'
import { memberActor } from '@/lib/auth/actor'
import { getBillingBanner, type BillingBanner as Banner } from '@/lib/billing/get-billing-banner'
import { BillingBanner } from '@/components/billing/billing-banner'
import { log } from '@/lib/logger'

export async function BillingBannerSlot({ member }: { member: MemberContext }) {
  let banner: Banner | null = null
  try {
    banner = await getBillingBanner({ actor: memberActor(member) })
  } catch (err) {
    log().error({ err, orgId: member.org.id }, 'billing banner failed')
  }
  return banner ? <BillingBanner banner={banner} orgSlug={member.org.slug} timeZone={member.org.timeZone} /> : null
}
