import { afterAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { createOrgWithRoles } from '@/tests/factories'
import { previewImport } from '@/lib/leads/preview-import'
import { commitImport } from '@/lib/leads/commit-import'
import { runImport } from '@/lib/leads/run-import'
import { getImport } from '@/lib/leads/get-import'
import { exportLeadsCsv } from '@/lib/leads/export-leads-csv'
import { stopBoss } from '@/lib/jobs/boss'
import { systemActor } from '@/lib/auth/actor'
import { GET as exportRoute } from '@/app/[orgSlug]/leads/export/route'
import { actorsOf, makeLead } from './helpers'

afterAll(() => stopBoss())

const CSV = [
  'Street Address,City,State,Zip Code,Owner,Phone,Email,Year Built,Property Value,Score,Tags',
  '101 Main Street,Dallas,TX,75201,Ann Able,214-555-0101,ann@example.com,1995,"$350,000",82,storm;hail',
  '102 Main St.,Dallas,Texas,75201,Bob Baker,,,2001,,45,',
  '101 MAIN ST,Dallas,TX,75201,Ann Again,,,,,,', // duplicate of row 2 within the file
  ',Dallas,TX,75201,No Street,,,,,,', // missing street
  '104 Main St,Dallas,TX,7520,Bad Zip,not-a-phone,bad@,1990,,150,', // zip, phone, email, score
  '200 Existing Road,Dallas,TX,75201,Already There,,,,,,', // exists in the org
].join('\n')

describe('CSV import', () => {
  it('preview reports bad rows (row, column, reason) and duplicates, and writes nothing', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    await makeLead(a.OWNER, { addressLine1: '200 Existing Rd' })
    const leadsBefore = await db.lead.count({ where: { orgId: org.org.id } })
    const auditBefore = await db.auditLog.count({ where: { orgId: org.org.id } })
    const p = await previewImport({ actor: a.MANAGER, csvText: CSV })
    expect(p.mappingComplete).toBe(true)
    expect(p.mapping).toMatchObject({
      addressLine1: 'Street Address',
      zip: 'Zip Code',
      ownerName: 'Owner',
      phone: 'Phone',
      propertyValue: 'Property Value',
    })
    expect(p).toMatchObject({ totalRows: 6, validRows: 4, invalidRows: 2, duplicateInFile: 1, duplicateExisting: 1, importable: 2 })
    expect(p.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 5, column: 'Street Address' }),
        expect.objectContaining({ row: 6, column: 'Zip Code' }),
        expect.objectContaining({ row: 6, column: 'Phone' }),
        expect.objectContaining({ row: 6, column: 'Email' }),
        expect.objectContaining({ row: 6, column: 'Score' }),
        expect.objectContaining({ row: 4, reason: expect.stringContaining('Duplicate') }),
      ]),
    )
    expect(await db.lead.count({ where: { orgId: org.org.id } })).toBe(leadsBefore)
    expect(await db.auditLog.count({ where: { orgId: org.org.id } })).toBe(auditBefore)
    expect(await db.leadImport.count({ where: { orgId: org.org.id } })).toBe(0)
    // incomplete mapping is reported, not thrown
    expect((await previewImport({ actor: a.MANAGER, csvText: 'foo,bar\n1,2' })).mappingComplete).toBe(false)
    // a REP may not import (imported leads are unassigned)
    expect(toAppError(await previewImport({ actor: a.REP, csvText: CSV }).catch((e) => e))).toMatchObject({ code: 'FORBIDDEN' })
  })

  it('commit queues a leads.import job; the job inserts in batches with progress, skipping duplicates', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    await makeLead(a.OWNER, { addressLine1: '200 Existing Rd' })
    const preview = await previewImport({ actor: a.ADMIN, csvText: CSV })
    const imp = await commitImport({ actor: a.ADMIN, csvText: CSV, mapping: preview.mapping, fileName: 'leads.csv' })
    const job = await db.$queryRaw<
      Array<{ n: bigint }>
    >`SELECT count(*) AS n FROM pgboss.job WHERE name = 'leads.import' AND data->>'importId' = ${imp.id}`
    expect(Number(job[0]!.n)).toBe(1)
    expect(await getImport({ actor: a.ADMIN, importId: imp.id })).toMatchObject({
      status: 'PENDING',
      totalRows: 6,
      processed: 0,
      percent: 0,
    })
    await runImport({ actor: systemActor({ process: 'leads.import', orgId: org.org.id }), importId: imp.id })
    const done = await getImport({ actor: a.ADMIN, importId: imp.id })
    expect(done).toMatchObject({ status: 'COMPLETED', totalRows: 6, processed: 6, created: 2, skipped: 2, failed: 2, percent: 100 })
    const ann = await db.lead.findFirstOrThrow({
      where: { orgId: org.org.id, ownerName: 'Ann Able' },
      include: { contacts: true, activities: true },
    })
    expect(ann).toMatchObject({
      source: 'IMPORT',
      score: 82,
      band: 'HOT',
      propertyValueCents: 35_000_000,
      tags: ['storm', 'hail'],
      importId: imp.id,
    })
    expect(ann.contacts[0]).toMatchObject({ phones: ['+12145550101'], emails: ['ann@example.com'] })
    expect(ann.activities.map((x) => x.type)).toEqual(['lead.imported'])
    expect((await db.lead.findFirstOrThrow({ where: { id: ann.id } })).searchText).toContain('12145550101')
    expect((await db.leadImport.findUniqueOrThrow({ where: { id: imp.id } })).csvText).toBeNull()
    // running again is a no-op (completed)
    await runImport({ actor: systemActor({ process: 'leads.import', orgId: org.org.id }), importId: imp.id })
    expect(await db.lead.count({ where: { orgId: org.org.id } })).toBe(3)
    // other org cannot read the import
    const other = await actorsOf(await createOrgWithRoles())
    expect(toAppError(await getImport({ actor: other.OWNER, importId: imp.id }).catch((e) => e))).toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('CSV export', () => {
  it('streams the filtered set, audited, with a timeline entry per lead; REP limited to assigned; formula cells neutralised', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    await makeLead(a.OWNER, { ownerName: '=HYPERLINK("http://evil")', score: 90, assigneeId: a.membership.REP })
    await makeLead(a.OWNER, { ownerName: 'Cold Carl', score: 10 })
    const { stream } = await exportLeadsCsv({ actor: a.MANAGER, filter: { band: ['HOT'] } })
    const text = await new Response(stream).text()
    const lines = text.trim().split(/\r\n/)
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^id,address_line1/)
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`)
    expect(await db.auditLog.count({ where: { orgId: org.org.id, action: 'lead.export' } })).toBe(1)
    expect(await db.auditLog.count({ where: { orgId: org.org.id, action: 'lead.export.complete' } })).toBe(1)
    expect(await db.leadActivity.count({ where: { orgId: org.org.id, type: 'lead.exported' } })).toBe(1)
    expect(toAppError(await exportLeadsCsv({ actor: a.REP, filter: {} }).catch((e) => e))).toMatchObject({ code: 'FORBIDDEN' })
    expect(toAppError(await exportLeadsCsv({ actor: a.VIEWER, filter: {} }).catch((e) => e))).toMatchObject({ code: 'FORBIDDEN' })
  })

  it('the export route needs a session and lead.export, and never answers for another org', async () => {
    const org = await createOrgWithRoles()
    const res = await exportRoute(new Request(`http://x/${org.org.slug}/leads/export`), {
      params: Promise.resolve({ orgSlug: org.org.slug }),
    })
    expect(res.status).toBe(401)
    expect((await res.json()).error.code).toBe('UNAUTHENTICATED')
  })
})
