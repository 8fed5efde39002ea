// The job worker for the whole e2e run (scans, imports, outbox…): scripts/worker.ts against the e2e database.
//
// Why a second globalSetup and not a second `webServer` entry or an inline worker in instrumentation.ts:
// Playwright starts every webServer BEFORE globalSetup, and tests/e2e/global-setup.ts then DROPs and recreates
// the database underneath it (WITH (FORCE) ends its connections). A worker started by webServer would have
// created pg-boss's schema in the old database and lose it; so would an inline worker in the Next server. A
// globalSetup listed after global-setup.ts runs once the database is migrated and seeded, and the function it
// returns is Playwright's global teardown: the worker is stopped (SIGTERM, then SIGKILL) when the run ends.
// Same DATABASE_URL, FM_SANDBOX=1 and IMAGE_STORAGE_DIR as the web server (playwright.config.ts).
import { spawn } from 'node:child_process'
import { E2E_DATABASE_URL, E2E_IMAGE_STORAGE_DIR } from '../../playwright.config'

const START_TIMEOUT_MS = 90_000

export default async function workerSetup() {
  // (the image folder was emptied by global-setup.ts before the seed stored the demo leads' images in it)
  const child = spawn('npx', ['tsx', '--conditions=react-server', 'scripts/worker.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: E2E_DATABASE_URL,
      NODE_ENV: 'development',
      FM_SANDBOX: '1',
      IMAGE_STORAGE_DIR: E2E_IMAGE_STORAGE_DIR,
      FM_SERVICE: 'e2e-worker',
      // info, to see "worker started"; only warnings and errors are passed on below
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // own process group: npx → tsx → node; stopping only npx would leave the worker running
    detached: true,
  })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000)
    process.stderr.write(`[worker] ${d}`)
  })

  await new Promise<void>((resolve, reject) => {
    let buffered = ''
    let started = false
    const timer = setTimeout(
      () => reject(new Error(`the e2e worker did not start within ${START_TIMEOUT_MS / 1000} s\n${stderr}`)),
      START_TIMEOUT_MS,
    )
    // the stdout pipe is drained for the worker's whole life (a full pipe would block it)
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        if (!started && line.includes('"msg":"worker started"')) {
          started = true
          clearTimeout(timer)
          resolve()
        } else if (/"level":"(warn|error|fatal)"/.test(line)) process.stderr.write(`[worker] ${line}\n`)
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      if (!started) reject(new Error(`the e2e worker exited before starting (code ${code}, signal ${signal})\n${stderr}`))
    })
  })

  return async () => {
    if (!child.pid || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal)
      } catch {
        child.kill(signal)
      }
    }
    signalGroup('SIGTERM')
    const killed = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 25_000))])
    if (killed) signalGroup('SIGKILL')
  }
}
