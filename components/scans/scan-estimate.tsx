// The estimate of a new scan (previewScan): the area, the properties expected, the cost by line, the time and
// the warnings. Shown before "Run scan"; nothing is stored until then.
import type { ScanPreview } from '@/lib/scans/preview-scan'
import { Alert } from '@/components/ui/feedback'
import { formatCents } from './scan-format'

const MILES_PER_METRE = 1 / 1609.344

export function ScanEstimateView({ preview, requestedCap }: { preview: ScanPreview; requestedCap: number }) {
  const { estimate, area } = preview
  const radius = Math.round(area.radiusMeters * MILES_PER_METRE * 10) / 10
  return (
    <section aria-labelledby="scan-estimate-title" className="space-y-4" data-testid="scan-estimate">
      <div>
        <h2 id="scan-estimate-title" className="text-lg font-semibold">
          Estimate
        </h2>
        <p className="text-sm text-slate-600">
          {area.label}
          {area.kind === 'radius' || area.kind === 'polygon' ? '' : ` · ${radius.toLocaleString('en-US')} mi around its centre`}
        </p>
      </div>
      <dl className="grid grid-cols-3 gap-2 sm:gap-3">
        <Stat label="Properties expected" value={estimate.properties.toLocaleString('en-US')} />
        <Stat label="Time expected" value={`about ${estimate.minutes.toLocaleString('en-US')} min`} />
        <Stat label="Quality leads expected" value={`about ${estimate.expectedQualityLeads.toLocaleString('en-US')}`} />
      </dl>
      {preview.propertyCap < requestedCap && (
        <p className="text-sm text-slate-700">
          Property cap lowered to <strong>{preview.propertyCap.toLocaleString('en-US')}</strong> by your plan.
        </p>
      )}
      {estimate.warnings.length > 0 && (
        <ul className="space-y-2" aria-label="Warnings">
          {estimate.warnings.map((w) => (
            <li key={w.code}>
              <Alert tone={w.code === 'SANDBOX' || w.code === 'FEWER_PROPERTIES' ? 'info' : 'warning'}>{w.message}</Alert>
            </li>
          ))}
        </ul>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200">
        <table className="w-full text-sm">
          <caption className="sr-only">Cost by line</caption>
          <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                Line
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Qty
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Each
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Total
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {estimate.lines.map((l) => (
              <tr key={l.key}>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <span className="font-medium text-slate-900">{l.label}</span>
                  <span className="block text-xs text-slate-500">{l.note}</span>
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{l.quantity.toLocaleString('en-US')}</td>
                <td className="px-3 py-2 text-right tabular-nums">{l.unitCents ? formatCents(l.unitCents) : 'Included'}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatCents(l.totalCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t border-slate-200 bg-slate-50 font-semibold">
              <th scope="row" colSpan={3} className="px-3 py-2 text-left">
                Estimated total
              </th>
              <td className="px-3 py-2 text-right tabular-nums" data-testid="scan-estimate-total">
                {formatCents(estimate.totalCents)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  )
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-2 sm:p-3">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-base font-semibold tabular-nums sm:text-lg">{value}</dd>
    </div>
  )
}
