'use client'
// "CSV of addresses" on the new-scan form: choose a file (read and parsed in the browser with the lead import's
// parser settings) → match the address columns (guessed like the import) → the rows' problems by file line, before
// anything is sent → "Estimate" (previewAddressScanAction: already-leads count and price; writes nothing) → "Run
// scan" (createAddressScanAction) → the scan's page. Only valid, unique rows are sent; the server checks them again.
// Rendered inside the new-scan <form>: every button here is type="button".
import { useRouter } from 'next/navigation'
import { useMemo, useRef, useState } from 'react'
import type { ActionError, ActionFn } from '@/lib/action-result'
import {
  mapAddressRows,
  MAX_ADDRESS_CSV_BYTES,
  missingAddressFields,
  parseAddressCsv,
  suggestAddressMapping,
  type AddressMapping,
} from '@/lib/scans/address-csv'
import { ADDRESS_FIELDS, MAX_ADDRESS_ROWS, validateAddressRows, type AddressField, type AddressScanInput } from '@/lib/scans/address-rows'
import type { AddressScanPreview } from '@/lib/scans/preview-address-scan'
import { Button } from '@/components/ui/button'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import { BillingErrorLink } from '@/components/billing/billing-error-link'
import { Label, Select } from '@/components/ui/field'
import { formatCents } from './scan-format'
import { issuesOf, retryIn } from './scan-form-errors'

export type AddressScanRequest = AddressScanInput & { orgSlug: string }

const FIELD_LABELS: Record<AddressField, string> = { addressLine1: 'Street address', city: 'City', state: 'State', zip: 'ZIP' }
const MB = 1024 * 1024
/** problems listed on the page; the counts above the table cover every row */
const SHOWN_ISSUES = 200

interface LoadedFile {
  name: string
  headers: string[]
  rows: Array<Record<string, string>>
}

export function AddressScanFields({
  orgSlug,
  previewAddressScan,
  createAddressScan,
}: {
  orgSlug: string
  previewAddressScan: ActionFn<AddressScanRequest, AddressScanPreview>
  createAddressScan: ActionFn<AddressScanRequest, { id: string }>
}) {
  const router = useRouter()
  const [file, setFile] = useState<LoadedFile | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [reading, setReading] = useState(false)
  const [mapping, setMapping] = useState<AddressMapping>({})
  const [preview, setPreview] = useState<{ data: AddressScanPreview; input: AddressScanRequest } | null>(null)
  const [busy, setBusy] = useState<'estimate' | 'run' | null>(null)
  const [failure, setFailure] = useState<ActionError | null>(null)
  const [notice, setNotice] = useState<{ title: string; text: string } | null>(null)
  const estimateRef = useRef<HTMLDivElement>(null)

  const missing = missingAddressFields(mapping)
  const report = useMemo(
    () => (file && missing.length === 0 ? validateAddressRows(mapAddressRows(file.rows, mapping)) : null),
    [file, mapping, missing.length],
  )

  const reset = () => {
    setPreview(null)
    setFailure(null)
    setNotice(null)
  }

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0]
    reset()
    setFile(null)
    setFileError(null)
    setMapping({})
    if (!f) return
    if (!/\.(csv|txt)$/i.test(f.name) && f.type !== 'text/csv') return setFileError('Choose a .csv file')
    if (f.size > MAX_ADDRESS_CSV_BYTES)
      return setFileError(
        `This file is ${(f.size / MB).toFixed(1)} MB; a list of addresses to scan is at most ${MAX_ADDRESS_CSV_BYTES / MB} MB.`,
      )
    setReading(true)
    try {
      const parsed = parseAddressCsv(await f.text())
      if (!parsed.ok) return setFileError(parsed.error)
      setFile({ name: f.name, headers: parsed.headers, rows: parsed.rows })
      setMapping(suggestAddressMapping(parsed.headers))
    } catch {
      setFileError('The file could not be read. Save it as CSV (UTF-8) and try again.')
    } finally {
      setReading(false)
    }
  }

  const showError = (error: ActionError) => {
    if (error.code === 'RATE_LIMITED') {
      const when = retryIn((error.details as { resetSeconds?: unknown } | undefined)?.resetSeconds)
      setNotice({
        title: 'Scan limit reached',
        text: `${error.message.split(';')[0]}. ${when ? `You can start another scan ${when}.` : 'Try again later.'}`,
      })
    } else if (error.code === 'VALIDATION_FAILED') {
      const first = issuesOf(error.details)[0]
      setNotice({ title: 'The list cannot be scanned', text: typeof first?.message === 'string' ? first.message : error.message })
    } else setFailure(error)
  }

  const estimate = async () => {
    if (!file || !report || report.valid.length === 0) return
    reset()
    const input: AddressScanRequest = {
      orgSlug,
      source: 'addresses',
      fileName: file.name.slice(0, 120),
      rows: report.valid.map(({ addressLine1, city, state, zip }) => ({ addressLine1, city, state, zip })),
    }
    setBusy('estimate')
    const r = await previewAddressScan(input)
    setBusy(null)
    if (!r.ok) return showError(r.error)
    setPreview({ data: r.data, input })
    requestAnimationFrame(() => estimateRef.current?.focus())
  }

  const run = async () => {
    if (!preview) return
    setFailure(null)
    setNotice(null)
    setBusy('run')
    const r = await createAddressScan(preview.input)
    if (!r.ok) {
      setBusy(null)
      return showError(r.error)
    }
    router.push(`/${orgSlug}/scans/${r.data.id}`)
  }

  // numbered like the lead import's report: the header is row 1, the first address row 2
  const lineOf = (row: number) => row + 1

  return (
    <div className="space-y-5" data-testid="address-scan">
      <div className="space-y-1">
        <Label htmlFor="scan-csv-file">CSV file</Label>
        <input
          id="scan-csv-file"
          type="file"
          accept=".csv,text/csv"
          onChange={onFile}
          disabled={busy !== null}
          aria-invalid={!!fileError}
          aria-describedby={fileError ? 'scan-csv-file-error' : 'scan-csv-file-hint'}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-600 file:px-3 file:py-2 file:text-sm file:font-medium file:text-white"
        />
        {fileError ? (
          <p id="scan-csv-file-error" role="alert" className="text-xs text-red-600">
            {fileError}
          </p>
        ) : (
          <p id="scan-csv-file-hint" className="text-xs text-slate-500">
            Up to {MAX_ADDRESS_ROWS.toLocaleString('en-US')} addresses with a header row; street, city, state and ZIP columns are needed.
            The file is read in your browser: only the addresses are sent, and nothing runs until you press Run scan.
          </p>
        )}
        {reading && (
          <p role="status" className="text-sm text-slate-600">
            Reading the file…
          </p>
        )}
      </div>

      {file && (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-800">Match your columns</legend>
          <p className="text-sm text-slate-600">
            We guessed from the header names in <strong className="break-all">{file.name}</strong> (
            {file.rows.length.toLocaleString('en-US')} row{file.rows.length === 1 ? '' : 's'}).
          </p>
          <div className="grid gap-3 sm:grid-cols-2">
            {ADDRESS_FIELDS.map((f) => {
              const bad = !mapping[f]
              return (
                <div key={f} className="space-y-1">
                  <Label htmlFor={`scan-csv-map-${f}`}>{FIELD_LABELS[f]} *</Label>
                  <Select
                    id={`scan-csv-map-${f}`}
                    value={mapping[f] ?? ''}
                    aria-invalid={bad}
                    aria-describedby={bad ? `scan-csv-map-${f}-error` : undefined}
                    onChange={(e) => {
                      reset()
                      setMapping((m) => {
                        const n = { ...m }
                        if (e.target.value) n[f] = e.target.value
                        else delete n[f]
                        return n
                      })
                    }}
                  >
                    <option value="">— choose a column —</option>
                    {file.headers.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </Select>
                  {bad && (
                    <p id={`scan-csv-map-${f}-error`} role="alert" className="text-xs text-red-600">
                      Choose the column with the {FIELD_LABELS[f].toLowerCase()}
                    </p>
                  )}
                </div>
              )
            })}
          </div>
        </fieldset>
      )}

      {file && report && (
        <section aria-labelledby="scan-csv-check" className="space-y-3">
          <h3 id="scan-csv-check" className="text-sm font-medium text-slate-800">
            Rows checked
          </h3>
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="address-scan-summary">
            {(
              [
                ['Rows', report.total],
                ['To scan', report.valid.length],
                ['With a problem', report.invalid],
                ['Duplicates', report.duplicates],
              ] as const
            ).map(([k, v]) => (
              <div key={k} className="rounded-md bg-slate-50 p-2 sm:p-3">
                <dt className="text-xs text-slate-600">{k}</dt>
                <dd className="text-lg font-semibold tabular-nums">{v.toLocaleString('en-US')}</dd>
              </div>
            ))}
          </dl>
          {report.issues.length > 0 ? (
            <div className="max-h-64 overflow-auto rounded-md border border-slate-200">
              <table className="min-w-full text-sm">
                <caption className="sr-only">Rows that will not be scanned, and why</caption>
                <thead className="sticky top-0 bg-slate-50 text-left text-xs text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      Row
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Column
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Problem
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {report.issues.slice(0, SHOWN_ISSUES).map((i, n) => (
                    <tr key={n}>
                      <td className="px-3 py-1.5 tabular-nums">{lineOf(i.row)}</td>
                      <td className="px-3 py-1.5">{i.field ? mapping[i.field] : '—'}</td>
                      <td className="px-3 py-1.5">{i.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {report.issues.length > SHOWN_ISSUES && (
                <p className="px-3 py-2 text-xs text-slate-500">
                  and {(report.issues.length - SHOWN_ISSUES).toLocaleString('en-US')} more; fix the file and choose it again.
                </p>
              )}
            </div>
          ) : (
            <Alert tone="success">Every row has a usable address.</Alert>
          )}
          {report.valid.length === 0 ? (
            <Alert tone="error">No row has a usable address. Check the column matching above, or fix the file.</Alert>
          ) : (
            <p className="text-sm text-slate-600">
              Rows with a problem are skipped and duplicates are scanned once. An address that is already a lead is re-scored, not
              duplicated.
            </p>
          )}
          {!preview && (
            <Button type="button" onClick={estimate} loading={busy === 'estimate'} disabled={busy !== null || report.valid.length === 0}>
              Estimate {report.valid.length.toLocaleString('en-US')} address{report.valid.length === 1 ? '' : 'es'}
            </Button>
          )}
        </section>
      )}

      <div aria-live="polite" className="space-y-3">
        {notice && (
          <Alert tone="warning" title={notice.title}>
            {notice.text}
          </Alert>
        )}
        {failure && <ErrorNotice error={failure} action={<BillingErrorLink error={failure} orgSlug={orgSlug} />} />}
        {preview && (
          <div ref={estimateRef} tabIndex={-1} className="space-y-4 outline-none">
            <AddressScanEstimate preview={preview.data} />
            <Button type="button" className="w-full" size="lg" onClick={run} loading={busy === 'run'} disabled={busy !== null}>
              Run scan
            </Button>
            <p className="text-xs text-slate-500">The scan runs in the background; you can leave the page and come back.</p>
          </div>
        )}
      </div>
    </div>
  )
}

function AddressScanEstimate({ preview }: { preview: AddressScanPreview }) {
  const { estimate, rows } = preview
  return (
    <section
      aria-labelledby="scan-csv-estimate"
      className="space-y-3 rounded-lg border border-slate-200 p-3 sm:p-4"
      data-testid="scan-estimate"
    >
      <div>
        <h3 id="scan-csv-estimate" className="text-lg font-semibold">
          Estimate
        </h3>
        <p className="break-words text-sm text-slate-600">{preview.label}</p>
      </div>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Stat label="Addresses" value={rows.accepted.toLocaleString('en-US')} />
        <Stat label="Already leads (re-scored)" value={rows.alreadyLeads.toLocaleString('en-US')} />
        <Stat label="Time expected" value={`about ${estimate.minutes.toLocaleString('en-US')} min`} />
        <Stat label="Quality leads expected" value={`about ${estimate.expectedQualityLeads.toLocaleString('en-US')}`} />
      </dl>
      {estimate.warnings.length > 0 && (
        <ul className="space-y-2" aria-label="Warnings">
          {estimate.warnings.map((w) => (
            <li key={w.code}>
              <Alert tone={w.code === 'SANDBOX' ? 'info' : 'warning'}>{w.message}</Alert>
            </li>
          ))}
        </ul>
      )}
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm" aria-label="Cost by line">
        {estimate.lines.map((l) => (
          <li key={l.key} className="flex items-start justify-between gap-3 px-3 py-2">
            <span>
              <span className="font-medium text-slate-900">{l.label}</span>{' '}
              <span className="tabular-nums text-slate-600">× {l.quantity.toLocaleString('en-US')}</span>
              <span className="block text-xs text-slate-500">{l.note}</span>
            </span>
            <span className="tabular-nums">{l.unitCents ? formatCents(l.totalCents) : 'Included'}</span>
          </li>
        ))}
        <li className="flex justify-between bg-slate-50 px-3 py-2 font-semibold">
          <span>Estimated total</span>
          <span className="tabular-nums" data-testid="scan-estimate-total">
            {formatCents(estimate.totalCents)}
          </span>
        </li>
      </ul>
    </section>
  )
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-2 sm:p-3">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-base font-semibold tabular-nums">{value}</dd>
    </div>
  )
}

/** The side panel while "CSV of addresses" is chosen: what happens to the list. */
export function AddressScanHelp() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm sm:p-6">
      <h2 className="font-semibold text-slate-900">Scan a list of addresses</h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>Use a CSV with a header row and a street, city, state and ZIP column (extra columns are ignored).</li>
        <li>
          Up to {MAX_ADDRESS_ROWS.toLocaleString('en-US')} addresses; rows with a problem are listed and skipped, duplicates count once.
        </li>
        <li>Each address is located on the map, then imaged, analysed and scored like any scan.</li>
        <li>An address that is already one of your leads is re-scored and keeps its history; it is never duplicated.</li>
      </ul>
    </div>
  )
}
