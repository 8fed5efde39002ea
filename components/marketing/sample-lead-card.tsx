/** Illustration for the hero: what a scored lead looks like (static sample data, not a real property). */
export function SampleLeadCard() {
  const reasons = [
    ['Roof age', '22 years (permit records)'],
    ['Visible damage', 'Missing shingles, north slope'],
    ['Storm history', 'Hail 1.75″, 14 months ago'],
  ]
  return (
    <figure className="rounded-2xl border border-slate-200 bg-white p-6 shadow-lg" aria-label="Example of a scored lead">
      <div className="flex items-start justify-between gap-4">
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Sample lead</p>
          <p className="mt-1 font-semibold text-slate-900">1428 Cedar Ridge Dr, Round Rock, TX</p>
        </div>
        <div className="flex h-16 w-16 shrink-0 flex-col items-center justify-center rounded-full bg-red-50 ring-4 ring-red-100">
          <span className="text-2xl font-bold leading-none text-red-700">87</span>
          <span className="text-[10px] font-medium uppercase text-red-700">Hot</span>
        </div>
      </div>
      <dl className="mt-5 space-y-3 text-sm">
        {reasons.map(([k, v]) => (
          <div key={k} className="flex justify-between gap-4 border-t border-slate-100 pt-3">
            <dt className="text-slate-600">{k}</dt>
            <dd className="text-right font-medium text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>
      <figcaption className="mt-5 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        Inspection booked for Tue 10:00 after SMS + AI call
      </figcaption>
    </figure>
  )
}
