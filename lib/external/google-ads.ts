// Google Ads REST API: one paused Search campaign (budget → campaign → ZIP location criteria). Access tokens come
// from the OAuth refresh-token grant. Mutates have no idempotency key: never retried after they may have landed.
import 'server-only'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { joinUrl, requestJson } from '@/lib/external/http'
import { sandboxId } from '@/lib/external/sandbox'

const TIMEOUT_MS = 20_000
const API_VERSION = 'v20'
export const isGoogleAdsLive = () => isLive('google_ads')

async function accessToken(signalTimeout = TIMEOUT_MS): Promise<string> {
  const e = providerEnv()
  const form = new URLSearchParams({
    client_id: e.GOOGLE_ADS_CLIENT_ID!,
    client_secret: e.GOOGLE_ADS_CLIENT_SECRET!,
    refresh_token: e.GOOGLE_ADS_REFRESH_TOKEN!,
    grant_type: 'refresh_token',
  })
  const r = await callService(
    { provider: 'google_ads', operation: 'oauth.token', idempotent: true, timeoutMs: signalTimeout },
    async (signal: AbortSignal) =>
      (
        await requestJson<{ access_token: string }>({
          url: joinUrl(e.GOOGLE_OAUTH_BASE_URL ?? 'https://oauth2.googleapis.com', '/token'),
          form,
          signal,
        })
      ).body,
  )
  return r.access_token
}

export interface ZipCampaignInput {
  name: string
  zips: string[]
  dailyBudgetCents: number
}
export interface GoogleZipCampaignResult {
  campaignResourceName: string
  budgetResourceName: string
  targetedZips: string[]
  sandbox: boolean
}

export async function createZipCampaign(input: ZipCampaignInput): Promise<GoogleZipCampaignResult> {
  if (!isGoogleAdsLive()) {
    return {
      campaignResourceName: `customers/0/campaigns/${sandboxId('g', input)}`,
      budgetResourceName: `customers/0/campaignBudgets/${sandboxId('gb', input)}`,
      targetedZips: input.zips,
      sandbox: true,
    }
  }
  const e = providerEnv()
  const cid = e.GOOGLE_ADS_CUSTOMER_ID!.replace(/-/g, '')
  const api = (p: string) => joinUrl(e.GOOGLE_ADS_BASE_URL ?? 'https://googleads.googleapis.com', `/${API_VERSION}${p}`)
  const headers = { authorization: `Bearer ${await accessToken()}`, 'developer-token': e.GOOGLE_ADS_DEVELOPER_TOKEN! }
  const mutate = (operation: string, path: string, json: unknown, idempotent = false) =>
    callService(
      { provider: 'google_ads', operation, idempotent, timeoutMs: TIMEOUT_MS },
      async (signal: AbortSignal) =>
        (
          await requestJson<{
            results?: Array<{ resourceName: string }>
            geoTargetConstantSuggestions?: Array<{ geoTargetConstant?: { resourceName: string; targetType?: string; name?: string } }>
          }>({ url: api(path), headers, json, signal })
        ).body,
    )

  const budget = await mutate('campaignBudgets.mutate', `/customers/${cid}/campaignBudgets:mutate`, {
    operations: [
      {
        create: {
          name: `${input.name} budget`,
          amountMicros: String(input.dailyBudgetCents * 10_000),
          deliveryMethod: 'STANDARD',
          explicitlyShared: false,
        },
      },
    ],
  })
  const budgetResourceName = budget.results![0].resourceName
  const campaign = await mutate('campaigns.mutate', `/customers/${cid}/campaigns:mutate`, {
    operations: [
      {
        create: {
          name: input.name,
          status: 'PAUSED',
          advertisingChannelType: 'SEARCH',
          campaignBudget: budgetResourceName,
          manualCpc: {},
          networkSettings: { targetGoogleSearch: true, targetSearchNetwork: false, targetContentNetwork: false },
          containsEuPoliticalAdvertising: 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING',
        },
      },
    ],
  })
  const campaignResourceName = campaign.results![0].resourceName
  const suggest = await mutate(
    'geoTargetConstants.suggest',
    '/geoTargetConstants:suggest',
    { locale: 'en', countryCode: 'US', locationNames: { names: input.zips } },
    true,
  )
  const geo = (suggest.geoTargetConstantSuggestions ?? [])
    .map((s) => s.geoTargetConstant)
    .filter((g) => g && g.targetType === 'Postal Code')
  if (geo.length) {
    await mutate('campaignCriteria.mutate', `/customers/${cid}/campaignCriteria:mutate`, {
      operations: geo.map((g) => ({ create: { campaign: campaignResourceName, location: { geoTargetConstant: g!.resourceName } } })),
    })
  }
  return { campaignResourceName, budgetResourceName, targetedZips: geo.map((g) => g!.name ?? ''), sandbox: false }
}
