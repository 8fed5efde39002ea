import type { Metadata } from 'next'
import { COMPANY, LEGAL_LAST_UPDATED } from '@/components/marketing/company'
import { LegalPage } from '@/components/marketing/prose'

export const metadata: Metadata = { title: 'Cookie Policy' }

export default function CookiesPage() {
  return (
    <LegalPage
      title="Cookie Policy"
      lastUpdated={LEGAL_LAST_UPDATED}
      summary="We use only the cookies needed to sign you in and keep the app secure. No advertising or cross-site tracking cookies."
    >
      <h2>Cookies we set</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Cookie</th>
            <th scope="col">Purpose</th>
            <th scope="col">Lifetime</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Session cookie (authjs.session-token)</td>
            <td>Keeps you signed in; tied to a session you can revoke from your account.</td>
            <td>Until sign-out; at most 24 hours, or 30 days with &ldquo;remember me&rdquo;</td>
          </tr>
          <tr>
            <td>CSRF cookie (authjs.csrf-token)</td>
            <td>Protects sign-in forms against cross-site request forgery.</td>
            <td>Browser session</td>
          </tr>
          <tr>
            <td>Callback cookie (authjs.callback-url)</td>
            <td>Returns you to the page you were on after signing in.</td>
            <td>Browser session</td>
          </tr>
        </tbody>
      </table>
      <p>These cookies are strictly necessary, so they do not need consent. They are HttpOnly and Secure in production.</p>

      <h2>What we do not use</h2>
      <p>
        No advertising cookies, no third-party analytics cookies and no cross-site tracking. Homeowner roof-report pages set no cookies. If
        this changes we will update this page first and ask for consent where the law requires it.
      </p>

      <h2>Managing cookies</h2>
      <p>You can delete cookies in your browser settings. If you block the session cookie you will not be able to sign in.</p>

      <h2>Contact</h2>
      <p>{COMPANY.privacyEmail}</p>
    </LegalPage>
  )
}
