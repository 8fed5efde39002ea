// Demo leads: exactly 603 homes in Dallas–Fort Worth for the demo org — real ZIPs, cities, counties and street
// names; synthetic house numbers, owners and facts. Deterministic (seeded RNG, fixed ids) and idempotent: a
// second run adds nothing. Spread over rep@ and rep2@ and unassigned, with notes, tasks and timelines. Each lead's
// aerial image and roof findings (the assessment it was scored with) come from prisma/seed-roofs.ts.
import { createHash } from 'node:crypto'
import { db } from '@/lib/db'
import { applyManualPlan } from '@/lib/billing/apply-manual-plan'
import { mulberry32 } from '@/lib/mulberry32'
import { normalizeAddress } from '@/lib/leads/normalize-address'
import type { LeadStatus, RoofMaterial } from '@/lib/generated/prisma/enums'
import { demoLeadScore } from './seed-scores'
import { seedDemoRoofs } from './seed-roofs'

export const DEMO_LEAD_COUNT = 603

const AREAS = [
  {
    zip: '75201',
    city: 'Dallas',
    county: 'Dallas',
    lat: 32.787,
    lng: -96.799,
    streets: ['Ross Ave', 'McKinney Ave', 'Routh St', 'Cedar Springs Rd'],
  },
  {
    zip: '75205',
    city: 'Dallas',
    county: 'Dallas',
    lat: 32.836,
    lng: -96.797,
    streets: ['Mockingbird Ln', 'Lovers Ln', 'Armstrong Pkwy', 'Beverly Dr'],
  },
  {
    zip: '75206',
    city: 'Dallas',
    county: 'Dallas',
    lat: 32.831,
    lng: -96.77,
    streets: ['Greenville Ave', 'Matilda St', 'Llano Ave', 'Vickery Blvd'],
  },
  {
    zip: '75214',
    city: 'Dallas',
    county: 'Dallas',
    lat: 32.826,
    lng: -96.748,
    streets: ['Swiss Ave', 'Gaston Ave', 'Abrams Rd', 'Tokalon Dr', 'Lakewood Blvd'],
  },
  {
    zip: '75218',
    city: 'Dallas',
    county: 'Dallas',
    lat: 32.845,
    lng: -96.7,
    streets: ['Garland Rd', 'Lochwood Blvd', 'Peavy Rd', 'Easton Rd'],
  },
  {
    zip: '75225',
    city: 'Dallas',
    county: 'Dallas',
    lat: 32.863,
    lng: -96.79,
    streets: ['Preston Rd', 'Northwest Hwy', 'Walnut Hill Ln', 'Hillcrest Rd'],
  },
  {
    zip: '75230',
    city: 'Dallas',
    county: 'Dallas',
    lat: 32.899,
    lng: -96.79,
    streets: ['Royal Ln', 'Meadowbrook Dr', 'Inwood Rd', 'Forest Ln'],
  },
  {
    zip: '75024',
    city: 'Plano',
    county: 'Collin',
    lat: 33.076,
    lng: -96.805,
    streets: ['Legacy Dr', 'Ohio Dr', 'Spring Creek Pkwy', 'Tennyson Pkwy'],
  },
  {
    zip: '75093',
    city: 'Plano',
    county: 'Collin',
    lat: 33.03,
    lng: -96.79,
    streets: ['Park Blvd', 'Parker Rd', 'Coit Rd', 'Independence Pkwy'],
  },
  {
    zip: '75034',
    city: 'Frisco',
    county: 'Collin',
    lat: 33.15,
    lng: -96.83,
    streets: ['Main St', 'Eldorado Pkwy', 'Teel Pkwy', 'Lebanon Rd'],
  },
  {
    zip: '75070',
    city: 'McKinney',
    county: 'Collin',
    lat: 33.18,
    lng: -96.69,
    streets: ['Virginia Pkwy', 'Stacy Rd', 'Custer Rd', 'Hardin Blvd'],
  },
  {
    zip: '75080',
    city: 'Richardson',
    county: 'Dallas',
    lat: 32.966,
    lng: -96.744,
    streets: ['Belt Line Rd', 'Campbell Rd', 'Collins Blvd', 'Arapaho Rd'],
  },
  {
    zip: '75040',
    city: 'Garland',
    county: 'Dallas',
    lat: 32.92,
    lng: -96.63,
    streets: ['Naaman School Rd', 'Broadway Blvd', 'Oates Dr', 'Centerville Rd'],
  },
  {
    zip: '75063',
    city: 'Irving',
    county: 'Dallas',
    lat: 32.92,
    lng: -96.96,
    streets: ['MacArthur Blvd', 'Valley Ranch Pkwy', 'Royal Ln', 'Riverside Dr'],
  },
  {
    zip: '75019',
    city: 'Coppell',
    county: 'Dallas',
    lat: 32.965,
    lng: -96.99,
    streets: ['Sandy Lake Rd', 'Denton Tap Rd', 'Bethel Rd', 'Parkway Blvd'],
  },
  {
    zip: '76051',
    city: 'Grapevine',
    county: 'Tarrant',
    lat: 32.934,
    lng: -97.078,
    streets: ['Main St', 'Dove Rd', 'Hall Johnson Rd', 'Ira E Woods Ave'],
  },
  {
    zip: '76107',
    city: 'Fort Worth',
    county: 'Tarrant',
    lat: 32.74,
    lng: -97.37,
    streets: ['Camp Bowie Blvd', 'Crestline Rd', 'Hulen St', 'White Settlement Rd'],
  },
  {
    zip: '76109',
    city: 'Fort Worth',
    county: 'Tarrant',
    lat: 32.701,
    lng: -97.38,
    streets: ['Bellaire Dr', 'University Dr', 'Park Hill Dr', 'Stadium Dr'],
  },
  {
    zip: '76116',
    city: 'Fort Worth',
    county: 'Tarrant',
    lat: 32.72,
    lng: -97.44,
    streets: ['Bryant Irvin Rd', 'Vickery Blvd', 'Alta Mesa Blvd', 'Las Vegas Trl'],
  },
  {
    zip: '76012',
    city: 'Arlington',
    county: 'Tarrant',
    lat: 32.755,
    lng: -97.14,
    streets: ['Cooper St', 'Randol Mill Rd', 'Park Row Dr', 'Davis Dr'],
  },
  {
    zip: '76013',
    city: 'Arlington',
    county: 'Tarrant',
    lat: 32.72,
    lng: -97.15,
    streets: ['Pioneer Pkwy', 'Bowen Rd', 'Green Oaks Blvd', 'Fielder Rd'],
  },
  {
    zip: '75028',
    city: 'Flower Mound',
    county: 'Denton',
    lat: 33.04,
    lng: -97.07,
    streets: ['Long Prairie Rd', 'Morriss Rd', 'Cross Timbers Rd', 'Garden Ridge Blvd'],
  },
]
const FIRST = [
  'James',
  'Maria',
  'Robert',
  'Linda',
  'Michael',
  'Patricia',
  'David',
  'Jennifer',
  'Carlos',
  'Elizabeth',
  'William',
  'Sofia',
  'Daniel',
  'Karen',
  'Jose',
  'Nancy',
  'Thomas',
  'Lisa',
  'Kevin',
  'Angela',
  'Brian',
  'Priya',
  'Tyler',
  'Megan',
]
const LAST = [
  'Smith',
  'Johnson',
  'Garcia',
  'Martinez',
  'Brown',
  'Davis',
  'Rodriguez',
  'Wilson',
  'Anderson',
  'Nguyen',
  'Thomas',
  'Hernandez',
  'Moore',
  'Jackson',
  'Lee',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Patel',
  'Walker',
  'Hall',
  'Young',
  'King',
]
const MATERIALS: RoofMaterial[] = [
  'ASPHALT_SHINGLE',
  'ASPHALT_SHINGLE',
  'ASPHALT_SHINGLE',
  'ASPHALT_SHINGLE',
  'METAL',
  'TILE',
  'WOOD_SHAKE',
  'SLATE',
  'FLAT_MEMBRANE',
]
const TAGS = ['hail-2026', 'storm-may', 'insurance-claim', 'referral', 'hoa', 'corner-lot', 'solar-interest', 'gutter-damage']
const LOST_REASONS = [
  'Went with another contractor',
  'Insurance denied the claim',
  'Not the decision maker',
  'Price too high',
  'Sold the house',
]
const NOTES = [
  'Homeowner asked for a call after 5pm.',
  'Visible granule loss on the south slope.',
  'Neighbor had a claim approved last month.',
  'Left a door hanger.',
  'Wants a quote for gutters too.',
  'Spoke with spouse; will discuss this weekend.',
]
const TASKS = [
  'Call back about inspection',
  'Send insurance checklist',
  'Schedule roof inspection',
  'Follow up on proposal',
  'Drop off brochure',
]

/** deterministic uuid (v4-shaped) from a name */
function uuidFrom(name: string) {
  const h = createHash('sha256').update(`fishmouth-demo:${name}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export async function seedDemoLeads({ orgId, repEmails }: { orgId: string; repEmails: string[] }) {
  const account = await db.billingAccount.findUnique({ where: { orgId }, select: { state: true } })
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { plan: true } })
  // the demo org is an Enterprise customer, billed by hand (not through Stripe): ACTIVE, with the plan's cap
  if (org.plan !== 'ENTERPRISE' || account?.state !== 'ACTIVE')
    await db.$transaction((tx) => applyManualPlan(tx, { orgId, plan: 'ENTERPRISE' }))
  const reps = await db.membership.findMany({
    where: { orgId, user: { email: { in: repEmails } } },
    select: { id: true, userId: true },
    orderBy: { user: { email: 'asc' } },
  })
  const owner = await db.membership.findFirst({ where: { orgId, role: 'OWNER' }, select: { userId: true } })
  const rand = mulberry32(20261123)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!
  const now = Date.UTC(2026, 10, 20)
  const seen = new Set<string>()
  const leads = []
  while (leads.length < DEMO_LEAD_COUNT) {
    const area = pick(AREAS)
    const line1 = `${100 + Math.floor(rand() * 9800)} ${pick(area.streets)}`
    const normalizedAddress = normalizeAddress({ line1, city: area.city, state: 'TX', zip: area.zip })
    if (seen.has(normalizedAddress)) continue
    seen.add(normalizedAddress)
    const i: number = leads.length
    const yearBuilt = 1955 + Math.floor(rand() * 66)
    const roofAge = Math.min(2026 - yearBuilt, Math.floor(rand() * 30))
    // the roof's latent "need" (5–99, with a HOT tail) drives its synthetic sandbox assessment; the score itself
    // comes from scoreV1 below (prisma/seed-scores.ts)
    const latent = Math.max(5, Math.min(99, Math.round(35 + rand() * 40 + (rand() < 0.25 ? 25 : 0) + roofAge * 0.5 - 5)))
    const r = rand()
    const status: LeadStatus =
      r < 0.55
        ? 'NEW'
        : r < 0.72
          ? 'CONTACTED'
          : r < 0.82
            ? 'QUALIFIED'
            : r < 0.89
              ? 'APPOINTMENT_SCHEDULED'
              : r < 0.94
                ? 'PROPOSAL_SENT'
                : r < 0.97
                  ? 'WON'
                  : 'LOST'
    const a = rand()
    const assigneeId = reps.length ? (a < 0.4 ? reps[0]!.id : a < 0.7 ? reps[reps.length - 1]!.id : null) : null
    const ownerName = `${pick(FIRST)} ${pick(LAST)}`
    const tagCount = rand() < 0.4 ? 1 + Math.floor(rand() * 3) : 0
    const lead = {
      id: uuidFrom(`lead:${normalizedAddress}`),
      orgId,
      normalizedAddress,
      addressLine1: line1,
      city: area.city,
      state: 'TX',
      zip: area.zip,
      county: `${area.county} County`,
      lat: +(area.lat + (rand() - 0.5) * 0.05).toFixed(6),
      lng: +(area.lng + (rand() - 0.5) * 0.05).toFixed(6),
      ownerName,
      yearBuilt,
      propertyValueCents: (180_000 + Math.floor(rand() * 900_000)) * 100,
      roofMaterial: pick(MATERIALS),
      roofAgeYears: roofAge,
      roofAreaSqFt: 1400 + Math.floor(rand() * 3200),
      status,
      lostReason: status === 'LOST' ? pick(LOST_REASONS) : null,
      assigneeId,
      source: 'SCAN' as const,
      tags: [...new Set(Array.from({ length: tagCount }, () => pick(TAGS)))],
      createdAt: new Date(now - Math.floor(rand() * 90) * 86_400_000 - i * 60_000),
      phone: `+1214555${String(1000 + i).slice(-4)}`,
      email: `${ownerName.toLowerCase().replace(/[^a-z]/g, '.')}${i}@example.com`,
      hasEmail: i % 3 !== 0,
    }
    leads.push({ ...lead, ...demoLeadScore({ ...lead, latent, now: new Date(now) }) })
  }
  const existing = new Set(
    (await db.lead.findMany({ where: { orgId, id: { in: leads.map((l) => l.id) } }, select: { id: true } })).map((l) => l.id),
  )
  const fresh = leads.filter((l) => !existing.has(l.id))
  // every demo lead's aerial image + findings (also for leads seeded before the demo had them); after the leads exist
  const roofLeads = leads.map((l) => ({ id: l.id, lat: l.lat, lng: l.lng, createdAt: l.createdAt, assessment: l.assessment }))
  const roofs = () => seedDemoRoofs({ orgId, leads: roofLeads })
  if (!fresh.length) {
    const roof = await roofs()
    return { created: 0, total: await db.lead.count({ where: { orgId, deletedAt: null } }), roofs: roof }
  }
  await db.$transaction(
    async (tx) => {
      await tx.lead.createMany({
        data: fresh.map(({ phone: _p, email: _e, hasEmail: _h, assessment: _a, ...l }) => ({ ...l, updatedAt: l.createdAt })),
        skipDuplicates: true,
      })
      await tx.contact.createMany({
        data: fresh.map((l, i) => ({
          id: uuidFrom(`contact:${l.id}`),
          orgId,
          leadId: l.id,
          name: l.ownerName,
          phones: [l.phone],
          emails: l.hasEmail ? [l.email] : [],
          isPrimary: true,
          ...(i % 5 === 0 ? { consentEmail: 'GRANTED' as const, consentEmailAt: l.createdAt, consentEmailSource: 'roof_report_form' } : {}),
          ...(i % 11 === 0 ? { consentSms: 'REVOKED' as const, consentSmsAt: l.createdAt, consentSmsSource: 'sms_stop' } : {}),
        })),
      })
      const activities: Array<{
        orgId: string
        leadId: string
        type: string
        actorType: 'SYSTEM' | 'USER'
        actorId: string | null
        data: object
        createdAt: Date
      }> = []
      const notes = [],
        tasks = []
      for (const [i, l] of fresh.entries()) {
        const at = (h: number) => new Date(l.createdAt.getTime() + h * 3600_000)
        const actor = l.assigneeId ? reps.find((r) => r.id === l.assigneeId)!.userId : (owner?.userId ?? null)
        activities.push({
          orgId,
          leadId: l.id,
          type: 'lead.created',
          actorType: 'SYSTEM',
          actorId: null,
          data: { source: 'SCAN' },
          createdAt: l.createdAt,
        })
        if (l.assigneeId)
          activities.push({
            orgId,
            leadId: l.id,
            type: 'assignment.changed',
            actorType: 'USER',
            actorId: owner?.userId ?? null,
            data: { from: null, to: l.assigneeId },
            createdAt: at(1),
          })
        if (l.status !== 'NEW')
          activities.push({
            orgId,
            leadId: l.id,
            type: 'status.changed',
            actorType: 'USER',
            actorId: actor,
            data: { from: 'NEW', to: l.status, lostReason: l.lostReason },
            createdAt: at(30),
          })
        if (i % 4 === 0) {
          const id = uuidFrom(`note:${l.id}`)
          notes.push({ id, orgId, leadId: l.id, authorId: actor, body: NOTES[i % NOTES.length]!, createdAt: at(26) })
          activities.push({
            orgId,
            leadId: l.id,
            type: 'note.added',
            actorType: 'USER',
            actorId: actor,
            data: { noteId: id },
            createdAt: at(26),
          })
        }
        if (i % 6 === 0 && l.status !== 'WON' && l.status !== 'LOST') {
          const id = uuidFrom(`task:${l.id}`)
          const done = i % 12 === 0
          tasks.push({
            id,
            orgId,
            leadId: l.id,
            title: TASKS[i % TASKS.length]!,
            dueAt: new Date(now + ((i % 14) - 4) * 86_400_000),
            doneAt: done ? at(50) : null,
            assigneeId: l.assigneeId,
            createdById: actor,
            createdAt: at(27),
          })
          activities.push({
            orgId,
            leadId: l.id,
            type: 'task.added',
            actorType: 'USER',
            actorId: actor,
            data: { taskId: id },
            createdAt: at(27),
          })
        }
      }
      await tx.leadNote.createMany({ data: notes })
      await tx.leadTask.createMany({ data: tasks })
      await tx.leadActivity.createMany({ data: activities })
    },
    { timeout: 60_000 },
  )
  const roof = await roofs()
  return { created: fresh.length, total: await db.lead.count({ where: { orgId, deletedAt: null } }), roofs: roof }
}
