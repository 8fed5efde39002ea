// Every queue in queue-definitions.ts has a handler in the registry (lib/worker), nothing in lib/ outside
// lib/worker imports the worker, and lib/jobs (definitions, enqueue) imports no domain: the worker sits above the
// domains, the job API below them, so no import runs back up.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { QUEUE_DEFINITIONS, QUEUE_NAMES } from '@/lib/jobs/queue-definitions'
import { QUEUES } from '@/lib/worker/queues'

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

  it('only lib/worker imports the worker; lib/jobs imports no domain module', () => {
    const lib = path.resolve(import.meta.dirname, '../../../lib')
    const inside = (f: string, dir: string) => f.startsWith(path.join(lib, dir) + path.sep)
    const importers = tsFiles(lib)
      .filter((f) => !inside(f, 'worker'))
      .filter((f) => /from '@\/lib\/worker\//.test(readFileSync(f, 'utf8')))
    expect(importers.map((f) => path.relative(lib, f))).toEqual([])
    const BASE = ['jobs', 'db', 'env', 'logger', 'errors', 'auth', 'audit', 'generated', 'request-context']
    const upward = tsFiles(path.join(lib, 'jobs')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/from '@\/lib\/([^/']+)/g)]
        .map((m) => m[1]!.replace(/\.ts$/, ''))
        .filter((dir) => !BASE.includes(dir))
        .map((dir) => `${path.relative(lib, f)} -> ${dir}`),
    )
    expect(upward).toEqual([])
  })
})
