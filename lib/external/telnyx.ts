// Telnyx messaging, call control and number lookup through the official SDK (v7, baseURL ends in /v2).
// SMS has no provider idempotency key: sendSms is never retried once the request may have reached Telnyx
// (the outbox owns the "maybe sent" state). Call-control commands carry a command_id, which Telnyx uses to
// ignore duplicates on the same call, so those are retried safely.
import 'server-only'
import { randomUUID } from 'node:crypto'
import Telnyx from 'telnyx'
import { AppError } from '@/lib/errors'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { sandboxId } from '@/lib/external/sandbox'

const TIMEOUT_MS = 15_000
const clients = new Map<string, Telnyx>()
function telnyx(): Telnyx {
  const e = providerEnv()
  const key = `${e.TELNYX_API_KEY}|${e.TELNYX_BASE_URL ?? ''}`
  let sdk = clients.get(key)
  if (!sdk) {
    sdk = new Telnyx({ apiKey: e.TELNYX_API_KEY, baseURL: e.TELNYX_BASE_URL, maxRetries: 0, timeout: TIMEOUT_MS + 5_000 })
    clients.set(key, sdk)
  }
  return sdk
}

export const isTelnyxLive = () => isLive('telnyx')

const GSM7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/
/** SMS segments: GSM-7 160 chars (153 per part when split), otherwise UCS-2 70 (67 per part). */
export function smsSegments(text: string): number {
  const gsm = GSM7.test(text)
  const len = gsm ? [...text].reduce((n, ch) => n + ('^{}\\[~]|€'.includes(ch) ? 2 : 1), 0) : [...text].length
  const single = gsm ? 160 : 70
  const part = gsm ? 153 : 67
  return len <= single ? 1 : Math.ceil(len / part)
}

export interface SmsInput {
  from: string
  to: string
  text: string
  idempotencyKey?: string
}
export interface SmsResult {
  providerMessageId: string
  segments: number
  sandbox: boolean
}

export async function sendSms(input: SmsInput): Promise<SmsResult> {
  if (!isTelnyxLive())
    return { providerMessageId: sandboxId('sms', input.idempotencyKey ?? input), segments: smsSegments(input.text), sandbox: true }
  const profile = providerEnv().TELNYX_MESSAGING_PROFILE_ID
  const res = await callService(
    { provider: 'telnyx', operation: 'messages.send', idempotent: false, timeoutMs: TIMEOUT_MS, cost: () => smsSegments(input.text) * 0.4 },
    (signal: AbortSignal) =>
      telnyx().messages.send(
        { from: input.from, to: input.to, text: input.text, ...(profile ? { messaging_profile_id: profile } : {}) } as never,
        { signal },
      ),
  )
  const data = (res as { data?: { id?: string; parts?: number } }).data
  if (!data?.id)
    throw new AppError('UPSTREAM_FAILED', 'Telnyx accepted the message without an id', {
      details: { provider: 'telnyx', operation: 'messages.send', reason: 'malformed_response' },
    })
  return { providerMessageId: data.id, segments: data.parts ?? smsSegments(input.text), sandbox: false }
}

export interface DialInput {
  to: string
  from: string
  webhookUrl?: string
  clientState?: string
  answeringMachineDetection?: boolean
}
export async function dial(input: DialInput): Promise<{ callControlId: string; callSessionId: string | null; sandbox: boolean }> {
  if (!isTelnyxLive()) return { callControlId: sandboxId('call', input), callSessionId: null, sandbox: true }
  const connectionId = providerEnv().TELNYX_CONNECTION_ID
  if (!connectionId)
    throw new AppError('UPSTREAM_FAILED', 'TELNYX_CONNECTION_ID is not set: calls cannot be placed', {
      details: { provider: 'telnyx', operation: 'calls.dial', reason: 'not_configured' },
    })
  const commandId = randomUUID()
  const res = await callService(
    // A dial that may have reached Telnyx is never repeated: it could ring the homeowner twice.
    { provider: 'telnyx', operation: 'calls.dial', idempotent: false, timeoutMs: TIMEOUT_MS },
    (signal: AbortSignal) =>
      telnyx().calls.dial(
        {
          connection_id: connectionId,
          to: input.to,
          from: input.from,
          command_id: commandId,
          ...(input.webhookUrl ? { webhook_url: input.webhookUrl } : {}),
          ...(input.clientState ? { client_state: Buffer.from(input.clientState).toString('base64') } : {}),
          ...(input.answeringMachineDetection ? { answering_machine_detection: 'detect' as const } : {}),
        },
        { signal },
      ),
  )
  const data = (res as { data?: { call_control_id?: string; call_session_id?: string } }).data
  return { callControlId: data?.call_control_id ?? '', callSessionId: data?.call_session_id ?? null, sandbox: false }
}

type ActionName = 'speak' | 'startPlayback' | 'gatherUsingSpeak' | 'startRecording' | 'hangup'
async function action(
  name: ActionName,
  callControlId: string,
  body: Record<string, unknown>,
  commandId?: string,
): Promise<{ ok: true; sandbox: boolean }> {
  if (!isTelnyxLive()) return { ok: true, sandbox: true }
  const command_id = commandId ?? randomUUID() // reused across our retries: Telnyx drops the duplicate
  const actions = telnyx().calls.actions as unknown as Record<
    ActionName,
    (id: string, b: unknown, o: { signal: AbortSignal }) => Promise<unknown>
  >
  await callService(
    { provider: 'telnyx', operation: `calls.actions.${name}`, idempotent: true, timeoutMs: TIMEOUT_MS },
    (signal: AbortSignal) => actions[name].call(telnyx().calls.actions, callControlId, { ...body, command_id }, { signal }),
  )
  return { ok: true, sandbox: false }
}

export const speak = (i: { callControlId: string; text: string; voice?: string; language?: string; commandId?: string }) =>
  action('speak', i.callControlId, { payload: i.text, voice: i.voice ?? 'female', language: i.language ?? 'en-US' }, i.commandId)

export const playAudio = (i: { callControlId: string; audioUrl: string; commandId?: string }) =>
  action('startPlayback', i.callControlId, { audio_url: i.audioUrl }, i.commandId)

export const gatherUsingSpeak = (i: {
  callControlId: string
  text: string
  validDigits?: string
  maxDigits?: number
  voice?: string
  commandId?: string
}) =>
  action(
    'gatherUsingSpeak',
    i.callControlId,
    {
      payload: i.text,
      voice: i.voice ?? 'female',
      language: 'en-US',
      valid_digits: i.validDigits ?? '0123456789*#',
      maximum_digits: i.maxDigits ?? 1,
    },
    i.commandId,
  )

export const startRecording = (i: { callControlId: string; commandId?: string }) =>
  action('startRecording', i.callControlId, { format: 'mp3', channels: 'single' }, i.commandId)

export const hangup = (i: { callControlId: string; commandId?: string }) => action('hangup', i.callControlId, {}, i.commandId)

export interface NumberLookup {
  phoneNumber: string
  lineType: 'mobile' | 'landline' | 'voip' | 'unknown'
  carrier: string | null
  valid: boolean
  sandbox: boolean
}
export async function lookupNumber(input: { phoneNumber: string }): Promise<NumberLookup> {
  if (!isTelnyxLive()) {
    // deterministic: the last digit decides, so tests and demos can pick each line type
    const d = Number(input.phoneNumber.slice(-1)) || 0
    return {
      phoneNumber: input.phoneNumber,
      lineType: d < 6 ? 'mobile' : d < 9 ? 'landline' : 'voip',
      carrier: 'Sandbox Carrier',
      valid: /^\+1\d{10}$/.test(input.phoneNumber),
      sandbox: true,
    }
  }
  const res = await callService(
    { provider: 'telnyx', operation: 'number_lookup.retrieve', idempotent: true, timeoutMs: TIMEOUT_MS },
    (signal: AbortSignal) => telnyx().numberLookup.retrieve(input.phoneNumber, { type: 'carrier' } as never, { signal }),
  )
  const data = res.data as { phone_number?: string; valid_number?: string; carrier?: { type?: string; name?: string } } | undefined
  const t = data?.carrier?.type ?? ''
  const lineType = t.includes('mobile')
    ? 'mobile'
    : t.includes('landline') || t.includes('fixed')
      ? 'landline'
      : t.includes('voip')
        ? 'voip'
        : 'unknown'
  return {
    phoneNumber: data?.phone_number ?? input.phoneNumber,
    lineType,
    carrier: data?.carrier?.name ?? null,
    valid: !!data?.phone_number,
    sandbox: false,
  }
}
