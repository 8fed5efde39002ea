// fetch-based adapters against their fakes: request shape, auth, parsing, and provider-specific failure mapping.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { geocode } from '@/lib/external/google-maps'
import { fetchStaticImage, staticImageUrl } from '@/lib/external/mapbox'
import { textToSpeech } from '@/lib/external/elevenlabs'
import { transcribeUrl } from '@/lib/external/deepgram'
import { matchPerson } from '@/lib/external/apollo'
import { createZipCampaign as metaCampaign } from '@/lib/external/meta-ads'
import { createZipCampaign as googleCampaign } from '@/lib/external/google-ads'
import type { FakeServer } from '@/tests/fakes/fake-server'
import {
  googleOverQueryLimit,
  startApolloFake,
  startDeepgramFake,
  startElevenLabsFake,
  startGoogleAdsFake,
  startGoogleMapsFake,
  startMapboxFake,
  startMetaFake,
} from '@/tests/fakes/rest-fakes'
import { clearProviderEnv, expectAppError, fastPolicies, setEnv } from './helpers'

const f: Record<string, FakeServer> = {}
beforeAll(async () => {
  Object.assign(f, {
    gm: await startGoogleMapsFake(),
    mb: await startMapboxFake(),
    el: await startElevenLabsFake(),
    dg: await startDeepgramFake(),
    ap: await startApolloFake(),
    meta: await startMetaFake(),
    gads: await startGoogleAdsFake(),
  })
})
afterAll(async () => {
  await Promise.all(Object.values(f).map((s) => s.close()))
})
beforeEach(() => {
  clearProviderEnv()
  setEnv({
    GOOGLE_MAPS_API_KEY: 'AIzaSyFakeFakeFakeFakeFakeFake12345',
    GOOGLE_MAPS_BASE_URL: f.gm.url,
    MAPBOX_TOKEN: 'pk.fake',
    MAPBOX_BASE_URL: f.mb.url,
    ELEVENLABS_API_KEY: 'el_fake_key_0123456789abcdef',
    ELEVENLABS_BASE_URL: f.el.url,
    DEEPGRAM_API_KEY: 'dg_fake_key_0123456789abcdef',
    DEEPGRAM_BASE_URL: f.dg.url,
    APOLLO_API_KEY: 'apollo_fake_key',
    APOLLO_BASE_URL: f.ap.url,
    META_ACCESS_TOKEN: 'EAAfake',
    META_AD_ACCOUNT_ID: 'act_123',
    META_GRAPH_BASE_URL: f.meta.url,
    GOOGLE_ADS_DEVELOPER_TOKEN: 'dev_tok',
    GOOGLE_ADS_CUSTOMER_ID: '123-456-7890',
    GOOGLE_ADS_CLIENT_ID: 'cid',
    GOOGLE_ADS_CLIENT_SECRET: 'sec',
    GOOGLE_ADS_REFRESH_TOKEN: 'rt',
    GOOGLE_ADS_BASE_URL: f.gads.url,
    GOOGLE_OAUTH_BASE_URL: f.gads.url,
  })
  fastPolicies()
  for (const s of Object.values(f)) s.reset()
})

describe('google geocoding', () => {
  it('geocodes and reads the ZIP', async () => {
    await expect(geocode({ address: '100 Main St Austin TX' })).resolves.toMatchObject({
      lat: 30.2672,
      lng: -97.7431,
      zip: '78701',
      sandbox: false,
    })
    expect(f.gm.requests[0].query.get('address')).toBe('100 Main St Austin TX')
  })
  it('ZERO_RESULTS is null; OVER_QUERY_LIMIT (HTTP 200) is retried like a 429', async () => {
    await expect(geocode({ address: 'nowhere' })).resolves.toBeNull()
    f.gm.reset()
    f.gm.script(googleOverQueryLimit)
    await expect(geocode({ address: 'x' })).resolves.toMatchObject({ zip: '78701' })
    expect(f.gm.requests).toHaveLength(2)
  })
  it('REQUEST_DENIED is a non-retried client error', async () => {
    setEnv({ GOOGLE_MAPS_API_KEY: 'AIzaWrongButWellFormed0000000000' })
    f.gm.script({ kind: 'status', status: 200, body: { status: 'REQUEST_DENIED', results: [] } })
    const e = await expectAppError(geocode({ address: 'x' }))
    expect(e).toMatchObject({ code: 'UPSTREAM_FAILED', details: { status: 403, providerCode: 'REQUEST_DENIED' } })
    expect(f.gm.requests).toHaveLength(1)
  })
})

describe('imagery, voice, transcription, enrichment', () => {
  it('mapbox static satellite image', async () => {
    expect(staticImageUrl({ lat: 30.1, lng: -97.2 })).toContain(
      '/styles/v1/mapbox/satellite-v9/static/-97.200000,30.100000,19,0/640x640@2x',
    )
    const r = await fetchStaticImage({ lat: 30.1, lng: -97.2 })
    expect(r).toMatchObject({ contentType: 'image/png', sandbox: false })
    expect(f.mb.requests[0].query.get('access_token')).toBe('pk.fake')
  })
  it('elevenlabs text-to-speech', async () => {
    f.el.script({ kind: 'status', status: 503 })
    const r = await textToSpeech({ text: 'Hello' })
    expect(r.audio.toString()).toBe('ID3fakeaudio')
    expect(f.el.requests[1].headers['xi-api-key']).toBe('el_fake_key_0123456789abcdef')
    expect(f.el.requests[1].body).toMatchObject({ text: 'Hello', model_id: 'eleven_multilingual_v2' })
  })
  it('deepgram transcription by URL', async () => {
    await expect(transcribeUrl({ audioUrl: 'https://rec.test/1.mp3' })).resolves.toMatchObject({
      text: 'yes please come by on tuesday',
      durationSeconds: 42.5,
      sandbox: false,
    })
    expect(f.dg.requests[0].headers.authorization).toBe('Token dg_fake_key_0123456789abcdef')
    expect(f.dg.requests[0].query.get('model')).toBe('nova-3')
  })
  it('apollo people match', async () => {
    await expect(matchPerson({ firstName: 'Pat', lastName: 'Doe', email: 'pat@x.test' })).resolves.toMatchObject({
      found: true,
      title: 'Owner',
      phone: '+15125550100',
      sandbox: false,
    })
    expect(f.ap.requests[0].headers['x-api-key']).toBe('apollo_fake_key')
  })
})

describe('ads', () => {
  it('meta: paused campaign + ad set targeting US ZIPs; a 5xx create is not retried', async () => {
    const r = await metaCampaign({ name: 'Hail 78701', zips: ['78701', '78702'], dailyBudgetCents: 2500 })
    expect(r.sandbox).toBe(false)
    expect(f.meta.requests[0].path).toBe('/v23.0/act_123/campaigns')
    expect(f.meta.requests[1].body).toMatchObject({
      campaign_id: r.campaignId,
      daily_budget: 2500,
      status: 'PAUSED',
      targeting: { geo_locations: { zips: [{ key: 'US:78701' }, { key: 'US:78702' }] } },
    })
    f.meta.reset()
    f.meta.script({ kind: 'status', status: 500 })
    await expectAppError(metaCampaign({ name: 'x', zips: ['78701'], dailyBudgetCents: 100 }))
    expect(f.meta.requests).toHaveLength(1)
  })
  it('google ads: token refresh, budget, paused campaign, ZIP criteria', async () => {
    const r = await googleCampaign({ name: 'Hail 78701', zips: ['78701'], dailyBudgetCents: 2500 })
    expect(r).toMatchObject({ campaignResourceName: 'customers/123/campaigns/2', targetedZips: ['78701'], sandbox: false })
    expect(f.gads.requests.map((q) => q.path)).toEqual([
      '/token',
      '/v20/customers/1234567890/campaignBudgets:mutate',
      '/v20/customers/1234567890/campaigns:mutate',
      '/v20/geoTargetConstants:suggest',
      '/v20/customers/1234567890/campaignCriteria:mutate',
    ])
    expect(f.gads.requests[1].headers['developer-token']).toBe('dev_tok')
    expect(f.gads.requests[1].headers.authorization).toBe('Bearer ya29.fake')
    expect(f.gads.requests[1].body).toMatchObject({ operations: [{ create: { amountMicros: '25000000' } }] })
  })
})
