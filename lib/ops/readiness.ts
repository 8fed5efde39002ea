// Readiness: the database answers and every migration in prisma/migrations is applied.
import 'server-only'
import fs from 'node:fs'
import path from 'node:path'
import { db } from '@/lib/db'

export interface Readiness {
  ready: boolean
  checks: { database: 'ok' | 'down'; migrations: 'ok' | 'pending' | 'unknown'; pending?: string[] }
}

function expectedMigrations(): string[] {
  const dir = path.join(process.cwd(), 'prisma', 'migrations')
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
}

export async function checkReadiness(): Promise<Readiness> {
  let applied: string[]
  try {
    const rows = await db.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`
    applied = rows.map((r) => r.migration_name)
  } catch {
    return { ready: false, checks: { database: 'down', migrations: 'unknown' } }
  }
  const pending = expectedMigrations().filter((m) => !applied.includes(m))
  return pending.length
    ? { ready: false, checks: { database: 'ok', migrations: 'pending', pending } }
    : { ready: true, checks: { database: 'ok', migrations: 'ok' } }
}
