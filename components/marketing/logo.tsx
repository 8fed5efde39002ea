import Link from 'next/link'

/** Wordmark + a simple roof glyph (inline SVG, no network). */
export function Logo({ className = '' }: { className?: string }) {
  return (
    <Link href="/" className={`inline-flex items-center gap-2 rounded font-semibold text-slate-900 ${className}`}>
      <svg viewBox="0 0 32 32" className="h-7 w-7" aria-hidden>
        <rect width="32" height="32" rx="7" className="fill-brand-600" />
        <path d="M6 17 16 8l10 9" fill="none" stroke="white" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M10 16v8h12v-8" fill="none" stroke="white" strokeWidth="2.2" strokeLinejoin="round" />
      </svg>
      <span className="text-lg tracking-tight">Fish Mouth</span>
    </Link>
  )
}
