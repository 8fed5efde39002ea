import { USAGE_ORDER, USAGE_PRICES, formatCents } from '@/lib/billing/plans'

export function UsagePriceTable() {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Usage prices</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-3 font-semibold">
              Channel or service
            </th>
            <th scope="col" className="px-4 py-3 font-semibold">
              Price
            </th>
            <th scope="col" className="px-4 py-3 font-semibold">
              Charged
            </th>
          </tr>
        </thead>
        <tbody>
          {USAGE_ORDER.map((k) => {
            const u = USAGE_PRICES[k]
            return (
              <tr key={k} className="border-t border-slate-200">
                <th scope="row" className="px-4 py-3 font-medium text-slate-900">
                  {u.label}
                </th>
                <td className="px-4 py-3 tabular-nums">
                  {u.cents === 0 ? 'Included' : formatCents({ cents: u.cents, alwaysCents: true })}
                </td>
                <td className="px-4 py-3 text-slate-600">{u.unit}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
