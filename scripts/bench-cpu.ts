// CPU accounting for the benchmarks (Linux /proc): where each request's CPU goes — the Next server process,
// PostgreSQL (every local `postgres` process), and the load generator (this process). On a 2-core machine all
// three share the cores, so these numbers explain the throughput ratios the benchmarks print.
import fs from 'node:fs'

export interface CpuSnapshot {
  server: number
  pg: number
  client: number
}
interface Snapshot extends CpuSnapshot {
  pgByPid: Map<string, number>
}

const TICK_MS = 10 // USER_HZ = 100 on Linux

function procTicks(pid: number | string): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return Number(f[11]) + Number(f[12]) // utime + stime (fields 14, 15)
  } catch {
    return 0
  }
}

/** CPU ms of every PostgreSQL process, by pid (backends come and go between snapshots). */
function postgresByPid(): Map<string, number> {
  const out = new Map<string, number>()
  try {
    for (const d of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue
      try {
        if (fs.readFileSync(`/proc/${d}/comm`, 'utf8').startsWith('postgres')) out.set(d, procTicks(d) * TICK_MS)
      } catch {
        /* process gone */
      }
    }
  } catch {
    /* no /proc */
  }
  return out
}

export function cpuSnapshot(serverPid: number | undefined): Snapshot {
  const c = process.cpuUsage()
  const pgByPid = postgresByPid()
  return {
    server: serverPid ? procTicks(serverPid) * TICK_MS : 0,
    pg: [...pgByPid.values()].reduce((x, y) => x + y, 0),
    client: (c.user + c.system) / 1000,
    pgByPid,
  }
}

/** CPU milliseconds per request between two snapshots (PostgreSQL: processes alive at the end; new ones count whole). */
export function cpuPerRequest(a: CpuSnapshot, b: CpuSnapshot, requests: number): CpuSnapshot {
  const n = Math.max(1, requests)
  const before = (a as Snapshot).pgByPid
  let pg = 0
  for (const [pid, ms] of (b as Snapshot).pgByPid) pg += ms - (before?.get(pid) ?? 0)
  return { server: (b.server - a.server) / n, pg: pg / n, client: (b.client - a.client) / n }
}

export const formatCpu = (c: CpuSnapshot) =>
  `CPU ms/req: server ${c.server.toFixed(2)}  postgres ${c.pg.toFixed(2)}  load generator ${c.client.toFixed(2)}`
