import type { Metadata } from 'next'
import Link from 'next/link'
import { COMPANY, LEGAL_LAST_UPDATED } from '@/components/marketing/company'
import { LegalPage } from '@/components/marketing/prose'

export const metadata: Metadata = { title: 'Terms of Service' }

export default function TermsPage() {
  return (
    <LegalPage
      title="Terms of Service"
      lastUpdated={LEGAL_LAST_UPDATED}
      summary="You run your business and your outreach; we run the software. You must have the right to contact the people you contact, follow outreach law, and pay for what you use. We keep the service secure and available and never charge above your spend cap."
    >
      <h2>1. Who these terms are between</h2>
      <p>
        These terms are an agreement between {COMPANY.legalName} (&ldquo;Fish Mouth&rdquo;, &ldquo;we&rdquo;) and the business that creates
        an organization on Fish Mouth (&ldquo;you&rdquo;, the &ldquo;Customer&rdquo;). The person who accepts them confirms they may bind
        that business. Fish Mouth is for businesses only, not for personal, family or household use.
      </p>

      <h2>2. The service</h2>
      <p>
        Fish Mouth analyses aerial imagery and property data to estimate roof condition, scores properties, and lets you contact homeowners
        by email, SMS, AI-assisted voice calls and direct mail. Scores are estimates that help you prioritise; they are not inspections,
        appraisals, or insurance findings, and you must not present them to homeowners as such.
      </p>

      <h2>3. Accounts, roles and security</h2>
      <ul>
        <li>Each organization has at least one owner. Owners and admins decide who joins and with which role.</li>
        <li>
          Keep credentials private, use two-factor authentication where offered, and tell us at {COMPANY.supportEmail} about any
          unauthorised use.
        </li>
        <li>You are responsible for what members of your organization do with the service.</li>
      </ul>

      <h2>4. Outreach rules (read this one)</h2>
      <p>
        Marketing calls and texts in the United States are regulated by the Telephone Consumer Protection Act (TCPA), the Telemarketing
        Sales Rule, the CAN-SPAM Act, state &ldquo;mini-TCPA&rdquo; laws and carrier rules. Fish Mouth enforces consent, do-not-call lists,
        opt-outs and quiet hours in the product, but <strong>you are the sender</strong> and you remain responsible for compliance. In
        particular you agree that:
      </p>
      <ul>
        <li>
          you will only record consent you actually obtained, with its source, and will not import contacts you are not allowed to contact;
        </li>
        <li>
          you will not use AI or pre-recorded voice calls, or marketing texts, to a mobile number without the prior express written consent
          the law requires;
        </li>
        <li>
          you will honor opt-out requests on every channel, and will not try to work around the suppression list, quiet hours or consent
          checks;
        </li>
        <li>you will identify your business truthfully in every message and will not send deceptive content;</li>
        <li>you will register your brand and campaigns with carriers (10DLC) when we ask for the information.</li>
      </ul>
      <p>We may pause outreach for an organization when we see complaint rates, carrier blocks or signs of unlawful use.</p>

      <h2>5. Acceptable use</h2>
      <p>
        Do not use Fish Mouth to harass anyone, to discriminate in housing-related offers, to scrape or resell our data, to probe or
        overload the service, or to break any law. Automated access is allowed only through the REST API within its rate limits.
      </p>

      <h2>6. Your data</h2>
      <p>
        You own the data you bring and the leads you work. You give us the rights we need to host and process it to provide the service, as
        described in our <Link href="/privacy">Privacy Policy</Link>. You can export your organization&apos;s data at any time, and we
        delete it after the organization is closed, except records we must keep by law (for example invoices and the audit trail of consent
        and opt-outs).
      </p>

      <h2>7. Plans, fees and the spend cap</h2>
      <p>
        Prices are on the <Link href="/pricing">pricing page</Link>; how billing works is in the{' '}
        <Link href="/billing-terms">billing terms</Link>, which are part of these terms.
      </p>

      <h2>8. Sandbox mode</h2>
      <p>
        Integrations that are not connected run in sandbox mode: results are simulated, labelled as such, never billed, and no real person
        is contacted. Do not rely on sandbox results for business decisions.
      </p>

      <h2>9. Availability and changes</h2>
      <p>
        We work to keep Fish Mouth available and publish incidents on the <Link href="/status">status page</Link>. We may change features;
        if a change materially reduces what you pay for, we will tell you at least 30 days ahead and you may cancel.
      </p>

      <h2>10. Warranties and liability</h2>
      <p>
        The service is provided &ldquo;as is&rdquo;. To the extent the law allows, we disclaim implied warranties, and each party&apos;s
        total liability is limited to the fees you paid in the 12 months before the claim. Neither party is liable for indirect or
        consequential damages. These limits do not apply to your payment obligations or to your breach of section 4 or 5.
      </p>

      <h2>11. Termination</h2>
      <p>You can cancel at any time. We may suspend or end access for non-payment or serious breach, with notice where reasonable.</p>

      <h2>12. Law and contact</h2>
      <p>
        These terms are governed by the laws of the State of Texas. Questions: {COMPANY.legalEmail}, {COMPANY.legalName},{' '}
        {COMPANY.postalAddress}.
      </p>
    </LegalPage>
  )
}
