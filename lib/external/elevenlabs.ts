// ElevenLabs text-to-speech (REST) for AI call audio. Synthesis has no side effect, so it is retried.
import 'server-only'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { joinUrl, requestBytes } from '@/lib/external/http'
import { seedOf } from '@/lib/external/sandbox'

const TIMEOUT_MS = 30_000
const DEFAULT_VOICE = '21m00Tcm4TlvDq8ikWAM'
export const isElevenLabsLive = () => isLive('elevenlabs')

export async function textToSpeech(input: {
  text: string
  voiceId?: string
  modelId?: string
}): Promise<{ audio: Buffer; contentType: string; sandbox: boolean }> {
  if (!isElevenLabsLive()) {
    // deterministic placeholder bytes (an "ID3" header + the seed): marked sandbox, never played to anyone
    return {
      audio: Buffer.concat([Buffer.from('ID3'), Buffer.from(seedOf('tts', input), 'hex')]),
      contentType: 'audio/mpeg',
      sandbox: true,
    }
  }
  const e = providerEnv()
  const voice = input.voiceId ?? e.ELEVENLABS_VOICE_ID ?? DEFAULT_VOICE
  const url = `${joinUrl(e.ELEVENLABS_BASE_URL ?? 'https://api.elevenlabs.io', `/v1/text-to-speech/${encodeURIComponent(voice)}`)}?output_format=mp3_44100_128`
  const r = await callService(
    { provider: 'elevenlabs', operation: 'text_to_speech', idempotent: true, timeoutMs: TIMEOUT_MS, cost: () => input.text.length * 0.003 },
    (signal: AbortSignal) =>
      requestBytes({
        url,
        signal,
        headers: { 'xi-api-key': e.ELEVENLABS_API_KEY!, accept: 'audio/mpeg' },
        json: { text: input.text, model_id: input.modelId ?? 'eleven_multilingual_v2' },
      }),
  )
  return { audio: r.bytes, contentType: r.contentType, sandbox: false }
}
