import { describe, expect, it } from 'vitest'
import { buildMail } from '@/lib/external/sendgrid'
import { composeMarketingEmail } from '@/lib/outreach-email/compose-marketing-email'
import { signUnsubscribeToken, verifyUnsubscribeToken } from '@/lib/outreach-email/unsubscribe-token'

const org = { id: '5b0e7f3c-1d2a-4c1b-9a51-1f2e3d4c5b6a', name: 'Acme <Roofing> & Sons', postalAddress: '100 Main St, Austin, TX 78701' }
const lead = { id: '0f9e8d7c-6b5a-4e3d-8c2b-1a0f9e8d7c6b' }

describe('composeMarketingEmail', () => {
  it('appends the company, postal address and unsubscribe link to text and html, and carries the one-click URL', () => {
    const p = composeMarketingEmail({
      org,
      lead,
      to: ' Home@Example.test ',
      subject: 'Your roof',
      text: 'Hello!\n',
      html: '<html><body><p>Hello!</p></body></html>',
    })
    expect(p.to).toBe('home@example.test')
    expect(p.unsubscribeUrl).toMatch(/^http:\/\/localhost:3000\/u\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    const token = p.unsubscribeUrl!.split('/u/')[1]!
    expect(verifyUnsubscribeToken(token)).toEqual({ orgId: org.id, leadId: lead.id, email: 'home@example.test' })
    expect(p.text).toBe(
      `Hello!\n\n--\nAcme <Roofing> & Sons\n100 Main St, Austin, TX 78701\nYou received this e-mail from Acme <Roofing> & Sons. Unsubscribe: ${p.unsubscribeUrl}\n`,
    )
    expect(p.html).toContain('Acme &lt;Roofing&gt; &amp; Sons<br>100 Main St, Austin, TX 78701')
    expect(p.html).toContain(`<a href="${p.unsubscribeUrl}"`)
    expect(p.html).toMatch(/Unsubscribe<\/a><\/p><\/body><\/html>$/)
    expect(p.template).toBe('marketing')
    // the SendGrid adapter turns it into both RFC 8058 headers
    const mail = buildMail({ to: p.to, from: 'a@b.test', subject: p.subject, text: p.text, unsubscribeUrl: p.unsubscribeUrl })
    expect(mail.headers).toEqual({ 'List-Unsubscribe': `<${p.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })
  })

  it('text only stays text only; html without a body tag gets the footer appended; no lead → a token without one', () => {
    expect(composeMarketingEmail({ org, to: 'a@example.test', subject: 's', text: 't' }).html).toBeUndefined()
    const p = composeMarketingEmail({ org, to: 'a@example.test', subject: 's', text: 't', html: '<p>Hi</p>' })
    expect(p.html).toMatch(/^<p>Hi<\/p><hr/)
    expect(verifyUnsubscribeToken(p.unsubscribeUrl!.split('/u/')[1]!).leadId).toBeNull()
  })

  it('refuses without a postal address (VALIDATION_FAILED, NO_POSTAL_ADDRESS) and on a bad payload', () => {
    for (const postalAddress of [null, '   '])
      expect(() => composeMarketingEmail({ org: { ...org, postalAddress }, to: 'a@example.test', subject: 's', text: 't' })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', details: { reason: 'NO_POSTAL_ADDRESS' } }),
      )
    expect(() => composeMarketingEmail({ org, to: 'not-an-email', subject: 's', text: 't' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    )
    expect(() => composeMarketingEmail({ org, to: 'a@example.test', subject: '', text: 't' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    )
  })
})

describe('unsubscribe token', () => {
  it('round-trips and refuses any change', () => {
    const t = signUnsubscribeToken({ orgId: org.id, leadId: lead.id, email: 'X@Example.test' })
    expect(verifyUnsubscribeToken(t)).toEqual({ orgId: org.id, leadId: lead.id, email: 'x@example.test' })
    const [body, mac] = t.split('.') as [string, string]
    for (const bad of [`${body}x.${mac}`, `${body}.${mac.slice(1)}A`, '', 'a.b', null, 42, 'x'.repeat(2000)])
      expect(() => verifyUnsubscribeToken(bad)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', details: { reason: 'INVALID' } }))
  })
})
