// OpenAI Chat Completions fake: Bearer key, json_schema answers, OpenAI error bodies.
import { startFake } from './fake-server'

export const openaiErrorBody = (status: number) => ({
  error:
    status === 429
      ? { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' }
      : { message: `fake error ${status}`, type: status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: null },
})

export async function startOpenAiFake(opts: { json?: unknown } = {}) {
  return startFake({
    errorBody: openaiErrorBody,
    routes: [
      {
        method: 'POST',
        path: /^\/v1\/chat\/completions$/,
        handle: (r) => {
          if (!/^Bearer sk-/.test(String(r.headers.authorization))) return { status: 401, body: openaiErrorBody(401) }
          const b = r.body as { model: string; response_format?: unknown }
          const content = b.response_format ? JSON.stringify(opts.json ?? {}) : 'openai fake reply'
          return {
            status: 200,
            body: {
              id: 'chatcmpl_fake',
              object: 'chat.completion',
              created: 1,
              model: b.model,
              choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal: null } }],
              usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
            },
          }
        },
      },
    ],
  })
}
