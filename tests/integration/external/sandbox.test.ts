// With no keys every provider answers from its sandbox: flagged, deterministic, and no network at all.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import * as ai from '@/lib/external/ai'
import * as stripe from '@/lib/external/stripe'
import * as telnyx from '@/lib/external/telnyx'
import { sendMail } from '@/lib/external/sendgrid'
import { createPostcard, verifyUsAddress } from '@/lib/external/lob'
import { fetchStaticImage } from '@/lib/external/mapbox'
import { geocode } from '@/lib/external/google-maps'
import { textToSpeech } from '@/lib/external/elevenlabs'
import { transcribeUrl } from '@/lib/external/deepgram'
import { matchPerson } from '@/lib/external/apollo'
import { createZipCampaign as meta } from '@/lib/external/meta-ads'
import { createZipCampaign as gads } from '@/lib/external/google-ads'
import { allProviderStates } from '@/lib/external/config'
import { clearProviderEnv, expectAppError, fastPolicies, setEnv } from './helpers'

const addr = { name: 'Pat', line1: '1 Main', city: 'Austin', state: 'TX', zip: '78701' }
const schema = z.object({
  condition: z.enum(['good', 'fair', 'poor']),
  score: z.number().int().min(0).max(100),
  notes: z.string(),
  tags: z.array(z.string()).max(3),
})

const ops: Record<string, () => Promise<{ sandbox: boolean } | null>> = {
  'ai.generateText': () => ai.generateText({ prompt: 'hello' }),
  'ai.analyzeImage': () => ai.analyzeImage({ image: { url: 'https://img/1.png' }, prompt: 'score', schema }),
  'stripe.createCustomer': () => stripe.createCustomer({ email: 'a@b.c', orgId: 'org_1' }),
  'stripe.createCheckoutSession': () =>
    stripe.createCheckoutSession({
      customerId: 'cus_1',
      orgId: 'org_1',
      priceId: 'p',
      successUrl: 'https://a/s',
      cancelUrl: 'https://a/c',
      idempotencyKey: 'k',
    }),
  'stripe.retrieveSubscription': () => stripe.retrieveSubscription({ subscriptionId: 'sub_1' }),
  'stripe.reportMeterEvent': () => stripe.reportMeterEvent({ eventName: 'lead', customerId: 'cus_1', value: 1, identifier: 'lead:1' }),
  'telnyx.sendSms': () => telnyx.sendSms({ from: '+15125550100', to: '+15125550101', text: 'hi', idempotencyKey: 'ob_1' }),
  'telnyx.dial': () => telnyx.dial({ from: '+15125550100', to: '+15125550101' }),
  'telnyx.speak': () => telnyx.speak({ callControlId: 'c', text: 'hi' }),
  'telnyx.lookupNumber': () => telnyx.lookupNumber({ phoneNumber: '+15125550101' }),
  'sendgrid.sendMail': () => sendMail({ to: 'a@b.c', from: 'x@y.z', subject: 's', text: 't' }),
  'lob.createPostcard': () => createPostcard({ to: addr, from: addr, frontHtml: 'f', backHtml: 'b', idempotencyKey: 'k' }),
  'lob.verifyUsAddress': () => verifyUsAddress(addr),
  'mapbox.fetchStaticImage': () => fetchStaticImage({ lat: 30, lng: -97 }),
  'google.geocode': () => geocode({ address: '1 Main St Austin TX 78701' }),
  'elevenlabs.tts': () => textToSpeech({ text: 'hi' }),
  'deepgram.transcribe': () => transcribeUrl({ audioUrl: 'https://a/1.mp3' }),
  'apollo.match': () => matchPerson({ firstName: 'Pat', email: 'p@x.y' }),
  'meta.campaign': () => meta({ name: 'c', zips: ['78701'], dailyBudgetCents: 100 }),
  'googleAds.campaign': () => gads({ name: 'c', zips: ['78701'], dailyBudgetCents: 100 }),
}

beforeEach(() => {
  clearProviderEnv()
  fastPolicies()
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('sandbox adapters', () => {
  it('every provider is in sandbox without keys', () => {
    expect(allProviderStates().every((s) => s.status === 'sandbox')).toBe(true)
  })

  it.each(Object.keys(ops))('%s is flagged sandbox, deterministic and offline', async (name) => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const a = await ops[name]()
    const b = await ops[name]()
    expect(a?.sandbox).toBe(true)
    expect(JSON.stringify(b, (_k, v) => (v?.type === 'Buffer' ? v.data.join(',') : v))).toBe(
      JSON.stringify(a, (_k, v) => (v?.type === 'Buffer' ? v.data.join(',') : v)),
    )
    expect(fetchSpy).not.toHaveBeenCalled()
  })

  it('sandbox structured output satisfies the zod schema and differs by input', async () => {
    const a = await ai.analyzeImage({ image: { url: 'https://img/1.png' }, prompt: 'score', schema })
    const b = await ai.analyzeImage({ image: { url: 'https://img/2.png' }, prompt: 'score', schema })
    expect(schema.safeParse(a.data).success).toBe(true)
    expect(JSON.stringify(a.data)).not.toBe(JSON.stringify(b.data))
  })

  it('a kill switch never falls back to sandbox: the call is UPSTREAM_UNAVAILABLE', async () => {
    setEnv({ FM_DISABLE_TELNYX: '1' })
    const e = await expectAppError(telnyx.sendSms({ from: '+15125550100', to: '+15125550101', text: 'hi' }))
    expect(e).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { provider: 'telnyx', reason: 'kill_switch' } })
  })
})
