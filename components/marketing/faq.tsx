export interface FaqItem {
  q: string
  a: React.ReactNode
}

/** Native <details> disclosure: keyboard and screen-reader friendly with no client JavaScript. */
export function Faq({ items }: { items: FaqItem[] }) {
  return (
    <div className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {items.map((item) => (
        <details key={item.q} className="group px-5 py-4">
          <summary className="cursor-pointer list-none rounded font-medium text-slate-900 marker:hidden">
            <span className="flex items-center justify-between gap-4">
              {item.q}
              <span aria-hidden className="text-slate-400 transition-transform group-open:rotate-45">
                +
              </span>
            </span>
          </summary>
          <div className="mt-2 text-sm leading-6 text-slate-700">{item.a}</div>
        </details>
      ))}
    </div>
  )
}
