// Anthropic Messages API fake: x-api-key + anthropic-version headers, tool_use answers, Anthropic error bodies
// (529 overloaded_error, 429 rate_limit_error vs the spend-limit 429 that must not be retried).
import { startFake } from './fake-server'

export const anthropicError = (type: string, message: string) => ({ type: 'error', error: { type, message } })
export const anthropicErrorBody = (status: number) =>
  status === 529
    ? anthropicError('overloaded_error', 'Overloaded')
    : status === 429
      ? anthropicError('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit')
      : status === 401
        ? anthropicError('authentication_error', 'invalid x-api-key')
        : status === 403
          ? anthropicError('permission_error', 'Your API key does not have permission to use the specified resource.')
          : status === 404
            ? anthropicError('not_found_error', 'The requested resource could not be found.')
            : status >= 500
              ? anthropicError('api_error', 'Internal server error')
              : anthropicError('invalid_request_error', 'messages: field required')
/** The 429 Anthropic returns when the workspace spend limit is reached: retrying cannot help. */
export const anthropicSpendLimit = anthropicError(
  'rate_limit_error',
  'You have reached your specified workspace API usage limits. You will regain access on 2026-12-01 at 00:00 UTC.',
)

export async function startAnthropicFake(opts: { toolInput?: unknown } = {}) {
  return startFake({
    errorBody: anthropicErrorBody,
    routes: [
      {
        method: 'POST',
        path: /^\/v1\/messages$/,
        handle: (r) => {
          // SDK 1.12 sends the key as Authorization: Bearer; older SDKs and curl use x-api-key. Both are accepted.
          if (!r.headers['x-api-key'] && !/^Bearer sk-ant-/.test(String(r.headers.authorization)))
            return { status: 401, body: anthropicErrorBody(401) }
          if (!r.headers['anthropic-version']) return { status: 400, body: anthropicErrorBody(400) }
          const b = r.body as { model: string; tools?: Array<{ name: string }>; messages: Array<{ content: unknown }> }
          const content = b.tools?.length
            ? [{ type: 'tool_use', id: 'toolu_fake', name: b.tools[0].name, input: opts.toolInput ?? {} }]
            : [{ type: 'text', text: `fake reply to: ${typeof b.messages[0].content === 'string' ? b.messages[0].content : 'content'}` }]
          return {
            status: 200,
            headers: { 'request-id': 'req_fake' },
            body: {
              id: 'msg_fake',
              type: 'message',
              role: 'assistant',
              model: b.model,
              content,
              stop_reason: b.tools ? 'tool_use' : 'end_turn',
              stop_sequence: null,
              usage: { input_tokens: 10, output_tokens: 20 },
            },
          }
        },
      },
    ],
  })
}
