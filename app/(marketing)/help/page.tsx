import type { Metadata } from 'next'
import Link from 'next/link'
import { HELP_ARTICLES } from './articles'

export const metadata: Metadata = { title: 'Help center' }

export default function HelpPage() {
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Help center</h1>
      <p className="mt-3 max-w-2xl text-slate-700">
        Short answers to the questions contractors ask most. Signed in? Use the feedback button in the app to reach support.
      </p>
      <ul className="mt-8 grid gap-4 sm:grid-cols-2">
        {HELP_ARTICLES.map((a) => (
          <li key={a.slug}>
            <Link
              href={`/help/${a.slug}`}
              className="block h-full rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-500"
            >
              <h2 className="font-semibold text-slate-900">{a.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{a.summary}</p>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  )
}
