// HOT-lead alerts: one in-app notification and one email per owner/admin/manager, never repeated (retries, a
// second job, re-scores), nothing for COLD or deleted leads, nothing for reps and viewers. The job path runs
// through the real queue: enqueued in the caller's transaction, worked by the registered handler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { apiKeyActor, systemActor } from '@/lib/auth/actor'
import type { Role } from '@/lib/generated/prisma/enums'
import { stopBoss } from '@/lib/jobs/boss'
import { scoreV1 } from '@/lib/scoring/score-v1'
import { NOTIFICATION_QUEUES } from '@/lib/notifications/jobs'
import { enqueueHotLeadAlert, prepareHotLeadAlerts } from '@/lib/notifications/enqueue-hot-lead-alert'
import { hotLeadDedupeKey, notifyHotLead } from '@/lib/notifications/notify-hot-lead'
import { createOrgWithRoles } from '@/tests/factories'
import { actorsOf, makeLead, type OrgWithRoles } from '@/tests/integration/leads/helpers'
import { startTestWorker, usePrivateBossSchema, waitFor } from '@/tests/integration/outbox/harness'

let schema = ''
beforeAll(async () => {
  schema = usePrivateBossSchema()
  await prepareHotLeadAlerts()
})
afterAll(async () => {
  await stopBoss()
})

const MANAGERS: Role[] = ['OWNER', 'ADMIN', 'MANAGER']
const err = async (p: Promise<unknown>) =>
  toAppError(
    await p.then(
      () => null,
      (e) => e,
    ),
  )
const job = (orgId: string) => systemActor({ process: 'notifications', orgId })

const breakdown = (conditionScore: number) =>
  JSON.parse(
    JSON.stringify(
      scoreV1({
        assessment: {
          roofVisible: true,
          conditionScore,
          material: 'asphalt_shingle',
          indicators: [{ type: 'granule_loss_or_wear', severity: 'high', evidence: 'Bare patches on the south slope' }],
          confidence: 0.9,
        },
        property: { yearBuilt: 1996, propertyValueCents: 380_000_00 },
        contact: { ownerNameKnown: true, phones: 1, emails: 1 },
        now: new Date('2026-11-20T00:00:00Z'),
      }),
    ),
  )

/** A lead with a stored score (the band follows from it: trigger). */
async function scoredLead(org: OrgWithRoles, score: number) {
  const a = await actorsOf(org)
  const lead = await makeLead(a.OWNER)
  await db.lead.update({ where: { id: lead.id }, data: { score, scoreBreakdown: breakdown(score >= 80 ? 10 : 90) }, select: { id: true } })
  return db.lead.findUniqueOrThrow({ where: { id: lead.id }, select: { id: true, band: true, addressLine1: true, city: true } })
}

async function alertsOf(leadId: string) {
  const notifications = await db.notification.findMany({
    where: { leadId },
    select: { userId: true, kind: true, title: true, body: true, url: true, dedupeKey: true, readAt: true },
  })
  const emails = await db.emailMessage.findMany({
    where: { dedupeKey: { startsWith: `lead.hot:${leadId}:` } },
    select: { toEmail: true, subject: true, text: true, template: true, sandbox: true, status: true },
  })
  return { notifications, emails }
}

const usersOf = (org: OrgWithRoles, roles: Role[]) => roles.map((r) => org.members[r].user)

describe('HOT-lead alerts', () => {
  it('a HOT lead: one notification and one email for each owner, admin and manager; none for reps and viewers', async () => {
    const org = await createOrgWithRoles()
    const lead = await scoredLead(org, 88)
    expect(lead.band).toBe('HOT')
    const r = await notifyHotLead({ actor: job(org.org.id), leadId: lead.id })
    expect(r).toEqual({ status: 'notified', recipients: 3, created: 3 })

    const { notifications, emails } = await alertsOf(lead.id)
    expect(notifications.map((n) => n.userId).sort()).toEqual(
      usersOf(org, MANAGERS)
        .map((u) => u.id)
        .sort(),
    )
    for (const n of notifications) {
      expect(n).toMatchObject({
        kind: 'lead.hot',
        title: `HOT lead: ${lead.addressLine1}, ${lead.city}, TX 75201`,
        url: `/${org.org.slug}/leads/${lead.id}`,
        dedupeKey: hotLeadDedupeKey(lead.id, n.userId),
        readAt: null,
      })
      expect(n.body).toMatch(/^Score 88\/100 \(HOT\)\. \S/)
    }
    expect(emails.map((e) => e.toEmail).sort()).toEqual(
      usersOf(org, MANAGERS)
        .map((u) => u.email)
        .sort(),
    )
    for (const e of emails) {
      // no SendGrid key in tests: the sandbox mailbox (the dev mailbox page reads these rows)
      expect(e).toMatchObject({ template: 'lead-hot', sandbox: true, status: 'delivered', subject: notifications[0]!.title })
      expect(e.text).toContain(`/${org.org.slug}/leads/${lead.id}`)
      expect(e.text).toContain('Top reason: ')
    }
    for (const role of ['REP', 'VIEWER'] as const)
      expect(await db.notification.count({ where: { userId: org.members[role].user.id } })).toBe(0)
  })

  it('never alerts twice: the job run again, a second job and a re-score leave one notification and one email each', async () => {
    const org = await createOrgWithRoles()
    const lead = await scoredLead(org, 84)
    await notifyHotLead({ actor: job(org.org.id), leadId: lead.id })
    expect(await notifyHotLead({ actor: job(org.org.id), leadId: lead.id })).toEqual({ status: 'notified', recipients: 3, created: 0 })
    // re-scored: still HOT, then cooled and HOT again
    for (const score of [95, 70, 91]) {
      await db.lead.update({ where: { id: lead.id }, data: { score }, select: { id: true } })
      await notifyHotLead({ actor: job(org.org.id), leadId: lead.id })
    }
    const { notifications, emails } = await alertsOf(lead.id)
    expect(notifications).toHaveLength(3)
    expect(emails).toHaveLength(3)
    // the notification someone already read stays read (nothing re-created or reset)
    const mgr = org.members.MANAGER.user.id
    await db.notification.updateMany({ where: { leadId: lead.id, userId: mgr }, data: { readAt: new Date() } })
    await notifyHotLead({ actor: job(org.org.id), leadId: lead.id })
    expect(await db.notification.count({ where: { leadId: lead.id, userId: mgr, readAt: null } })).toBe(0)
  })

  it('a COLD or WARM lead, a deleted lead and another org’s lead alert nobody', async () => {
    const org = await createOrgWithRoles()
    const other = await createOrgWithRoles()
    const cold = await scoredLead(org, 40)
    const warm = await scoredLead(org, 65)
    const deleted = await scoredLead(org, 90)
    await db.lead.update({ where: { id: deleted.id }, data: { deletedAt: new Date() }, select: { id: true } })
    const foreign = await scoredLead(other, 90)
    expect(await notifyHotLead({ actor: job(org.org.id), leadId: cold.id })).toEqual({ status: 'skipped', reason: 'not_hot' })
    expect(await notifyHotLead({ actor: job(org.org.id), leadId: warm.id })).toEqual({ status: 'skipped', reason: 'not_hot' })
    expect(await notifyHotLead({ actor: job(org.org.id), leadId: deleted.id })).toEqual({ status: 'skipped', reason: 'not_found' })
    expect(await notifyHotLead({ actor: job(org.org.id), leadId: foreign.id })).toEqual({ status: 'skipped', reason: 'not_found' })
    for (const l of [cold, warm, deleted, foreign]) expect(await alertsOf(l.id)).toEqual({ notifications: [], emails: [] })
  })

  it('only a process with the right may send alerts: members, API keys and other system processes are refused', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const lead = await scoredLead(org, 90)
    expect((await err(notifyHotLead({ actor: a.REP, leadId: lead.id }))).code).toBe('FORBIDDEN')
    expect((await err(notifyHotLead({ actor: a.VIEWER, leadId: lead.id }))).code).toBe('FORBIDDEN')
    expect((await err(notifyHotLead({ actor: a.OWNER, leadId: lead.id }))).code).toBe('FORBIDDEN')
    const pipeline = systemActor({ process: 'scans.pipeline', orgId: org.org.id })
    expect((await err(notifyHotLead({ actor: pipeline, leadId: lead.id }))).code).toBe('FORBIDDEN')
    const key = apiKeyActor({ id: crypto.randomUUID(), orgId: org.org.id, scope: 'WRITE' })
    expect((await err(notifyHotLead({ actor: key, leadId: lead.id }))).code).toBe('FORBIDDEN')
    const importer = systemActor({ process: 'leads.import', orgId: org.org.id })
    expect((await err(notifyHotLead({ actor: importer, leadId: lead.id }))).code).toBe('FORBIDDEN')
    expect(await db.notification.count({ where: { leadId: lead.id } })).toBe(0)
  })

  it('through the queue: enqueued in the scoring transaction (rolled back = no job), worked by the registered handler', async () => {
    const org = await createOrgWithRoles()
    const lead = await scoredLead(org, 86)
    const jobsFor = () =>
      db.$queryRawUnsafe<Array<{ state: string }>>(
        `SELECT state::text FROM "${schema}".job WHERE name = 'notifications.hot-lead' AND singleton_key = $1`,
        lead.id,
      )
    // a rolled-back scoring transaction leaves no job behind
    await db
      .$transaction(async (tx) => {
        await enqueueHotLeadAlert({ tx, leadId: lead.id, orgId: org.org.id })
        throw new Error('rollback')
      })
      .catch(() => null)
    expect(await jobsFor()).toHaveLength(0)
    // committed: one waiting job per lead (the second enqueue is absorbed by the singleton key)
    const ids = await db.$transaction(async (tx) => [
      await enqueueHotLeadAlert({ tx, leadId: lead.id, orgId: org.org.id }),
      await enqueueHotLeadAlert({ tx, leadId: lead.id, orgId: org.org.id }),
    ])
    expect(ids[0]).toBeTruthy()
    expect(ids[1]).toBeNull()
    const worker = await startTestWorker(NOTIFICATION_QUEUES)
    try {
      await waitFor(async () => (await db.notification.count({ where: { leadId: lead.id } })) === 3, { what: 'the HOT-lead alerts' })
      await waitFor(async () => (await jobsFor()).every((j) => j.state === 'completed'), { what: 'the job to complete' })
    } finally {
      await worker.stop()
    }
    const { notifications, emails } = await alertsOf(lead.id)
    expect(notifications).toHaveLength(3)
    expect(emails).toHaveLength(3)
  })
})
