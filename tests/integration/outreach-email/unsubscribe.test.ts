// One-click unsubscribe (RFC 8058) end to end: the signed link, the POST a mail provider makes, the page a person
// sees, and what the compliance engine decides afterwards.
import { describe, expect, it } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import { db } from '@/lib/db'
import { decideSend } from '@/lib/compliance/decide-send'
import { zonedTimeToUtc } from '@/lib/compliance/zones'
import { unsubscribeLink } from '@/lib/outreach-email/unsubscribe-link'
import { signUnsubscribeToken } from '@/lib/outreach-email/unsubscribe-token'
import { GET, POST } from '@/app/u/[token]/route'
import { unsubscribeAction } from '@/app/u/[token]/actions'
import UnsubscribePage from '@/app/u/[token]/confirm/page'
import { uniq } from '@/tests/factories'
import { CHI, grantPewc, makeLead, orgWithAddress } from '@/tests/integration/compliance/helpers'

const at = zonedTimeToUtc(2026, 6, 10, 12 * 60, CHI)

async function setup() {
  const org = await orgWithAddress()
  await db.organization.update({ where: { id: org.id }, data: { name: 'Acme Roofing & Sons' } })
  const lead = await makeLead(org.id)
  await grantPewc(org.id, lead.id, ['EMAIL'])
  const email = `${uniq('home-')}@Example.test`
  const token = signUnsubscribeToken({ orgId: org.id, leadId: lead.id, email })
  return { orgId: org.id, leadId: lead.id, email: email.toLowerCase(), token }
}

const oneClick = (token: string, body = 'List-Unsubscribe=One-Click') =>
  POST(
    new Request(`http://localhost/u/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-real-ip': '198.51.100.7' },
      body,
    }),
    { params: Promise.resolve({ token }) },
  )

async function state(s: { orgId: string; leadId: string; email: string }) {
  const [suppression, revoked, audits] = await Promise.all([
    db.emailSuppression.findUnique({ where: { email: s.email } }),
    db.contactConsent.findMany({
      where: { leadId: s.leadId, channel: 'EMAIL', status: 'REVOKED' },
      select: { purpose: true, revokedHow: true, validTo: true, ip: true },
      orderBy: { purpose: 'asc' },
    }),
    db.auditLog.count({ where: { orgId: s.orgId, action: 'compliance.opt_out', targetId: s.leadId } }),
  ])
  return { suppression: suppression && { reason: suppression.reason }, revoked, audits }
}

describe('one-click unsubscribe POST', () => {
  it('suppresses the address and records the opt-out once; a repeat (and a concurrent pair) keeps the same state', async () => {
    const s = await setup()
    const mail = { orgId: s.orgId, leadId: s.leadId, channel: 'EMAIL' as const, purpose: 'MARKETING' as const, to: { email: s.email }, at }
    expect(await decideSend(mail)).toEqual({ outcome: 'allow' })

    const r = await oneClick(s.token)
    expect(r.status).toBe(200)
    expect(r.headers.get('cache-control')).toBe('no-store')
    const after = await state(s)
    expect(after).toEqual({
      suppression: { reason: 'unsubscribe' },
      revoked: [
        { purpose: 'MARKETING', revokedHow: 'unsubscribe_click', validTo: null, ip: '198.51.100.7' },
        { purpose: 'TRANSACTIONAL', revokedHow: 'unsubscribe_click', validTo: null, ip: '198.51.100.7' },
      ],
      audits: 1,
    })

    expect((await oneClick(s.token)).status).toBe(200)
    const again = await Promise.all([oneClick(s.token), oneClick(s.token, '')])
    expect(again.map((x) => x.status)).toEqual([200, 200])
    expect(await state(s)).toEqual(after)

    const d = await decideSend(mail)
    expect(d.outcome).toBe('deny')
    expect(['suppressed', 'opted_out']).toContain((d as { rule: string }).rule)
  })

  it('two first clicks at once still revoke once', async () => {
    const s = await setup()
    const rs = await Promise.all([oneClick(s.token), oneClick(s.token), oneClick(s.token)])
    expect(rs.map((x) => x.status)).toEqual([200, 200, 200])
    const st = await state(s)
    expect(st.revoked).toHaveLength(2)
    expect(st.audits).toBe(1)
  })

  it('a link without a lead suppresses the address only; a bounce suppression is kept as it was', async () => {
    const org = await orgWithAddress()
    const email = `${uniq('list-')}@example.test`
    expect((await oneClick(signUnsubscribeToken({ orgId: org.id, email }))).status).toBe(200)
    expect(await db.emailSuppression.findUnique({ where: { email } })).toMatchObject({ reason: 'unsubscribe' })

    const bounced = `${uniq('b-')}@example.test`
    await db.emailSuppression.create({ data: { email: bounced, reason: 'bounce' } })
    expect((await oneClick(signUnsubscribeToken({ orgId: org.id, email: bounced }))).status).toBe(200)
    expect(await db.emailSuppression.findUnique({ where: { email: bounced } })).toMatchObject({ reason: 'bounce' })
  })

  it('a forged, tampered or garbage token → 400 envelope (reason INVALID), nothing stored', async () => {
    const s = await setup()
    const [body, mac] = s.token.split('.') as [string, string]
    const otherClaims = Buffer.from(JSON.stringify({ v: 1, o: s.orgId, l: s.leadId, e: `${uniq('victim-')}@example.test` })).toString(
      'base64url',
    )
    const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A')
    for (const bad of [
      `${otherClaims}.${mac}`,
      `${body}.${flipped}`,
      'garbage',
      `${body}.`,
      '%E0%A4%A',
      'x'.repeat(5000),
      `${body}.${mac}.x`,
    ]) {
      const r = await oneClick(bad)
      expect(r.status, bad.slice(0, 40)).toBe(400)
      const env = (await r.json()) as { error: { code: string; details: { reason: string } } }
      expect(env.error).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'INVALID' } })
    }
    expect(await state(s)).toMatchObject({ suppression: null, revoked: [], audits: 0 })
  })

  it('the link the e-mail carries is ${APP_URL}/u/<token>; a GET goes to the confirmation page and changes nothing', async () => {
    const s = await setup()
    const url = unsubscribeLink({ orgId: s.orgId, leadId: s.leadId, email: s.email })
    expect(url).toBe(`http://localhost:3000/u/${s.token}`)
    const r = await GET(new Request(url), { params: Promise.resolve({ token: s.token }) })
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe(`/u/${s.token}/confirm`)
    expect((await state(s)).suppression).toBeNull()
  })
})

describe('the unsubscribe page', () => {
  const render = async (token: string) => renderToStaticMarkup(await UnsubscribePage({ params: Promise.resolve({ token }) }))

  it('asks "Unsubscribe <email> from <company>?", the button unsubscribes, then the page confirms', async () => {
    const s = await setup()
    const html = await render(s.token)
    expect(html).toContain(`Unsubscribe <strong class="break-all">${s.email}</strong> from Acme Roofing &amp; Sons?`)
    expect(html).toContain(`action="/u/${s.token}"`) // the no-JavaScript fallback posts to the one-click URL
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*>.*Unsubscribe/)

    const r = await unsubscribeAction.as({})({ token: s.token })
    expect(r).toEqual({ ok: true, data: { email: s.email, companyName: 'Acme Roofing & Sons' } })
    expect(await unsubscribeAction.as({})({ token: s.token })).toMatchObject({ ok: true })
    expect((await state(s)).audits).toBe(1)

    const done = await render(s.token)
    expect(done).toContain('You are unsubscribed')
    expect(done).not.toContain('<button')
  })

  it('the no-JavaScript form post unsubscribes and returns to the page', async () => {
    const s = await setup()
    const r = await oneClick(s.token, 'return=page')
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe(`/u/${s.token}/confirm`)
    expect((await state(s)).suppression).toEqual({ reason: 'unsubscribe' })
  })

  it('a forged token shows the not-found page (404), never an error', async () => {
    const s = await setup()
    const forged = s.token.slice(0, -2) + 'zz'
    for (const bad of [forged, 'nonsense', '%zz']) {
      const err = await render(bad).then(
        () => null,
        (e: unknown) => e as { digest?: string },
      )
      expect(err?.digest, bad).toMatch(/404/)
    }
    const r = await unsubscribeAction.as({})({ token: forged })
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', details: { reason: 'INVALID' } } })
    const bad = await unsubscribeAction.as({})({ token: 42 } as never)
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
  })
})
