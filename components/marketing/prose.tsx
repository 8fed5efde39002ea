import { cn } from '@/components/ui/cn'

/** Readable long-form text (legal pages, help articles) without a typography plugin. */
export function Prose({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <div
      className={cn(
        'max-w-3xl text-base leading-7 text-slate-700',
        '[&_h2]:mt-10 [&_h2]:mb-3 [&_h2]:text-xl [&_h2]:font-semibold [&_h2]:text-slate-900',
        '[&_h3]:mt-6 [&_h3]:mb-2 [&_h3]:font-semibold [&_h3]:text-slate-900',
        '[&_p]:my-3 [&_ul]:my-3 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-3 [&_ol]:list-decimal [&_ol]:pl-6 [&_li]:my-1',
        '[&_a]:text-brand-700 [&_a]:underline [&_strong]:text-slate-900',
        '[&_table]:my-4 [&_table]:w-full [&_table]:text-sm [&_th]:border-b [&_th]:border-slate-300 [&_th]:px-2 [&_th]:py-2 [&_th]:text-left',
        '[&_td]:border-b [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-2',
        className,
      )}
    >
      {children}
    </div>
  )
}

export function LegalPage({
  title,
  lastUpdated,
  summary,
  children,
}: {
  title: string
  lastUpdated: string
  summary: string
  children: React.ReactNode
}) {
  return (
    <article className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-2 text-sm text-slate-500">
        Last updated:{' '}
        <time dateTime={lastUpdated}>
          {new Date(`${lastUpdated}T00:00:00Z`).toLocaleDateString('en-US', {
            year: 'numeric',
            month: 'long',
            day: 'numeric',
            timeZone: 'UTC',
          })}
        </time>
      </p>
      <p className="mt-6 max-w-3xl rounded-md border border-brand-100 bg-brand-50 p-4 text-sm text-slate-800">
        <strong>In short:</strong> {summary}
      </p>
      <Prose className="mt-4">{children}</Prose>
    </article>
  )
}
