import 'server-only'

export interface WebhookContext {
  id: string
  eventId: string
  type: string
  payload: unknown
  /** 1 on the first processing attempt */
  attempt: number
}

/** Returns a short note for logs (e.g. "ignored", "delivered"). Throw to have the job retried. */
export type WebhookHandler = (ctx: WebhookContext) => Promise<string>
