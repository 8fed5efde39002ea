// The CSV import commits its lead_imports row, its audit row and its leads.import job in ONE transaction: a
// failure of the job insert leaves no import behind (nothing stranded without a job), and a committed import
// always has its job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { memberActor } from '@/lib/auth/actor'
import { stopBoss } from '@/lib/jobs/boss'
import { prepareQueues } from '@/lib/jobs/enqueue'
import { commitImport } from '@/lib/leads/commit-import'
import { createOrgWithRoles } from '@/tests/factories'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'

let schema = ''
beforeAll(async () => {
  schema = usePrivateBossSchema()
  await prepareQueues(['leads.import'])
})
afterAll(() => stopBoss())

const CSV = 'address,city,state,zip\n1 Elm St,Dallas,TX,75201\n2 Elm St,Dallas,TX,75201'
const MAPPING = { addressLine1: 'address', city: 'city', state: 'state', zip: 'zip' }

async function adminOfNewOrg() {
  const org = await createOrgWithRoles()
  const userId = org.members.ADMIN.user.id
  const m = await db.membership.findFirstOrThrow({ where: { orgId: org.org.id, userId }, select: { id: true } })
  return { orgId: org.org.id, actor: memberActor({ org: { id: org.org.id }, userId, membershipId: m.id, role: 'ADMIN' }) }
}

async function importJobs(importId: string) {
  return db.$queryRawUnsafe<Array<{ data: { importId: string; orgId: string }; singleton_key: string; state: string }>>(
    `SELECT data, singleton_key, state::text AS state FROM "${schema}".job WHERE name = 'leads.import' AND data->>'importId' = $1`,
    importId,
  )
}

describe('commitImport enqueues in the same transaction', () => {
  it('the job insert fails inside the transaction → no lead_imports row and no audit row', async () => {
    const { orgId, actor } = await adminOfNewOrg()
    // make the database refuse the job row (a crash at the worst moment): a trigger on this file's private job table
    await db.$executeRawUnsafe(
      `CREATE FUNCTION "${schema}".refuse_job() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'job insert refused (test)'; END $$`,
    )
    await db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_job BEFORE INSERT ON "${schema}".job FOR EACH ROW EXECUTE FUNCTION "${schema}".refuse_job()`,
    )
    try {
      await expect(commitImport({ actor, csvText: CSV, mapping: MAPPING, fileName: 'crash.csv' })).rejects.toThrow(/job insert refused/)
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_job ON "${schema}".job`)
    }
    expect(await db.leadImport.count({ where: { orgId } })).toBe(0)
    expect(await db.auditLog.count({ where: { orgId, action: 'lead.import.start' } })).toBe(0)
  })

  it('happy path: the row, its audit row and one job (singletonKey = import id) all exist after commit', async () => {
    const { orgId, actor } = await adminOfNewOrg()
    const imp = await commitImport({ actor, csvText: CSV, mapping: MAPPING, fileName: 'ok.csv' })
    expect(
      await db.leadImport.findUniqueOrThrow({ where: { id: imp.id }, select: { orgId: true, status: true, totalRows: true } }),
    ).toEqual({ orgId, status: 'PENDING', totalRows: 2 })
    expect(await db.auditLog.count({ where: { orgId, action: 'lead.import.start', targetId: imp.id } })).toBe(1)
    expect(await importJobs(imp.id)).toEqual([{ data: { importId: imp.id, orgId }, singleton_key: imp.id, state: 'created' }])
  })

  it('enqueue: false (the benchmark) stores the row without a job', async () => {
    const { actor } = await adminOfNewOrg()
    const imp = await commitImport({ actor, csvText: CSV, mapping: MAPPING, fileName: 'nojob.csv', enqueue: false })
    expect(await importJobs(imp.id)).toEqual([])
  })
})
