// The public shape of a lead in REST API v1 (stable; internal columns such as search_text never leave).
import 'server-only'
import { z } from 'zod'
import { LEAD_BANDS, LEAD_SOURCES, LEAD_STATUSES, ROOF_MATERIALS } from '@/lib/leads/schemas'

export const apiContactSchema = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  consent: z.object({
    email: z.enum(['UNKNOWN', 'GRANTED', 'REVOKED']),
    sms: z.enum(['UNKNOWN', 'GRANTED', 'REVOKED']),
    call: z.enum(['UNKNOWN', 'GRANTED', 'REVOKED']),
    mail: z.enum(['UNKNOWN', 'GRANTED', 'REVOKED']),
  }),
})

export const apiLeadSchema = z.object({
  id: z.uuid(),
  address: z.object({
    line1: z.string(),
    line2: z.string().nullable(),
    city: z.string(),
    state: z.string(),
    zip: z.string(),
    county: z.string().nullable().optional(),
    normalized: z.string(),
  }),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  ownerName: z.string().nullable(),
  property: z.object({
    yearBuilt: z.number().int().nullable(),
    valueCents: z.number().int().nullable(),
    roofMaterial: z.enum(ROOF_MATERIALS).nullable(),
    roofAgeYears: z.number().int().nullable(),
    roofAreaSqFt: z.number().int().nullable().optional(),
  }),
  score: z.number().int().nullable(),
  band: z.enum(LEAD_BANDS).nullable(),
  status: z.enum(LEAD_STATUSES),
  lostReason: z.string().nullable(),
  tags: z.array(z.string()),
  source: z.enum(LEAD_SOURCES),
  assigneeId: z.uuid().nullable(),
  contacts: z.array(apiContactSchema).optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type ApiLead = z.infer<typeof apiLeadSchema>

export const apiLeadPageSchema = z.object({ data: z.array(apiLeadSchema), nextCursor: z.string().nullable() })

interface LeadLike {
  id: string
  normalizedAddress: string
  addressLine1: string
  addressLine2: string | null
  city: string
  state: string
  zip: string
  county?: string | null
  lat: number | null
  lng: number | null
  ownerName: string | null
  yearBuilt: number | null
  propertyValueCents: number | null
  roofMaterial: string | null
  roofAgeYears: number | null
  roofAreaSqFt?: number | null
  score: number | null
  band: string | null
  status: string
  lostReason: string | null
  tags: string[]
  source: string
  assigneeId?: string | null
  assignee?: unknown
  createdAt: Date
  updatedAt: Date
  contacts?: Array<{
    id: string
    name: string | null
    phones: string[]
    emails: string[]
    consentEmail: string
    consentSms: string
    consentCall: string
    consentMail: string
  }>
}

export function toApiLead(l: LeadLike): ApiLead {
  return {
    id: l.id,
    address: {
      line1: l.addressLine1,
      line2: l.addressLine2,
      city: l.city,
      state: l.state,
      zip: l.zip,
      ...(l.county !== undefined ? { county: l.county } : {}),
      normalized: l.normalizedAddress,
    },
    location: l.lat != null && l.lng != null ? { lat: l.lat, lng: l.lng } : null,
    ownerName: l.ownerName,
    property: {
      yearBuilt: l.yearBuilt,
      valueCents: l.propertyValueCents,
      roofMaterial: l.roofMaterial as ApiLead['property']['roofMaterial'],
      roofAgeYears: l.roofAgeYears,
      ...(l.roofAreaSqFt !== undefined ? { roofAreaSqFt: l.roofAreaSqFt } : {}),
    },
    score: l.score,
    band: l.band as ApiLead['band'],
    status: l.status as ApiLead['status'],
    lostReason: l.lostReason,
    tags: l.tags,
    source: l.source as ApiLead['source'],
    assigneeId: l.assigneeId ?? (l.assignee as { membershipId?: string } | null | undefined)?.membershipId ?? null,
    ...(l.contacts
      ? {
          contacts: l.contacts.map((c) => ({
            id: c.id,
            name: c.name,
            phones: c.phones,
            emails: c.emails,
            consent: { email: c.consentEmail, sms: c.consentSms, call: c.consentCall, mail: c.consentMail } as ApiLead['contacts'] extends
              Array<infer C> | undefined
              ? C extends { consent: infer X }
                ? X
                : never
              : never,
          })),
        }
      : {}),
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  }
}
