// National/state DNC files and the internal list: import rules, stale lists, lookups that stay an index probe.
import { describe, expect, it } from 'vitest'
import { Prisma } from '@/lib/generated/prisma/client'
import { db } from '@/lib/db'
import { memberActor, type Actor } from '@/lib/auth/actor'
import { addDncEntry } from '@/lib/compliance/add-dnc-entry'
import { decideSend, factsSql } from '@/lib/compliance/decide-send'
import { importDncList } from '@/lib/compliance/import-dnc-list'
import { zonedTimeToUtc } from '@/lib/compliance/zones'
import type { Role } from '@/lib/generated/prisma/enums'
import { addMember, createUser } from '@/tests/factories'
import { CHI, grantPewc, makeLead, orgWithAddress } from './helpers'

const TX_PHONE = '+12145550100'
const NOW = new Date('2026-06-10T17:00:00Z')
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString().slice(0, 10)

async function member(orgId: string, role: Role): Promise<Actor> {
  const user = await createUser()
  const m = await addMember(orgId, user.id, role)
  return memberActor({ org: { id: orgId }, userId: user.id, membershipId: m.id, role })
}

async function setup() {
  const org = await orgWithAddress()
  const lead = await makeLead(org.id)
  await grantPewc(org.id, lead.id)
  return { orgId: org.id, leadId: lead.id, owner: await member(org.id, 'OWNER') }
}

describe('DNC list import', () => {
  it('a file 32 days old is refused (EXPIRED); 31 days is accepted; bad rows are counted, duplicates collapse', async () => {
    const { orgId, owner } = await setup()
    await expect(
      importDncList({
        actor: owner,
        now: NOW,
        kind: 'NATIONAL',
        fileName: 'national.txt',
        sourceDate: daysAgo(32),
        phones: ['2145550100'],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { reason: 'EXPIRED', ageDays: 32 } })
    expect(await db.dncList.count({ where: { orgId } })).toBe(0)
    const r = await importDncList({
      actor: owner,
      now: NOW,
      kind: 'NATIONAL',
      fileName: 'national.txt',
      sourceDate: daysAgo(31),
      phones: ['(214) 555-0100', '1-214-555-0100', '+12145550101', 'hello', '1145550100'],
    })
    expect(r).toMatchObject({ rowCount: 2, rejected: 2 })
    expect(await db.dncListNumber.count({ where: { listId: r.listId } })).toBe(2)
  })

  it('a new import replaces the previous list of the same kind/state; STATE lists name their state', async () => {
    const { orgId, owner } = await setup()
    const a = await importDncList({
      actor: owner,
      now: NOW,
      kind: 'STATE',
      state: 'TX',
      fileName: 'tx1.csv',
      sourceDate: daysAgo(2),
      phones: ['2145550100'],
    })
    const b = await importDncList({
      actor: owner,
      now: NOW,
      kind: 'STATE',
      state: 'TX',
      fileName: 'tx2.csv',
      sourceDate: daysAgo(1),
      phones: ['2145550199'],
    })
    const lists = await db.dncList.findMany({ where: { orgId } })
    expect(lists.map((l) => l.id)).toEqual([b.listId])
    expect(await db.dncListNumber.count({ where: { listId: a.listId } })).toBe(0)
    await expect(
      importDncList({ actor: owner, now: NOW, kind: 'STATE', fileName: 'x.csv', sourceDate: daysAgo(1), phones: [] }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    await expect(
      importDncList({ actor: owner, now: NOW, kind: 'NATIONAL', fileName: 'x.csv', sourceDate: 'yesterday', phones: [] }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  })

  it('only OWNER/ADMIN import; a REP may add to the internal list, a VIEWER may not', async () => {
    const { orgId } = await setup()
    for (const role of ['MANAGER', 'REP', 'VIEWER'] as Role[]) {
      const actor = await member(orgId, role)
      await expect(
        importDncList({ actor, now: NOW, kind: 'NATIONAL', fileName: 'n.txt', sourceDate: daysAgo(1), phones: [] }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
    const rep = await member(orgId, 'REP')
    expect(await addDncEntry({ actor: rep, phone: TX_PHONE, reason: 'asked on the phone' })).toEqual({ added: true })
    expect(await addDncEntry({ actor: rep, phone: TX_PHONE })).toEqual({ added: false })
    await expect(addDncEntry({ actor: await member(orgId, 'VIEWER'), phone: TX_PHONE })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(addDncEntry({ actor: rep, phone: '214-555-0100' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    expect(await db.auditLog.count({ where: { orgId, action: 'compliance.dnc_entry.add' } })).toBe(1)
  })
})

describe('DNC lookups in decideSend', () => {
  it('national hit denies marketing, not transactional; a list gone stale (32 days) denies every marketing phone send', async () => {
    const { orgId, leadId, owner } = await setup()
    await importDncList({ actor: owner, now: NOW, kind: 'NATIONAL', fileName: 'n.txt', sourceDate: daysAgo(20), phones: ['2145550100'] })
    const at = zonedTimeToUtc(2026, 6, 10, 12 * 60, CHI)
    const base = { orgId, leadId, to: { phone: TX_PHONE }, at }
    expect(await decideSend({ ...base, channel: 'CALL', purpose: 'MARKETING' })).toMatchObject({ outcome: 'deny', rule: 'national_dnc' })
    expect(await decideSend({ ...base, channel: 'CALL', purpose: 'TRANSACTIONAL' })).toEqual({ outcome: 'allow' })
    expect(await decideSend({ ...base, channel: 'SMS', purpose: 'MARKETING', to: { phone: '+12145550101' } })).toEqual({ outcome: 'allow' })
    // 12 days later the 20-day-old file is 32 days old
    const later = new Date(at.getTime() + 12 * 86_400_000)
    expect(await decideSend({ ...base, at: later, channel: 'SMS', purpose: 'MARKETING', to: { phone: '+12145550101' } })).toMatchObject({
      outcome: 'deny',
      rule: 'dnc_list_stale',
    })
    // a state list of another state does not apply to this Texas lead/number
    const other = await setup()
    await importDncList({
      actor: other.owner,
      now: NOW,
      kind: 'STATE',
      state: 'FL',
      fileName: 'fl.csv',
      sourceDate: daysAgo(1),
      phones: [],
    })
    await db.dncList.updateMany({ where: { orgId: other.orgId }, data: { sourceDate: new Date(daysAgo(40)) } })
    expect(await decideSend({ ...base, ...other, channel: 'SMS', purpose: 'MARKETING' })).toEqual({ outcome: 'allow' })
  })

  it('a lookup in a ≥ 100k-row list is an index probe (EXPLAIN: Index Only Scan on the primary key, no Seq Scan)', async () => {
    const { orgId, leadId, owner } = await setup()
    const { listId } = await importDncList({
      actor: owner,
      now: NOW,
      kind: 'NATIONAL',
      fileName: 'big.txt',
      sourceDate: daysAgo(1),
      phones: [],
    })
    await db.$executeRaw`INSERT INTO dnc_list_numbers (list_id, phone) SELECT ${listId}::uuid, 12000000000 + g FROM generate_series(1, 120000) g`
    await db.$executeRaw`ANALYZE dnc_list_numbers`
    expect(await db.dncListNumber.count({ where: { listId } })).toBeGreaterThanOrEqual(100_000)
    const at = zonedTimeToUtc(2026, 6, 10, 12 * 60, CHI)
    const phone = '+12000060000'
    const sql = factsSql(
      { orgId, leadId, channel: 'CALL', purpose: 'MARKETING', at },
      { phone, email: null, digits: 12000060000n, phoneState: null, capFrom: new Date(at.getTime() - 86_400_000) },
    )
    const plan = (await db.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN ${sql}`)).map((r) => r['QUERY PLAN']).join('\n')
    expect(plan).toMatch(/Index (Only )?Scan using dnc_list_numbers_pkey on dnc_list_numbers/)
    expect(plan).not.toMatch(/Seq Scan on dnc_list_numbers/)
    expect(await decideSend({ orgId, leadId, channel: 'CALL', purpose: 'MARKETING', to: { phone }, at })).toMatchObject({
      rule: 'national_dnc',
    })
  })
})
