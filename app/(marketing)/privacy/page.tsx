import type { Metadata } from 'next'
import Link from 'next/link'
import { COMPANY, LEGAL_LAST_UPDATED } from '@/components/marketing/company'
import { LegalPage } from '@/components/marketing/prose'

export const metadata: Metadata = { title: 'Privacy Policy' }

export default function PrivacyPage() {
  return (
    <LegalPage
      title="Privacy Policy"
      lastUpdated={LEGAL_LAST_UPDATED}
      summary="We collect what we need to run Fish Mouth for contractors and to respect homeowners' choices. We do not sell personal information. Homeowners can ask to see or erase their data, and an erased homeowner is never contacted again."
    >
      <h2>Who this covers</h2>
      <ul>
        <li>
          <strong>Customers and their team members</strong> who sign in to Fish Mouth.
        </li>
        <li>
          <strong>Homeowners</strong> whose property appears in a contractor&apos;s leads, or who receive outreach or view a roof report.
        </li>
      </ul>
      <p>
        For homeowner data, the contractor (our customer) decides why it is processed and is the business responsible for it; we process it
        on their behalf. For account data, {COMPANY.legalName} is responsible.
      </p>

      <h2>What we collect</h2>
      <ul>
        <li>
          <strong>Account data:</strong> name, email, password hash (argon2id; we never store your password), role, sign-in history and
          devices.
        </li>
        <li>
          <strong>Billing data:</strong> plan, invoices and usage. Card details are handled by Stripe; we never see full card numbers.
        </li>
        <li>
          <strong>Property data:</strong> addresses, aerial imagery, public property records and the roof score derived from them.
        </li>
        <li>
          <strong>Contact data:</strong> homeowner names, phone numbers and emails that a contractor imports or that enrichment finds, with
          the consent recorded for each channel.
        </li>
        <li>
          <strong>Communications:</strong> messages, call recordings and transcripts where lawful and disclosed, delivery status, replies
          and opt-outs.
        </li>
        <li>
          <strong>Technical data:</strong> IP address, browser, request ids and logs used for security and troubleshooting.
        </li>
      </ul>

      <h2>How we use it</h2>
      <ul>
        <li>To provide the service: scans, scoring, outreach, scheduling and reports.</li>
        <li>To keep it secure: authentication, lockouts, audit logs, abuse detection.</li>
        <li>To enforce outreach law: consent records, do-not-call and suppression lists, quiet hours.</li>
        <li>To bill usage and support customers.</li>
      </ul>
      <p>We do not sell or rent personal information, and we do not use homeowner data to market to homeowners ourselves.</p>

      <h2>Service providers</h2>
      <p>
        We share data only with providers that help run the service, under contracts that limit their use: hosting and database, Stripe
        (payments), SendGrid (email), Telnyx (SMS and calls), Lob (mail), mapping and imagery providers, enrichment providers, AI model
        providers (Anthropic, OpenAI) for message drafting and voice, and Sentry (error monitoring). A current list is available from{' '}
        {COMPANY.privacyEmail}.
      </p>

      <h2>Retention</h2>
      <ul>
        <li>Customer data is kept while the organization is active and deleted after it closes, subject to legal holds.</li>
        <li>Audit logs are append-only and kept for 2 years.</li>
        <li>Suppression entries (opt-outs, erasures) are kept as a one-way hash so the person is never contacted again.</li>
      </ul>

      <h2>Security</h2>
      <p>
        Sensitive columns are encrypted at rest, traffic is encrypted in transit, access is role-based, staff access to customer data is
        logged, and backups are tested by restoring them.
      </p>

      <h2>Your choices and rights</h2>
      <ul>
        <li>
          <strong>Stop outreach:</strong> reply STOP to a text, use the unsubscribe link in an email, or ask the caller. This applies at
          once.
        </li>
        <li>
          <strong>Access, correction, deletion:</strong> email {COMPANY.privacyEmail}. We verify the request and, for homeowner data, work
          with the contractor concerned. Depending on your state (for example California, Colorado, Virginia, Texas) you may have additional
          rights; we honor them and do not discriminate against anyone who uses them.
        </li>
        <li>
          <strong>Cookies:</strong> see the <Link href="/cookies">Cookie Policy</Link>.
        </li>
      </ul>

      <h2>Children</h2>
      <p>Fish Mouth is a business service and is not directed to children under 16.</p>

      <h2>Changes and contact</h2>
      <p>
        We will post changes here and notify account owners of material changes. Contact: {COMPANY.privacyEmail}, {COMPANY.legalName},{' '}
        {COMPANY.postalAddress}.
      </p>
    </LegalPage>
  )
}
