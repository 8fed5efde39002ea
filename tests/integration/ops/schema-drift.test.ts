// Proves the database built by our migrations (scripts/migrate-apply.mjs, = the test database) matches
// prisma/schema.prisma. Method: a scratch database B gets the SQL that Prisma 6 generates from the schema alone
// (`migrate diff --from-empty --to-schema-datamodel`); then the catalogs of both are compared. We do not use
// `--from-migrations`: the wasm schema engine crashes replaying our CHECKs/triggers into a shadow database.
//
// Every table, column (type, nullability, default), enum (values in order), foreign key (columns, referenced
// table/columns, on-delete/on-update), unique/primary key and index of B must exist identically in the migrated
// database. Extras only in the migrated database must be CHECK constraints, triggers, functions, extensions or
// indexes whose names appear in the hand-written section of some migration.sql (after the `-- ------` rule line).
//
// Proven to fail on drift (2026-11-23): copy the schema, add a field, point the test at the copy:
//   cp prisma/schema.prisma /tmp/s.prisma
//   sed -i 's/^model User {/model User {\n  driftProbe String? @map("drift_probe")/' /tmp/s.prisma
//   DRIFT_SCHEMA=/tmp/s.prisma npx vitest run tests/integration/ops/schema-drift.test.ts
//   → "has the same columns" fails: "in schema.prisma but not migrated: users.drift_probe".
// Likewise changing one `onDelete: Cascade` to Restrict fails "has the same foreignKeys" (on delete r vs c).
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
// @ts-expect-error plain ESM script without types
import { createDatabase, dropDatabase } from '../../../scripts/pg-local.mjs'
import { handWrittenSections, mentions, readCatalogFacts, type CatalogFacts } from './catalog-facts'

const root = path.resolve(__dirname, '../../..')
const run = promisify(execFile)
const scratchName = `fm_drift_${Date.now().toString(36)}_${process.pid}`
let scratchUrl = ''
let migrated: CatalogFacts
let fromSchema: CatalogFacts
let handText = ''
let v6Copy = ''

/** The schema as Prisma 6 wants it (datasource url; Prisma 7 forbids it), in a private file. */
function prisma6Copy(schemaPath: string): string {
  const text = fs.readFileSync(schemaPath, 'utf8').replace(/^(\s*)provider\s*=\s*"postgresql"/m, '$&\n$1url = env("DATABASE_URL")')
  const dir = path.join(root, 'prisma', '.v6')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `drift-${process.pid}.prisma`)
  fs.writeFileSync(file, text)
  return file
}

beforeAll(async () => {
  const adminUrl = inject('adminUrl')
  scratchUrl = await createDatabase(adminUrl, scratchName, { dropFirst: true })
  v6Copy = prisma6Copy(process.env.DRIFT_SCHEMA ?? path.join(root, 'prisma', 'schema.prisma'))
  const rel = path.relative(path.join(root, 'tools', 'migrate'), v6Copy)
  const { stdout } = await run(
    'sh',
    [path.join(root, 'tools/migrate/prisma6.sh'), 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', rel, '--script'],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: scratchUrl },
      maxBuffer: 32 * 1024 * 1024,
    },
  )
  expect(stdout).toContain('CREATE TABLE')
  const c = new pg.Client({ connectionString: scratchUrl })
  await c.connect()
  try {
    await c.query(stdout)
  } finally {
    await c.end()
  }

  const dir = path.join(root, 'prisma', 'migrations')
  const files = fs
    .readdirSync(dir)
    .filter((d) => fs.existsSync(path.join(dir, d, 'migration.sql')))
    .map((d) => fs.readFileSync(path.join(dir, d, 'migration.sql'), 'utf8'))
  handText = handWrittenSections(files)
  ;[migrated, fromSchema] = await Promise.all([readCatalogFacts(inject('databaseUrl')), readCatalogFacts(scratchUrl)])
}, 60_000)

afterAll(async () => {
  if (v6Copy) fs.rmSync(v6Copy, { force: true })
  if (scratchUrl) await dropDatabase(inject('adminUrl'), scratchName)
})

type Kind = 'columns' | 'enums' | 'foreignKeys' | 'uniques' | 'indexes'

/** Facts of B missing or different in the migrated DB. */
function differences(kind: Kind): string[] {
  const out: string[] = []
  for (const [name, fact] of fromSchema[kind]) {
    const actual = migrated[kind].get(name)
    if (actual === undefined) out.push(`in schema.prisma but not migrated: ${name} (${fact})`)
    else if (actual !== fact) out.push(`differs: ${name}\n    schema.prisma: ${fact}\n    migrated:      ${actual}`)
  }
  return out
}

/** Facts only in the migrated DB that no hand-written migration section names. */
function unexplainedExtras(kind: Kind | 'checks' | 'triggers' | 'functions'): string[] {
  const ours = migrated[kind] as Map<string, string>
  const theirs = fromSchema[kind] as Map<string, string>
  return [...ours.keys()].filter((n) => !theirs.has(n) && !mentions(handText, n)).map((n) => `${kind}: ${n}`)
}

describe('schema drift: migrations vs schema.prisma', () => {
  it('has the same tables', () => {
    expect([...migrated.tables].sort()).toEqual([...fromSchema.tables].sort())
  })

  it.each(['columns', 'enums', 'foreignKeys', 'uniques', 'indexes'] as const)('has the same %s', (kind) => {
    expect(differences(kind)).toEqual([])
  })

  it('has no columns, enums, foreign keys or unique constraints beyond schema.prisma', () => {
    const extra = (['columns', 'enums', 'foreignKeys', 'uniques'] as const).flatMap((k) =>
      [...migrated[k].keys()].filter((n) => !fromSchema[k].has(n)).map((n) => `${k}: ${n}`),
    )
    expect(extra).toEqual([])
  })

  it('explains every extra index, CHECK, trigger and function by a hand-written migration section', () => {
    expect([
      ...unexplainedExtras('indexes'),
      ...unexplainedExtras('checks'),
      ...unexplainedExtras('triggers'),
      ...unexplainedExtras('functions'),
    ]).toEqual([])
    const extensions = [...migrated.extensions].filter((e) => !fromSchema.extensions.has(e) && !mentions(handText, e))
    expect(extensions).toEqual([])
  })

  it('sanity: the comparison sees real facts', () => {
    expect(fromSchema.tables.size).toBeGreaterThan(5)
    expect(fromSchema.columns.size).toBeGreaterThan(30)
    expect(fromSchema.foreignKeys.size).toBeGreaterThan(3)
    expect(migrated.checks.size).toBeGreaterThan(fromSchema.checks.size)
  })
})
