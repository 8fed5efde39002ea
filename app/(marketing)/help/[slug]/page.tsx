import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { Prose } from '@/components/marketing/prose'
import { HELP_ARTICLES, findHelpArticle } from '../articles'

export const dynamicParams = false

export function generateStaticParams() {
  return HELP_ARTICLES.map((a) => ({ slug: a.slug }))
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const article = findHelpArticle((await params).slug)
  return { title: article ? `${article.title} · Help` : 'Help' }
}

export default async function HelpArticlePage({ params }: { params: Promise<{ slug: string }> }) {
  const article = findHelpArticle((await params).slug)
  if (!article) notFound()
  return (
    <article className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/help" className="underline hover:text-brand-700">
          Help center
        </Link>{' '}
        <span aria-hidden>/</span> {article.title}
      </nav>
      <h1 className="mt-3 text-3xl font-bold tracking-tight text-slate-900">{article.title}</h1>
      <p className="mt-2 text-slate-600">{article.summary}</p>
      <Prose className="mt-6">{article.body()}</Prose>
      {article.after && <div className="mt-6 max-w-4xl">{article.after()}</div>}
    </article>
  )
}
