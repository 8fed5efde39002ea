// Structured JSON logs. Request, org and user ids are attached from the request context when present.
import 'server-only'
import pino from 'pino'
import { currentContext } from '@/lib/request-context'

const base = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: process.env.FM_SERVICE ?? 'web' },
  redact: { paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization'], censor: '[redacted]' },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
})

export function log() {
  const ctx = currentContext()
  return ctx ? base.child({ requestId: ctx.requestId, userId: ctx.userId, orgId: ctx.orgId }) : base
}

export const logger = base
