// Lob print & mail (REST, JSON). Creates send an Idempotency-Key (the caller's, or one per logical call reused
// across our retries): Lob returns the original object for a repeat, so creates are safe to retry.
import 'server-only'
import { randomUUID } from 'node:crypto'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { joinUrl, requestJson } from '@/lib/external/http'
import { sandboxId, seedOf } from '@/lib/external/sandbox'

const TIMEOUT_MS = 20_000
export const isLobLive = () => isLive('lob')

export interface LobAddress {
  name: string
  line1: string
  line2?: string
  city: string
  state: string
  zip: string
}
const toLob = (a: LobAddress) => ({
  name: a.name,
  address_line1: a.line1,
  ...(a.line2 ? { address_line2: a.line2 } : {}),
  address_city: a.city,
  address_state: a.state,
  address_zip: a.zip,
  address_country: 'US',
})

function lobPost<T>(operation: string, path: string, body: unknown, idempotencyKey: string): Promise<T> {
  const e = providerEnv()
  return callService(
    {
      provider: 'lob',
      operation,
      idempotent: true,
      timeoutMs: TIMEOUT_MS,
      cost: () => (operation.includes('letters') ? 90 : operation.includes('postcards') ? 60 : 0),
    },
    async (signal: AbortSignal) =>
      (
        await requestJson<T>({
          url: joinUrl(e.LOB_BASE_URL ?? 'https://api.lob.com', path),
          json: body,
          signal,
          headers: { authorization: `Basic ${Buffer.from(`${e.LOB_API_KEY}:`).toString('base64')}`, 'idempotency-key': idempotencyKey },
        })
      ).body,
  )
}

export interface MailPieceResult {
  id: string
  expectedDeliveryDate: string | null
  sandbox: boolean
}
type LobPiece = { id: string; expected_delivery_date?: string | null }

export async function createPostcard(input: {
  to: LobAddress
  from: LobAddress
  frontHtml: string
  backHtml: string
  size?: '4x6' | '6x9'
  idempotencyKey?: string
  metadata?: Record<string, string>
}): Promise<MailPieceResult> {
  if (!isLobLive()) return { id: sandboxId('psc', input.idempotencyKey ?? input), expectedDeliveryDate: null, sandbox: true }
  const r = await lobPost<LobPiece>(
    'postcards.create',
    '/v1/postcards',
    {
      to: toLob(input.to),
      from: toLob(input.from),
      front: input.frontHtml,
      back: input.backHtml,
      size: input.size ?? '4x6',
      use_type: 'marketing',
      ...(input.metadata ? { metadata: input.metadata } : {}),
    },
    input.idempotencyKey ?? randomUUID(),
  )
  return { id: r.id, expectedDeliveryDate: r.expected_delivery_date ?? null, sandbox: false }
}

export async function createLetter(input: {
  to: LobAddress
  from: LobAddress
  html: string
  color?: boolean
  idempotencyKey?: string
  metadata?: Record<string, string>
}): Promise<MailPieceResult> {
  if (!isLobLive()) return { id: sandboxId('ltr', input.idempotencyKey ?? input), expectedDeliveryDate: null, sandbox: true }
  const r = await lobPost<LobPiece>(
    'letters.create',
    '/v1/letters',
    {
      to: toLob(input.to),
      from: toLob(input.from),
      file: input.html,
      color: !!input.color,
      use_type: 'marketing',
      ...(input.metadata ? { metadata: input.metadata } : {}),
    },
    input.idempotencyKey ?? randomUUID(),
  )
  return { id: r.id, expectedDeliveryDate: r.expected_delivery_date ?? null, sandbox: false }
}

export interface VerifiedAddress {
  deliverability:
    'deliverable' | 'deliverable_unnecessary_unit' | 'deliverable_incorrect_unit' | 'deliverable_missing_unit' | 'undeliverable'
  primaryLine: string
  secondaryLine: string
  city: string
  state: string
  zip: string
  sandbox: boolean
}

export async function verifyUsAddress(input: {
  line1: string
  line2?: string
  city: string
  state: string
  zip: string
}): Promise<VerifiedAddress> {
  if (!isLobLive()) {
    // deterministic: a line containing "undeliverable" is undeliverable, everything else deliverable
    const bad = /undeliverable/i.test(input.line1)
    return {
      deliverability: bad ? 'undeliverable' : 'deliverable',
      primaryLine: input.line1.toUpperCase(),
      secondaryLine: (input.line2 ?? '').toUpperCase(),
      city: input.city.toUpperCase(),
      state: input.state.toUpperCase(),
      zip: input.zip.slice(0, 5),
      sandbox: true,
    }
  }
  const r = await lobPost<{
    deliverability: VerifiedAddress['deliverability']
    primary_line: string
    secondary_line?: string
    components?: { city?: string; state?: string; zip_code?: string }
  }>(
    'us_verifications.create',
    '/v1/us_verifications',
    { primary_line: input.line1, secondary_line: input.line2 ?? '', city: input.city, state: input.state, zip_code: input.zip },
    `verify-${seedOf(input).slice(0, 32)}`,
  )
  return {
    deliverability: r.deliverability,
    primaryLine: r.primary_line,
    secondaryLine: r.secondary_line ?? '',
    city: r.components?.city ?? input.city,
    state: r.components?.state ?? input.state,
    zip: r.components?.zip_code ?? input.zip,
    sandbox: false,
  }
}
