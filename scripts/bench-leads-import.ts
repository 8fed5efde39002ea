// `npm run bench:leads:import` — a 100,000-row CSV through preview and the leads.import job (direct call, the
// same function the pg-boss handler runs) on a scratch database; prints the time of each step.
import { performance } from 'node:perf_hooks'
// @ts-expect-error plain ESM scripts without types
import { createDatabase, dropDatabase, findPostgres } from './pg-local.mjs'
// @ts-expect-error plain ESM scripts without types
import { migrate } from './migrate-apply.mjs'

const ROWS = Number(process.env.IMPORT_ROWS ?? 100_000)
const DB_NAME = 'fm_bench_import'

async function main() {
  const adminUrl: string | null = await findPostgres()
  if (!adminUrl) throw new Error('no PostgreSQL')
  const url: string = await createDatabase(adminUrl, DB_NAME, { dropFirst: true })
  await migrate({ databaseUrl: url, log: () => {} })
  process.env.DATABASE_URL = url
  const { db } = await import('@/lib/db')
  const { memberActor, systemActor } = await import('@/lib/auth/actor')
  const { previewImport } = await import('@/lib/leads/preview-import')
  const { commitImport } = await import('@/lib/leads/commit-import')
  const { runImport } = await import('@/lib/leads/run-import')
  try {
    const org = await db.organization.create({ data: { slug: 'import-bench', name: 'Import Bench' } })
    const user = await db.user.create({ data: { email: 'import@bench.test', name: 'Importer', passwordHash: '$argon2id$x' } })
    const m = await db.membership.create({ data: { orgId: org.id, userId: user.id, role: 'OWNER' } })
    const actor = memberActor({ org: { id: org.id }, role: 'OWNER', membershipId: m.id, userId: user.id })
    const streets = ['Main St', 'Elm Street', 'Oak Avenue', 'Preston Road', 'Lovers Lane']
    const lines = ['Address,City,State,Zip,Owner,Phone,Email,Year Built,Property Value,Score,Tags']
    for (let i = 1; i < ROWS; i++) {
      const bad = i % 500 === 0 // 0.2% invalid rows
      lines.push(
        `${i} ${streets[i % 5]},Dallas,TX,${bad ? 'x' : 75201 + (i % 40)},Owner ${i},214555${String(i % 10000).padStart(4, '0')},o${i}@example.com,${1950 + (i % 70)},${200000 + i},${i % 101},storm;batch${i % 3}`,
      )
    }
    lines.push(`1 ${streets[1]},Dallas,TX,75202,Duplicate,,,,,,`) // row 100,000 duplicates row 2
    const csv = lines.join('\n')
    console.log(`CSV: ${ROWS.toLocaleString()} rows, ${(csv.length / 1e6).toFixed(1)} MB`)
    let t = performance.now()
    const p = await previewImport({ actor, csvText: csv })
    console.log(
      `preview: ${((performance.now() - t) / 1000).toFixed(1)} s — valid ${p.validRows}, invalid ${p.invalidRows}, duplicates in file ${p.duplicateInFile}, importable ${p.importable}`,
    )
    t = performance.now()
    const imp = await commitImport({ actor, csvText: csv, mapping: p.mapping, fileName: 'bench.csv', enqueue: false })
    console.log(`commit (store file, audit): ${((performance.now() - t) / 1000).toFixed(1)} s`)
    t = performance.now()
    await runImport({ actor: systemActor({ process: 'leads.import', orgId: org.id }), importId: imp.id })
    const done = await db.leadImport.findUniqueOrThrow({ where: { id: imp.id } })
    const secs = (performance.now() - t) / 1000
    console.log(
      `job: ${secs.toFixed(1)} s (${Math.round(done.processed / secs).toLocaleString()} rows/s) — status ${done.status}, processed ${done.processed}, created ${done.created}, skipped ${done.skipped}, failed ${done.failed}`,
    )
    console.log(
      `leads in org: ${await db.lead.count({ where: { orgId: org.id } })}, contacts: ${await db.contact.count({ where: { orgId: org.id } })}, activities: ${await db.leadActivity.count({ where: { orgId: org.id } })}`,
    )
  } finally {
    await db.$disconnect()
    if (process.env.BENCH_KEEP_DB !== '1') await dropDatabase(adminUrl, DB_NAME)
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
