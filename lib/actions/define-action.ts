// Server actions are public endpoints. Every one: request context → session from the DB registry →
// member + role from the DB → permission → zod parse → one domain call → a result value (never a throw,
// since Next masks thrown errors in production).
import 'server-only'
import { z } from 'zod'
import type { Permission } from '@/lib/auth/permissions'
import { assertCan, memberActor, type MemberActor } from '@/lib/auth/actor'
import { getMemberContext, type MemberContext } from '@/lib/auth/org-context'
import { assertEmailVerified, loadSession, requireSession, sessionFromCookieHeader, type CurrentSession } from '@/lib/auth/session'
import type { ActionResult } from '@/lib/action-result'
import { AppError, toAppError, toErrorBody } from '@/lib/errors'
import { log } from '@/lib/logger'
import { contextFromHeaders, runWithContext, type RequestContext } from '@/lib/request-context'

export type { ActionResult } from '@/lib/action-result'

/** Who is calling, when not taken from the cookie (tests, jobs). Role and org still come from the DB. */
export interface ActorOverride {
  sessionId?: string
  request?: Partial<RequestContext>
}

export const orgSlugField = z.string().min(1).max(48)
const MAX_INPUT_BYTES = 256 * 1024

async function requestFromNext(): Promise<{ req: RequestContext; cookie: string | null }> {
  const { headers } = await import('next/headers')
  const h = await headers()
  return { req: contextFromHeaders(h), cookie: h.get('cookie') }
}

async function run<T>(
  override: ActorOverride | undefined,
  body: (req: RequestContext, session: () => Promise<CurrentSession | null>) => Promise<T>,
): Promise<ActionResult<T>> {
  let req: RequestContext
  let cookie: string | null = null
  if (override) {
    req = { requestId: crypto.randomUUID(), ip: '127.0.0.1', userAgent: 'test', ...override.request }
  } else {
    ;({ req, cookie } = await requestFromNext())
  }
  const session = () =>
    override
      ? override.sessionId
        ? loadSession({ sessionId: override.sessionId })
        : Promise.resolve(null)
      : sessionFromCookieHeader(cookie)
  return runWithContext(req, async () => {
    try {
      return { ok: true as const, data: await body(req, session) }
    } catch (err) {
      const appErr = toAppError(err)
      if (appErr.status >= 500) log().error({ err: appErr.cause ?? appErr }, 'action failed')
      return { ok: false as const, error: toErrorBody(appErr, req.requestId).error }
    }
  })
}

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  if (raw !== undefined && JSON.stringify(raw)?.length > MAX_INPUT_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'The request is too large')
  }
  return schema.parse(raw)
}

type Action<I, T> = ((input: I) => Promise<ActionResult<T>>) & {
  /** Same action with an explicit actor instead of the request cookie (tests, scripts). */
  as: (actor: ActorOverride) => (input: unknown) => Promise<ActionResult<T>>
}

function makeAction<I, T>(impl: (override: ActorOverride | undefined, raw: unknown) => Promise<ActionResult<T>>): Action<I, T> {
  const fn = ((input: I) => impl(undefined, input)) as Action<I, T>
  fn.as = (actor) => (input) => impl(actor, input)
  return fn
}

/** No session needed (sign-up, password reset request, …). */
export function publicAction<S extends z.ZodType, T>(
  schema: S,
  handler: (args: { input: z.infer<S>; req: RequestContext; session: CurrentSession | null }) => Promise<T>,
): Action<z.input<S>, T> {
  return makeAction((override, raw) =>
    run(override, async (req, session) => handler({ input: parse(schema, raw), req, session: await session() })),
  )
}

/** Any signed-in user, no org (profile, security settings). */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  handler: (args: { input: z.infer<S>; req: RequestContext; session: CurrentSession }) => Promise<T>,
): Action<z.input<S>, T> {
  return makeAction((override, raw) =>
    run(override, async (req, session) => {
      const s = requireSession(await session())
      req.userId = s.user.id
      return handler({ input: parse(schema, raw), req, session: s })
    }),
  )
}

/**
 * A member acting in an org. Input must carry `orgSlug`; the role is read from the DB and checked against
 * `permission` (null = any member) before the input is even parsed. The handler passes `actor` to one domain
 * function, which checks its own right again (so jobs, REST and the CLI get the same check).
 */
export function orgAction<S extends z.ZodObject, T>(
  opts: { permission: Permission | null; input: S },
  handler: (args: {
    input: z.infer<S>
    actor: MemberActor
    member: MemberContext
    req: RequestContext
    session: CurrentSession
  }) => Promise<T>,
): Action<z.input<S> & { orgSlug: string }, T> {
  const schema = opts.input.safeExtend({ orgSlug: orgSlugField })
  return makeAction((override, raw) =>
    run(override, async (req, session) => {
      const s = requireSession(await session())
      req.userId = s.user.id
      assertEmailVerified(s)
      const slug = orgSlugField.safeParse((raw as { orgSlug?: unknown } | null)?.orgSlug)
      if (!slug.success) throw new AppError('NOT_FOUND', 'Organization not found')
      const member = await getMemberContext({ userId: s.user.id, orgSlug: slug.data })
      req.orgId = member.org.id
      const actor = memberActor(member)
      if (opts.permission) assertCan(actor, opts.permission)
      const input = parse(schema, raw) as z.infer<S>
      return handler({ input, actor, member, req, session: s })
    }),
  )
}
