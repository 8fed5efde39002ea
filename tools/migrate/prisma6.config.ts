// Prisma 6.19.x: fully offline migrations via the JS/wasm schema engine + @prisma/adapter-pg.
// Run CLI with: PRISMA_SCHEMA_ENGINE_BINARY=/bin/false PRISMA_QUERY_ENGINE_LIBRARY=<any existing file>
import 'dotenv/config'
import { defineConfig } from 'prisma6/config'
import { PrismaPg } from 'adapter-pg6'
import pg from 'pg'

// Workaround 1 (prisma/orm#27403): wasm schema engine introspects pg_catalog columns of type
// "char"(oid 18) / name(19) which adapter-pg 6.x can't map -> report them as text(25).
const PATCH = Symbol.for('pgCatalogTypesAsText')
for (const proto of [pg.Client.prototype, pg.Pool.prototype] as any[]) {
  if (proto[PATCH]) continue
  const orig = proto.query
  proto.query = function (this: any, ...args: any[]) {
    const r = orig.apply(this, args)
    if (r && typeof r.then === 'function') {
      return r.then((res: any) => {
        for (const f of res?.fields ?? []) if (f.dataTypeID === 18 || f.dataTypeID === 19) f.dataTypeID = 25
        return res
      })
    }
    return r
  }
  proto[PATCH] = true
}

function pgConfig(url: string, database?: string): pg.PoolConfig {
  // discrete fields, not connectionString (pg lets connectionString override `database`)
  const u = new URL(url)
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: database ?? u.pathname.slice(1),
    allowExitOnIdle: true,
  }
}

// Workaround 2: adapter-pg 6.19's connectToShadowDb() (a) spreads config so a connectionString
// points the "shadow" at the real DB, (b) DROPs the shadow DB before closing its pool -> error.
class SafePrismaPg extends PrismaPg {
  constructor(private url: string) {
    super(pgConfig(url))
  }
  async connectToShadowDb() {
    const admin = await this.connect()
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`
    await admin.executeScript(`CREATE DATABASE "${database}"`)
    const shadow: any = await new PrismaPg(pgConfig(this.url, database)).connect()
    const dispose = shadow.dispose.bind(shadow)
    shadow.dispose = async () => {
      await dispose()
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
      await admin.dispose()
    }
    return shadow
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: '../../prisma/.v6/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
  adapter: async () => new SafePrismaPg(process.env.DATABASE_URL!),
})
