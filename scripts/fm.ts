// Admin CLI: `npm run fm -- <command> [--flags]`. Arguments are zod-validated; domain functions do the work, as the
// `operator` system actor (lib/admin-cli/operator.ts).
// Exit codes: 0 ok, 1 failed (the message says why), 2 usage error.
//   org create --slug <slug> --name <name> [--plan trial|professional|enterprise] [--owner <email>]
//   org set-plan --slug <slug> --plan <plan>
//   user create --email <email> --name <name> [--password <pw>]      (prints a generated password if none)
//   member add --org <slug> --email <email> --role owner|admin|manager|rep|viewer
//   api-key create --org <slug> [--scope read|write] [--name <name>]  (prints the key once)
//   billing dunning [--org <slug>]   run the dunning clock now (one org, or every org due: the daily job's sweep)
//   db migrate | db seed
import { z } from 'zod'

const USAGE = `usage: npm run fm -- <command>
  org create --slug <slug> --name <name> [--plan trial|professional|enterprise] [--owner <email>]
  org set-plan --slug <slug> --plan <plan>
  user create --email <email> --name <name> [--password <password>]
  member add --org <slug> --email <email> --role owner|admin|manager|rep|viewer
  api-key create --org <slug> [--scope read|write] [--name <name>]
  billing dunning [--org <slug>]
  db migrate
  db seed`

class UsageError extends Error {}

function parseFlags(args: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (!a.startsWith('--')) throw new UsageError(`unexpected argument "${a}"`)
    const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined]
    const v = inline ?? args[++i]
    if (v === undefined || v.startsWith('--')) throw new UsageError(`--${k} needs a value`)
    out[k] = v
  }
  return out
}

const upper = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(values))
const PLAN = upper(['TRIAL', 'PROFESSIONAL', 'ENTERPRISE'] as const)
const ROLE = upper(['OWNER', 'ADMIN', 'MANAGER', 'REP', 'VIEWER'] as const)

const COMMANDS = {
  'org create': {
    schema: z.object({ slug: z.string(), name: z.string(), plan: PLAN.default('TRIAL'), owner: z.string().optional() }).strict(),
    run: async (a: { slug: string; name: string; plan: 'TRIAL' | 'PROFESSIONAL' | 'ENTERPRISE'; owner?: string }) => {
      const { adminCreateOrg } = await import('@/lib/admin-cli/create-org')
      const org = await adminCreateOrg({ slug: a.slug, name: a.name, plan: a.plan, ownerEmail: a.owner })
      return `created org ${org.slug} (${org.id}) plan=${org.plan}`
    },
  },
  'org set-plan': {
    schema: z.object({ slug: z.string(), plan: PLAN }).strict(),
    run: async (a: { slug: string; plan: 'TRIAL' | 'PROFESSIONAL' | 'ENTERPRISE' }) => {
      const { adminSetOrgPlan } = await import('@/lib/admin-cli/create-org')
      return `org ${a.slug} plan=${(await adminSetOrgPlan({ orgSlug: a.slug, plan: a.plan })).plan}`
    },
  },
  'user create': {
    schema: z.object({ email: z.string(), name: z.string(), password: z.string().optional() }).strict(),
    run: async (a: { email: string; name: string; password?: string }) => {
      const { adminCreateUser } = await import('@/lib/admin-cli/create-user')
      const u = await adminCreateUser(a)
      return `created user ${u.email} (${u.id})` + (u.password ? `\npassword (shown once): ${u.password}` : '')
    },
  },
  'member add': {
    schema: z.object({ org: z.string(), email: z.string(), role: ROLE }).strict(),
    run: async (a: { org: string; email: string; role: 'OWNER' | 'ADMIN' | 'MANAGER' | 'REP' | 'VIEWER' }) => {
      const { adminAddMember } = await import('@/lib/admin-cli/add-member')
      const m = await adminAddMember({ orgSlug: a.org, email: a.email, role: a.role })
      return `added ${a.email} to ${a.org} as ${m.role}`
    },
  },
  'api-key create': {
    schema: z
      .object({ org: z.string(), scope: upper(['READ', 'WRITE'] as const).default('READ'), name: z.string().default('CLI key') })
      .strict(),
    run: async (a: { org: string; scope: 'READ' | 'WRITE'; name: string }) => {
      const { adminCreateApiKey } = await import('@/lib/admin-cli/create-api-key')
      const key = await adminCreateApiKey({ orgSlug: a.org, name: a.name, scope: a.scope })
      const warn =
        key.orgPlan === 'ENTERPRISE'
          ? ''
          : `\nnote: ${a.org} is on ${key.orgPlan}; the REST API answers 403 PLAN_REQUIRED until it is ENTERPRISE`
      return `created ${key.scope} key "${key.name}" (${key.prefix}…)\n${key.secret}\n(the key is shown once; store it now)${warn}`
    },
  },
  'billing dunning': {
    schema: z.object({ org: z.string().optional() }).strict(),
    run: async (a: { org?: string }) => {
      const { adminRunDunning } = await import('@/lib/admin-cli/run-dunning')
      const results = await adminRunDunning({ orgSlug: a.org })
      if (!results.length) return 'no organization is due'
      return results
        .map((r) => `${r.orgSlug}: ${r.state}${r.step === null ? '' : ` (day ${r.step} step${r.retried ? `, retry ${r.retried}` : ''})`}`)
        .join('\n')
    },
  },
  'db migrate': {
    schema: z.object({}).strict(),
    run: async () => {
      // @ts-expect-error plain ESM script without types
      const { migrate } = await import('./migrate-apply.mjs')
      const url = process.env.DATABASE_URL
      if (!url) throw new Error('DATABASE_URL is not set')
      const r = await migrate({ databaseUrl: url, log: (m: string) => console.log(m) })
      return `${r.applied} migration(s) applied, ${r.total - r.applied} up to date`
    },
  },
  'db seed': {
    schema: z.object({}).strict(),
    run: async () => {
      const { seedDemo } = await import('../prisma/seed')
      await seedDemo()
      return 'seeded the demo organization'
    },
  },
} as const

async function main(argv: string[]): Promise<number> {
  const name = argv.slice(0, 2).join(' ') as keyof typeof COMMANDS
  const cmd = COMMANDS[name]
  if (!cmd) {
    console.error(argv.length ? `unknown command "${argv.slice(0, 2).join(' ')}"\n${USAGE}` : USAGE)
    return 2
  }
  let args: unknown
  try {
    args = cmd.schema.parse(parseFlags(argv.slice(2)))
  } catch (e) {
    const msg =
      e instanceof z.ZodError ? e.issues.map((i) => `--${i.path.join('.') || '?'}: ${i.message}`).join('\n') : (e as Error).message
    console.error(`${msg}\n${USAGE}`)
    return 2
  }
  try {
    console.log(await (cmd.run as (a: unknown) => Promise<string>)(args))
    return 0
  } catch (e) {
    const { toAppError } = await import('@/lib/errors')
    const err = toAppError(e)
    const message = err.code === 'INTERNAL' ? (e as Error).message : err.message
    const issues = (err.details as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues
    console.error(`error: ${message}${issues ? '\n' + issues.map((i) => `  ${i.path}: ${i.message}`).join('\n') : ''}`)
    return 1
  } finally {
    const { db } = await import('@/lib/db')
    await db.$disconnect().catch(() => {})
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code))
