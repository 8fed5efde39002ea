// `npm run doctor`: every integration as live / sandbox / misconfigured / disabled, plus PostgreSQL, Redis and
// Sentry. Exit 1 when anything is misconfigured or down (or a production secret is missing).
import 'dotenv/config'
import { doctorProblems, listIntegrationHealth } from '@/lib/ops/integration-health'

const rows = await listIntegrationHealth()
const w = (s: string, n: number) => s.padEnd(n).slice(0, n)
const icon: Record<string, string> = { live: '●', sandbox: '◌', misconfigured: '✗', disabled: '⏻', down: '✗', not_configured: '·' }
console.log(`${w('Integration', 26)} ${w('Status', 17)} Reason`)
console.log('-'.repeat(90))
for (const r of rows)
  console.log(
    `${w(r.name, 26)} ${w(`${icon[r.status] ?? ''} ${r.status}`, 17)} ${r.reason}${r.breaker && r.breaker !== 'closed' ? ` (breaker ${r.breaker})` : ''}`,
  )
const problems = doctorProblems(rows)
console.log('')
if (problems.length) {
  console.log(`✗ ${problems.length} problem(s):`)
  for (const p of problems) console.log(`  - ${p}`)
} else {
  console.log('✓ no problems (sandbox integrations never contact anyone and are labelled in the UI)')
}
const g = globalThis as unknown as {
  fmPrisma?: { $disconnect(): Promise<void> }
  fmPool?: { ended: boolean; ending?: boolean; end(): Promise<void> }
}
await g.fmPrisma?.$disconnect()
if (g.fmPool && !g.fmPool.ending && !g.fmPool.ended) await g.fmPool.end()
process.exit(problems.length ? 1 : 0)
