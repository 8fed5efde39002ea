// A login ticket bridges our sign-in use case and next-auth's cookie: random, single-use, 60 s, stored hashed.
import 'server-only'
import { db } from '@/lib/db'
import { randomToken, sha256Hex } from '@/lib/crypto'

export async function createLoginTicket({ userId, sessionId }: { userId: string; sessionId: string }): Promise<string> {
  const ticket = randomToken()
  await db.authToken.create({
    data: { userId, kind: 'LOGIN_TICKET', tokenHash: sha256Hex(ticket), data: { sessionId }, expiresAt: new Date(Date.now() + 60_000) },
  })
  return ticket
}

export async function consumeLoginTicket({ ticket }: { ticket: string }): Promise<{ userId: string; sessionId: string } | null> {
  // single-use: the guarded UPDATE succeeds for exactly one caller
  const rows = await db.$queryRaw<Array<{ user_id: string; data: { sessionId: string } }>>`
    UPDATE auth_tokens SET used_at = now()
    WHERE token_hash = ${sha256Hex(ticket)} AND kind = 'LOGIN_TICKET' AND used_at IS NULL AND expires_at > now()
    RETURNING user_id, data`
  const row = rows[0]
  return row ? { userId: row.user_id, sessionId: row.data.sessionId } : null
}
