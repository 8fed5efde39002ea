// Deepgram pre-recorded transcription (REST, audio by URL) for call recordings.
import 'server-only'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { joinUrl, requestJson } from '@/lib/external/http'
import { seedOf } from '@/lib/external/sandbox'

const TIMEOUT_MS = 120_000
export const isDeepgramLive = () => isLive('deepgram')

export interface Transcript {
  text: string
  confidence: number
  durationSeconds: number
  requestId: string
  sandbox: boolean
}
interface DgBody {
  metadata?: { request_id?: string; duration?: number }
  results?: { channels?: Array<{ alternatives?: Array<{ transcript?: string; confidence?: number }> }> }
}

export async function transcribeUrl(input: { audioUrl: string; language?: string }): Promise<Transcript> {
  if (!isDeepgramLive()) {
    const seed = seedOf('deepgram', input.audioUrl)
    return {
      text: `Sandbox transcript ${seed.slice(0, 8)}: the homeowner asked for an inspection next Tuesday.`,
      confidence: 0.9,
      durationSeconds: 30,
      requestId: `sandbox_${seed.slice(0, 12)}`,
      sandbox: true,
    }
  }
  const e = providerEnv()
  const url = `${joinUrl(e.DEEPGRAM_BASE_URL ?? 'https://api.deepgram.com', '/v1/listen')}?model=nova-3&smart_format=true&punctuate=true&language=${input.language ?? 'en-US'}`
  const body = await callService(
    {
      provider: 'deepgram',
      operation: 'listen',
      idempotent: true,
      timeoutMs: TIMEOUT_MS,
      cost: (b) => ((b.metadata?.duration ?? 0) / 60) * 0.43,
    },
    async (signal: AbortSignal) =>
      (await requestJson<DgBody>({ url, signal, headers: { authorization: `Token ${e.DEEPGRAM_API_KEY}` }, json: { url: input.audioUrl } }))
        .body,
  )
  const alt = body.results?.channels?.[0]?.alternatives?.[0]
  return {
    text: alt?.transcript ?? '',
    confidence: alt?.confidence ?? 0,
    durationSeconds: body.metadata?.duration ?? 0,
    requestId: body.metadata?.request_id ?? '',
    sandbox: false,
  }
}
