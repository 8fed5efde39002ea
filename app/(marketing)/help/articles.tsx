// Help center articles. Numbers come from lib/billing/plans.ts and the role table from lib/auth/permissions.ts.
import Link from 'next/link'
import { PermissionTable } from '@/components/marketing/permission-table'
import { PLANS, QUALITY_LEAD_MIN_SCORE, SPEND_CAP_WARNING_PERCENTS, formatCents } from '@/lib/billing/plans'

export interface HelpArticle {
  slug: string
  title: string
  summary: string
  body: () => React.ReactNode
  /** wide content (tables) rendered after the text, outside the prose styles */
  after?: () => React.ReactNode
}

export const HELP_ARTICLES: HelpArticle[] = [
  {
    slug: 'getting-started',
    title: 'Getting started',
    summary: 'From sign-up to your first booked inspection.',
    body: () => (
      <>
        <ol>
          <li>
            <strong>Create your account.</strong> <Link href="/sign-up">Start a free trial</Link>; confirm your email.
          </li>
          <li>
            <strong>Describe your business.</strong> Name, logo, colors and service area. This is the only required onboarding step.
          </li>
          <li>
            <strong>Connect integrations (optional).</strong> Everything works in sandbox mode until you do.
          </li>
          <li>
            <strong>Run your first scan.</strong> Pick an area; each home gets a 0–100 score with reasons.
          </li>
          <li>
            <strong>Invite your team</strong> and assign leads to reps.
          </li>
          <li>
            <strong>Enroll the best leads in a sequence.</strong> Booked inspections land on the dashboard.
          </li>
        </ol>
        <p>Want a hand? From the onboarding wizard choose &ldquo;Get personal onboarding&rdquo; and we will reach out.</p>
      </>
    ),
  },
  {
    slug: 'sandbox-mode',
    title: 'Sandbox mode',
    summary: 'Why you see "Sandbox" labels and how to go live.',
    body: () => (
      <>
        <p>
          Every integration (email, SMS, voice, mail, maps and imagery, enrichment, AI, payments) has a sandbox. When a provider is not
          connected, Fish Mouth uses the sandbox: results are deterministic and realistic, shown with the label &ldquo;Sandbox: no real
          message sent&rdquo;, <strong>never billed</strong>, and never contact a real person.
        </p>
        <p>
          Sandbox leads never count as quality leads, so they never cost anything. Admins can see which integrations are live, sandbox or
          misconfigured on the integrations settings page.
        </p>
      </>
    ),
  },
  {
    slug: 'roles-and-permissions',
    title: 'Roles and permissions',
    summary: 'What owners, admins, managers, reps and viewers can do.',
    body: () => (
      <>
        <p>
          Each member has one role per organization. Sales reps work only on leads assigned to them. An organization always keeps at least
          one owner, nobody can grant a role higher than their own, and admins cannot change or remove an owner. Role changes take effect on
          the next page load; removing or downgrading someone signs them out everywhere.
        </p>
      </>
    ),
    after: () => <PermissionTable />,
  },
  {
    slug: 'billing-and-spend-cap',
    title: 'Billing and the spend cap',
    summary: 'Plans, quality-lead fees, usage and how the cap protects you.',
    body: () => (
      <>
        <p>
          You pay a monthly plan ({formatCents({ cents: PLANS.PROFESSIONAL.priceCents })} Professional,{' '}
          {formatCents({ cents: PLANS.ENTERPRISE.priceCents })} Enterprise) plus{' '}
          {formatCents({ cents: PLANS.PROFESSIONAL.qualityLeadCents })} or {formatCents({ cents: PLANS.ENTERPRISE.qualityLeadCents })} per
          quality lead (score {QUALITY_LEAD_MIN_SCORE}+, billed once per address) and outreach usage. See{' '}
          <Link href="/pricing">pricing</Link> for every price.
        </p>
        <h2>The spend cap</h2>
        <p>
          Usage stops at your monthly cap. We warn the owner at {SPEND_CAP_WARNING_PERCENTS.join(' %, ')} %. At 100 % billable actions
          return &ldquo;quota exceeded&rdquo; with the numbers; everything else keeps working. Only the owner can change the cap, from
          billing settings. We never charge above it.
        </p>
        <p>
          Details are in the <Link href="/billing-terms">billing terms</Link>.
        </p>
      </>
    ),
  },
]

export function findHelpArticle(slug: string): HelpArticle | undefined {
  return HELP_ARTICLES.find((a) => a.slug === slug)
}
