import Link from 'next/link'
import { CalendarCheck, Gauge, Satellite, Send, ShieldCheck, FlaskConical } from 'lucide-react'
import { SampleLeadCard } from '@/components/marketing/sample-lead-card'
import { buttonVariants } from '@/components/ui/button'
import { PLANS, QUALITY_LEAD_MIN_SCORE, formatCents } from '@/lib/billing/plans'

const STEPS = [
  { icon: Satellite, title: 'Scan', text: 'Draw a service area. We pull aerial imagery and property data for every home in it.' },
  { icon: Gauge, title: 'Score', text: 'Each roof gets a 0–100 score with the reasons: age, visible damage, storm history, ownership.' },
  { icon: Send, title: 'Outreach', text: 'The best leads enter sequences: email, SMS, AI voice calls and postcards, on your schedule.' },
  {
    icon: CalendarCheck,
    title: 'Booked inspections',
    text: 'Homeowners pick a slot from their own roof report. Your reps get the appointment, not a list.',
  },
]

export default function HomePage() {
  const pro = PLANS.PROFESSIONAL
  return (
    <>
      <section aria-labelledby="hero-title" className="bg-gradient-to-b from-brand-50 to-white">
        <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-16 sm:px-6 sm:py-20 lg:grid-cols-[3fr_2fr]">
          <div>
            <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">For roofing and exterior contractors</p>
            <h1 id="hero-title" className="mt-3 max-w-3xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
              Roof leads that book themselves.
            </h1>
            <p className="mt-5 max-w-2xl text-lg leading-8 text-slate-700">
              Fish Mouth finds homes whose roofs are old or damaged from aerial imagery, scores every one, and turns the best into booked
              inspections with multi-channel outreach that stays inside US outreach law.
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              <Link href="/sign-up" className={buttonVariants({ size: 'lg' })}>
                Start your {PLANS.TRIAL.trialDays}-day free trial
              </Link>
              <Link href="/pricing" className={buttonVariants({ variant: 'secondary', size: 'lg' })}>
                See pricing
              </Link>
            </div>
            <p className="mt-4 text-sm text-slate-600">No card required. {PLANS.TRIAL.freeQualityLeads} quality leads on us.</p>
          </div>
          <SampleLeadCard />
        </div>
      </section>

      <section aria-labelledby="how-title" className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
        <h2 id="how-title" className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
          How it works
        </h2>
        <ol className="mt-8 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
          {STEPS.map((s, i) => (
            <li key={s.title} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
              <s.icon className="h-8 w-8 text-brand-600" aria-hidden />
              <h3 className="mt-4 font-semibold text-slate-900">
                <span className="text-slate-500">{i + 1}.</span> {s.title}
              </h3>
              <p className="mt-2 text-sm leading-6 text-slate-600">{s.text}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="compliance-title" className="bg-slate-50">
        <div className="mx-auto grid max-w-6xl gap-10 px-4 py-16 sm:px-6 md:grid-cols-2">
          <div>
            <ShieldCheck className="h-8 w-8 text-emerald-700" aria-hidden />
            <h2 id="compliance-title" className="mt-3 text-2xl font-bold tracking-tight text-slate-900">
              Compliance built in, not bolted on
            </h2>
            <p className="mt-3 leading-7 text-slate-700">Outreach rules are enforced before anything is sent, not left to a checklist:</p>
            <ul className="mt-4 space-y-2 text-slate-700">
              <li>• Consent tracked per channel; calls and texts only with the consent the TCPA requires.</li>
              <li>• Do-not-call and opt-out lists checked on every send; STOP and unsubscribe honored instantly.</li>
              <li>• Quiet hours in the homeowner&apos;s time zone; identification and your postal address in every email.</li>
              <li>• An audit trail of every message, call and export.</li>
            </ul>
          </div>
          <div>
            <FlaskConical className="h-8 w-8 text-amber-700" aria-hidden />
            <h2 className="mt-3 text-2xl font-bold tracking-tight text-slate-900">Try everything in sandbox mode</h2>
            <p className="mt-3 leading-7 text-slate-700">
              Every integration has a sandbox. Until you connect a provider, results are realistic but simulated, clearly labelled
              &ldquo;Sandbox: no real message sent&rdquo;, never billed, and never reach a real person.
            </p>
            <p className="mt-3 leading-7 text-slate-700">
              Pay only for what works: {formatCents({ cents: pro.priceCents })}/month on Professional, plus{' '}
              {formatCents({ cents: pro.qualityLeadCents })} per quality lead (score {QUALITY_LEAD_MIN_SCORE}+). Leads under{' '}
              {QUALITY_LEAD_MIN_SCORE} are free, and a monthly spend cap means no surprises.
            </p>
          </div>
        </div>
      </section>

      <section aria-labelledby="cta-title" className="mx-auto max-w-6xl px-4 py-16 text-center sm:px-6">
        <h2 id="cta-title" className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
          Fill next month&apos;s calendar this week
        </h2>
        <p className="mx-auto mt-3 max-w-xl text-slate-700">
          Run your first scan in minutes. Invite one teammate. Upgrade when the leads pay for it.
        </p>
        <Link href="/sign-up" className={`${buttonVariants({ size: 'lg' })} mt-6`}>
          Start free trial
        </Link>
      </section>
    </>
  )
}
