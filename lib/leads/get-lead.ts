// Lead detail: facts, score reasons, contacts with consent, notes, open+done tasks, recent timeline.
import 'server-only'
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import { type Actor } from '@/lib/auth/actor'
import { leadWhere } from '@/lib/leads/lead-scope'
import { leadIdSchema } from '@/lib/leads/schemas'

export const LEAD_DETAIL_SELECT = {
  id: true,
  normalizedAddress: true,
  addressLine1: true,
  addressLine2: true,
  city: true,
  state: true,
  zip: true,
  county: true,
  lat: true,
  lng: true,
  ownerName: true,
  yearBuilt: true,
  propertyValueCents: true,
  roofMaterial: true,
  roofAgeYears: true,
  roofAreaSqFt: true,
  score: true,
  scoreVersion: true,
  scoreBreakdown: true,
  band: true,
  status: true,
  lostReason: true,
  tags: true,
  source: true,
  scanId: true,
  importId: true,
  assigneeId: true,
  createdAt: true,
  updatedAt: true,
} as const

export async function getLead({ actor, leadId, activityLimit = 50 }: { actor: Actor; leadId: string; activityLimit?: number }) {
  if (!leadIdSchema.safeParse(leadId).success) throw notFound('Lead')
  const lead = await db.lead.findFirst({
    where: { id: leadId, ...leadWhere(actor, 'lead.read') },
    select: {
      ...LEAD_DETAIL_SELECT,
      assignee: { select: { id: true, role: true, user: { select: { id: true, name: true, email: true } } } },
      // the aerial image and AI assessment behind the score (served by app/[orgSlug]/images/[imageId]/route.ts)
      roofImage: {
        select: { id: true, width: true, height: true, provider: true, zoom: true, metresPerPixel: true, capturedAt: true, sandbox: true },
      },
      roofAssessment: {
        select: {
          id: true,
          result: true,
          confidence: true,
          provider: true,
          model: true,
          sandbox: true,
          reviewStatus: true,
          createdAt: true,
        },
      },
      contacts: {
        orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }],
        select: {
          id: true,
          name: true,
          phones: true,
          emails: true,
          isPrimary: true,
          consentEmail: true,
          consentEmailAt: true,
          consentEmailSource: true,
          consentSms: true,
          consentSmsAt: true,
          consentSmsSource: true,
          consentCall: true,
          consentCallAt: true,
          consentCallSource: true,
          consentMail: true,
          consentMailAt: true,
          consentMailSource: true,
        },
      },
      notes: {
        where: { deletedAt: null },
        orderBy: { createdAt: 'desc' },
        take: 100,
        select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
      },
      tasks: {
        orderBy: [{ doneAt: { sort: 'asc', nulls: 'first' } }, { dueAt: { sort: 'asc', nulls: 'last' } }],
        take: 100,
        select: { id: true, title: true, dueAt: true, doneAt: true, assigneeId: true, createdAt: true },
      },
      activities: {
        orderBy: { createdAt: 'desc' },
        take: Math.min(Math.max(activityLimit, 1), 200),
        select: { id: true, type: true, actorType: true, actorId: true, data: true, createdAt: true },
      },
    },
  })
  if (!lead) throw notFound('Lead')
  return lead
}

export type LeadDetail = Awaited<ReturnType<typeof getLead>>
