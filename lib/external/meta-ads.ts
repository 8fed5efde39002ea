// Meta Marketing API (Graph REST): one paused campaign + one ad set targeting US ZIP codes. Graph creates have
// no idempotency key, so they are never retried after they may have reached Meta. Everything starts PAUSED:
// a human turns spend on in Ads Manager.
import 'server-only'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { joinUrl, requestJson } from '@/lib/external/http'
import { sandboxId } from '@/lib/external/sandbox'

const TIMEOUT_MS = 20_000
const GRAPH_VERSION = 'v23.0'
export const isMetaAdsLive = () => isLive('meta_ads')

export interface ZipCampaignInput {
  name: string
  zips: string[]
  dailyBudgetCents: number
}
export interface ZipCampaignResult {
  campaignId: string
  adSetId: string
  sandbox: boolean
}

export async function createZipCampaign(input: ZipCampaignInput): Promise<ZipCampaignResult> {
  if (!isMetaAdsLive()) return { campaignId: sandboxId('meta_cmp', input), adSetId: sandboxId('meta_adset', input), sandbox: true }
  const e = providerEnv()
  const base = joinUrl(e.META_GRAPH_BASE_URL ?? 'https://graph.facebook.com', `/${GRAPH_VERSION}/${e.META_AD_ACCOUNT_ID}`)
  const headers = { authorization: `Bearer ${e.META_ACCESS_TOKEN}` }
  const campaign = await callService(
    { provider: 'meta_ads', operation: 'campaigns.create', idempotent: false, timeoutMs: TIMEOUT_MS },
    async (signal: AbortSignal) =>
      (
        await requestJson<{ id: string }>({
          url: `${base}/campaigns`,
          signal,
          headers,
          json: { name: input.name, objective: 'OUTCOME_AWARENESS', status: 'PAUSED', special_ad_categories: [] },
        })
      ).body,
  )
  const adSet = await callService(
    { provider: 'meta_ads', operation: 'adsets.create', idempotent: false, timeoutMs: TIMEOUT_MS },
    async (signal: AbortSignal) =>
      (
        await requestJson<{ id: string }>({
          url: `${base}/adsets`,
          signal,
          headers,
          json: {
            name: `${input.name} — ZIPs`,
            campaign_id: campaign.id,
            daily_budget: input.dailyBudgetCents,
            billing_event: 'IMPRESSIONS',
            optimization_goal: 'REACH',
            bid_strategy: 'LOWEST_COST_WITHOUT_CAP',
            status: 'PAUSED',
            targeting: { geo_locations: { zips: input.zips.map((z) => ({ key: `US:${z}` })) } },
          },
        })
      ).body,
  )
  return { campaignId: campaign.id, adSetId: adSet.id, sandbox: false }
}
