// Every queue in queue-definitions.ts has a handler in the registry, and nothing in lib/ outside lib/jobs imports
// the registry (domain jobs files build on the leaf definitions, so there is no import loop).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { QUEUE_DEFINITIONS, QUEUE_NAMES } from '@/lib/jobs/queue-definitions'
import { QUEUES } from '@/lib/jobs/queues'

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? (e.name === 'generated' ? [] : tsFiles(p)) : /\.tsx?$/.test(e.name) ? [p] : []
  })
}

describe('job queues', () => {
  it('the registry runs exactly the defined queues, with their options and cron', () => {
    expect(QUEUES.map((q) => q.name).sort()).toEqual([...QUEUE_NAMES].sort())
    for (const q of QUEUES) {
      const def = QUEUE_DEFINITIONS[q.name as keyof typeof QUEUE_DEFINITIONS]
      expect(q.options).toEqual(def.options)
      expect(q.cron).toEqual(def.cron)
    }
  })

  it('no module in lib/ outside lib/jobs imports the registry or the worker', () => {
    const lib = path.resolve(__dirname, '../../../lib')
    const offenders = tsFiles(lib)
      .filter((f) => !f.startsWith(path.join(lib, 'jobs') + path.sep))
      .filter((f) => /from '@\/lib\/jobs\/(queues|worker)'/.test(readFileSync(f, 'utf8')))
    expect(offenders.map((f) => path.relative(lib, f))).toEqual([])
  })
})
