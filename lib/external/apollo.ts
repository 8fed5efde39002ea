// Apollo people match (REST) to enrich a homeowner/lead contact. Read-only → retried.
import 'server-only'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { joinUrl, requestJson } from '@/lib/external/http'
import { seededRandom } from '@/lib/external/sandbox'

const TIMEOUT_MS = 15_000
export const isApolloLive = () => isLive('apollo')

export interface PersonMatchInput {
  firstName?: string
  lastName?: string
  email?: string
  organizationName?: string
  domain?: string
}
export interface PersonMatch {
  found: boolean
  name: string | null
  title: string | null
  email: string | null
  phone: string | null
  linkedinUrl: string | null
  sandbox: boolean
}
interface ApolloBody {
  person?: {
    name?: string
    title?: string
    email?: string
    linkedin_url?: string
    phone_numbers?: Array<{ sanitized_number?: string }>
  } | null
}

export async function matchPerson(input: PersonMatchInput): Promise<PersonMatch> {
  if (!isApolloLive()) {
    const rnd = seededRandom('apollo', input)
    const found = rnd() < 0.7
    const name = [input.firstName, input.lastName].filter(Boolean).join(' ') || null
    return {
      found,
      name: found ? name : null,
      title: found ? 'Homeowner' : null,
      email: found ? (input.email ?? null) : null,
      phone: null,
      linkedinUrl: null,
      sandbox: true,
    }
  }
  const e = providerEnv()
  const body = await callService(
    { provider: 'apollo', operation: 'people.match', idempotent: true, timeoutMs: TIMEOUT_MS, cost: (b) => (b.person ? 1 : 0) },
    async (signal: AbortSignal) =>
      (
        await requestJson<ApolloBody>({
          url: joinUrl(e.APOLLO_BASE_URL ?? 'https://api.apollo.io', '/api/v1/people/match'),
          signal,
          headers: { 'x-api-key': e.APOLLO_API_KEY!, 'cache-control': 'no-cache' },
          json: {
            first_name: input.firstName,
            last_name: input.lastName,
            email: input.email,
            organization_name: input.organizationName,
            domain: input.domain,
            reveal_personal_emails: false,
          },
        })
      ).body,
  )
  const p = body.person
  return {
    found: !!p,
    name: p?.name ?? null,
    title: p?.title ?? null,
    email: p?.email ?? null,
    phone: p?.phone_numbers?.[0]?.sanitized_number ?? null,
    linkedinUrl: p?.linkedin_url ?? null,
    sandbox: false,
  }
}
