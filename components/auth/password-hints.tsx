'use client'
import { passwordHints } from '@/lib/auth/password-policy'
import { cn } from '@/components/ui/cn'

/** Live password policy hints (the same rules the server enforces). */
export function PasswordHints({ id, password, email }: { id: string; password: string; email?: string }) {
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs" aria-live="polite">
      {passwordHints(password ?? '', email ?? '').map((h) => (
        <li key={h.label} className={cn('flex items-center gap-1.5', h.ok ? 'text-emerald-700' : 'text-slate-500')}>
          <span aria-hidden>{h.ok ? '✓' : '•'}</span>
          {h.label}
          <span className="sr-only">{h.ok ? ' (met)' : ' (not met yet)'}</span>
        </li>
      ))}
    </ul>
  )
}
