// Contacts with their phones/emails and the consent state per outreach channel (what compliance checks).
import { Badge } from '@/components/ui/feedback'
import { formatDate } from './lead-format'

type Consent = 'UNKNOWN' | 'GRANTED' | 'REVOKED'
export interface ContactView {
  id: string
  name: string | null
  phones: string[]
  emails: string[]
  isPrimary: boolean
  consentEmail: Consent
  consentEmailAt: Date | null
  consentSms: Consent
  consentSmsAt: Date | null
  consentCall: Consent
  consentCallAt: Date | null
  consentMail: Consent
  consentMailAt: Date | null
}

const CONSENT_CLASS: Record<Consent, string> = {
  GRANTED: 'bg-emerald-100 text-emerald-800',
  REVOKED: 'bg-red-100 text-red-800',
  UNKNOWN: 'bg-slate-100 text-slate-600',
}
const CONSENT_TEXT: Record<Consent, string> = { GRANTED: 'consented', REVOKED: 'opted out', UNKNOWN: 'unknown' }

export function ContactsList({ contacts }: { contacts: ContactView[] }) {
  if (!contacts.length)
    return <p className="text-sm text-slate-500">No contacts yet. Contacts come from imports, the API, or skip tracing.</p>
  return (
    <ul className="space-y-4">
      {contacts.map((c) => {
        const channels: Array<[string, Consent, Date | null]> = [
          ['Email', c.consentEmail, c.consentEmailAt],
          ['SMS', c.consentSms, c.consentSmsAt],
          ['Call', c.consentCall, c.consentCallAt],
          ['Mail', c.consentMail, c.consentMailAt],
        ]
        return (
          <li key={c.id} className="space-y-1 text-sm">
            <p className="font-medium">
              {c.name ?? 'Unnamed contact'}
              {c.isPrimary && <span className="ml-2 text-xs font-normal text-slate-500">primary</span>}
            </p>
            {c.phones.map((p) => (
              <p key={p}>
                <a href={`tel:${p}`} className="text-brand-700 hover:underline">
                  {p}
                </a>
              </p>
            ))}
            {c.emails.map((e) => (
              <p key={e} className="break-all">
                <a href={`mailto:${e}`} className="text-brand-700 hover:underline">
                  {e}
                </a>
              </p>
            ))}
            <ul className="flex flex-wrap gap-1 pt-1" aria-label="Consent by channel">
              {channels.map(([label, state, at]) => (
                <li key={label}>
                  <Badge className={CONSENT_CLASS[state]}>
                    <span title={at ? `since ${formatDate(at)}` : undefined}>
                      {label}: {CONSENT_TEXT[state]}
                    </span>
                  </Badge>
                </li>
              ))}
            </ul>
          </li>
        )
      })}
    </ul>
  )
}
