// SendGrid v3 fake: POST /v3/mail/send → 202 + X-Message-Id; SendGrid error bodies ({errors:[…]}).
import { startFake } from './fake-server'

export const sendgridErrorBody = (status: number) => ({
  errors: [
    {
      message: status === 401 ? 'The provided authorization grant is invalid, expired, or revoked' : `fake ${status}`,
      field: null,
      help: null,
    },
  ],
})

export async function startSendgridFake() {
  let n = 0
  return startFake({
    errorBody: sendgridErrorBody,
    routes: [
      {
        method: 'POST',
        path: /^\/v3\/mail\/send$/,
        handle: (r) => {
          if (!/^Bearer SG\./.test(String(r.headers.authorization))) return { status: 401, body: sendgridErrorBody(401) }
          return { status: 202, headers: { 'x-message-id': `sgfake${++n}` } }
        },
      },
    ],
  })
}
