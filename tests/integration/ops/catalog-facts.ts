// Catalog facts of the `public` schema, as comparable strings, for the schema-drift test.
import pg from 'pg'

export interface CatalogFacts {
  tables: Set<string>
  columns: Map<string, string>
  enums: Map<string, string>
  foreignKeys: Map<string, string>
  uniques: Map<string, string>
  indexes: Map<string, string>
  checks: Map<string, string>
  triggers: Map<string, string>
  functions: Map<string, string>
  extensions: Set<string>
}

const IGNORED_TABLES = new Set(['_prisma_migrations'])

export async function readCatalogFacts(url: string): Promise<CatalogFacts> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const q = async (sql: string) => (await c.query(sql)).rows as Array<Record<string, string>>
    const tables = new Set(
      (await q(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`))
        .map((r) => r.table_name)
        .filter((t) => !IGNORED_TABLES.has(t)),
    )
    const keep = (table: string) => tables.has(table)

    const columns = new Map<string, string>()
    for (const r of await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
        character_maximum_length, numeric_precision, numeric_scale, datetime_precision, is_generated
      FROM information_schema.columns WHERE table_schema = 'public'`)) {
      if (!keep(r.table_name)) continue
      columns.set(
        `${r.table_name}.${r.column_name}`,
        `${r.data_type}/${r.udt_name} null=${r.is_nullable} default=${r.column_default} len=${r.character_maximum_length} num=${r.numeric_precision},${r.numeric_scale} dt=${r.datetime_precision} gen=${r.is_generated}`,
      )
    }

    const enums = new Map<string, string>()
    for (const r of await q(`SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`))
      enums.set(r.typname, r.labels)

    // constraints with their column lists in key order
    const cons = await q(`SELECT con.conname, con.contype, cl.relname AS table_name, ref.relname AS ref_table,
        con.confdeltype, con.confupdtype, pg_get_constraintdef(con.oid) AS def,
        (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS cols,
        (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS ref_cols
      FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
      LEFT JOIN pg_class ref ON ref.oid = con.confrelid
      WHERE n.nspname = 'public'`)
    const foreignKeys = new Map<string, string>()
    const uniques = new Map<string, string>()
    const checks = new Map<string, string>()
    for (const r of cons) {
      if (!keep(r.table_name)) continue
      if (r.contype === 'f')
        foreignKeys.set(
          r.conname,
          `${r.table_name}(${r.cols}) -> ${r.ref_table}(${r.ref_cols}) on delete ${r.confdeltype} on update ${r.confupdtype}`,
        )
      else if (r.contype === 'u' || r.contype === 'p') uniques.set(r.conname, `${r.contype} ${r.table_name}(${r.cols})`)
      else if (r.contype === 'c') checks.set(r.conname, `${r.table_name}: ${r.def}`)
    }

    const indexes = new Map<string, string>()
    for (const r of await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`)) {
      if (keep(r.tablename)) indexes.set(r.indexname, r.indexdef)
    }

    const triggers = new Map<string, string>()
    for (const r of await q(`SELECT tg.tgname, cl.relname FROM pg_trigger tg JOIN pg_class cl ON cl.oid = tg.tgrelid
      JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = 'public' AND NOT tg.tgisinternal`)) {
      if (keep(r.relname)) triggers.set(r.tgname, r.relname)
    }

    // functions we wrote (not those that belong to an extension such as pg_trgm)
    const functions = new Map<string, string>()
    for (const r of await q(`SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args FROM pg_proc p
      JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`)) {
      functions.set(r.proname, r.args)
    }

    const extensions = new Set((await q(`SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'`)).map((r) => r.extname))
    return { tables, columns, enums, foreignKeys, uniques, indexes, checks, triggers, functions, extensions }
  } finally {
    await c.end()
  }
}

/** Text of the hand-written parts of migration files: everything after the first `-- ------…` rule line. */
export function handWrittenSections(sqlFiles: string[]): string {
  return sqlFiles
    .map((sql) => {
      const m = /^-- -{20,}\s*$/m.exec(sql)
      return m ? sql.slice(m.index) : ''
    })
    .join('\n')
}

/** Whether `name` appears as an identifier in the text (quoted or bare). */
export function mentions(text: string, name: string): boolean {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(^|[^A-Za-z0-9_])"?${esc}"?($|[^A-Za-z0-9_])`).test(text)
}
