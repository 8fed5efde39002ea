'use client'
// CSV import: pick a file (read in the browser) → column mapping (auto-guessed from the headers) → validation
// report with duplicate counts, BEFORE anything is written → "Import N valid rows" → progress until done.
import Link from 'next/link'
import { useEffect, useRef, useState } from 'react'
import { Button, buttonVariants } from '@/components/ui/button'
import { Label, Select } from '@/components/ui/field'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import type { ActionError, ActionFn, ActionResult } from '@/lib/action-result'
import { IMPORT_FIELDS, MAX_IMPORT_BYTES, REQUIRED_FIELDS, type ImportField, type ImportMapping } from '@/lib/leads/import-mapping'
import type { ImportPreview } from '@/lib/leads/preview-import'

export interface ImportProgress {
  id: string
  status: 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED'
  totalRows: number
  processed: number
  created: number
  skipped: number
  failed: number
  percent: number
  errors: unknown
}

const FIELD_LABELS: Record<ImportField, string> = {
  addressLine1: 'Street address',
  addressLine2: 'Unit / line 2',
  city: 'City',
  state: 'State',
  zip: 'ZIP',
  county: 'County',
  lat: 'Latitude',
  lng: 'Longitude',
  ownerName: 'Owner name',
  yearBuilt: 'Year built',
  propertyValue: 'Property value ($)',
  roofMaterial: 'Roof material',
  roofAgeYears: 'Roof age (years)',
  roofAreaSqFt: 'Roof area (sq ft)',
  score: 'Score (0–100)',
  status: 'Status',
  tags: 'Tags (; separated)',
  contactName: 'Contact name',
  phone: 'Phone',
  email: 'Email',
}
const MB = 1024 * 1024

async function post<T>(url: string, body: unknown): Promise<ActionResult<T>> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const payload = (await res.json().catch(() => null)) as { data?: T; error?: ActionError } | null
    if (res.ok && payload?.data !== undefined) return { ok: true, data: payload.data }
    return {
      ok: false,
      error: payload?.error ?? {
        code: 'INTERNAL',
        message: `Upload failed (HTTP ${res.status})`,
        requestId: res.headers.get('x-request-id') ?? '',
      },
    }
  } catch {
    return {
      ok: false,
      error: { code: 'UPSTREAM_UNAVAILABLE', message: 'Could not reach the server. Check your connection and try again.', requestId: '' },
    }
  }
}

export function ImportWizard({
  orgSlug,
  getImport,
}: {
  orgSlug: string
  getImport: ActionFn<{ orgSlug: string; importId: string }, ImportProgress>
}) {
  const url = `/${orgSlug}/leads/import/upload`
  const [file, setFile] = useState<{ name: string; text: string; size: number } | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [mapping, setMapping] = useState<ImportMapping>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ActionError | null>(null)
  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )

  const runPreview = async (text: string, map?: ImportMapping) => {
    setBusy(true)
    setError(null)
    const r = await post<ImportPreview>(url, { step: 'preview', csvText: text, ...(map ? { mapping: map } : {}) })
    setBusy(false)
    if (!r.ok) {
      setError(r.error)
      setPreview(null)
      return
    }
    setPreview(r.data)
    setMapping(r.data.mapping)
  }

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0]
    setPreview(null)
    setProgress(null)
    setError(null)
    setFileError(null)
    setFile(null)
    if (!f) return
    if (!/\.(csv|txt)$/i.test(f.name) && f.type !== 'text/csv') {
      setFileError('Choose a .csv file')
      return
    }
    if (f.size > MAX_IMPORT_BYTES) {
      setFileError(`This file is ${(f.size / MB).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / MB} MB. Split it into smaller files.`)
      return
    }
    const text = await f.text()
    setFile({ name: f.name, text, size: f.size })
    await runPreview(text)
  }

  const missing = REQUIRED_FIELDS.filter((f) => !mapping[f])
  const mappingChanged = preview && JSON.stringify(mapping) !== JSON.stringify(preview.mapping)

  const poll = async (importId: string) => {
    const r = await getImport({ orgSlug, importId })
    if (!r.ok) {
      setError(r.error)
      return
    }
    setProgress(r.data)
    if (r.data.status === 'PENDING' || r.data.status === 'RUNNING') timer.current = setTimeout(() => poll(importId), 1000)
  }
  const commit = async () => {
    if (!file || !preview) return
    setBusy(true)
    setError(null)
    const r = await post<{ id: string; status: ImportProgress['status']; totalRows: number }>(url, {
      step: 'commit',
      csvText: file.text,
      mapping,
      fileName: file.name,
    })
    setBusy(false)
    if (!r.ok) {
      setError(r.error)
      return
    }
    setProgress({
      id: r.data.id,
      status: r.data.status,
      totalRows: r.data.totalRows,
      processed: 0,
      created: 0,
      skipped: 0,
      failed: 0,
      percent: 0,
      errors: [],
    })
    await poll(r.data.id)
  }

  if (progress) {
    const done = progress.status === 'COMPLETED' || progress.status === 'FAILED'
    return (
      <section aria-labelledby="progress-h" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="progress-h" className="font-semibold">
          {done ? (progress.status === 'COMPLETED' ? 'Import complete' : 'Import failed') : 'Importing…'}
        </h2>
        <div
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress.percent}
          className="h-3 w-full overflow-hidden rounded-full bg-slate-100"
        >
          <div className="h-full bg-brand-600 transition-all" style={{ width: `${progress.percent}%` }} />
        </div>
        <p className="text-sm text-slate-700" aria-live="polite" data-testid="import-progress">
          {progress.processed.toLocaleString('en-US')} of {progress.totalRows.toLocaleString('en-US')} rows processed ({progress.percent}%):{' '}
          <strong>{progress.created} created</strong>, {progress.skipped} skipped (duplicates), {progress.failed} failed
        </p>
        {progress.status === 'PENDING' && <p className="text-xs text-slate-500">Waiting for a background worker to pick up the import…</p>}
        {progress.status === 'FAILED' && (
          <Alert tone="error" title="The import stopped">
            Rows written so far are kept. Try again, or contact support with this import id: <code>{progress.id}</code>
          </Alert>
        )}
        {done && (
          <div className="flex gap-2">
            <Link href={`/${orgSlug}/leads?source=IMPORT&sort=created`} className={buttonVariants()}>
              View imported leads
            </Link>
            <Button
              variant="secondary"
              onClick={() => {
                setProgress(null)
                setPreview(null)
                setFile(null)
              }}
            >
              Import another file
            </Button>
          </div>
        )}
        {error && <ErrorNotice error={error} />}
      </section>
    )
  }

  return (
    <div className="space-y-6">
      <section aria-labelledby="file-h" className="space-y-2 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="file-h" className="font-semibold">
          1. Choose a CSV file
        </h2>
        <Label htmlFor="import-file">CSV file</Label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={onFile}
          disabled={busy}
          aria-invalid={!!fileError}
          aria-describedby={fileError ? 'import-file-error' : 'import-file-hint'}
          className="block text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-600 file:px-3 file:py-2 file:text-sm file:font-medium file:text-white"
        />
        {fileError ? (
          <p id="import-file-error" role="alert" className="text-xs text-red-600">
            {fileError}
          </p>
        ) : (
          <p id="import-file-hint" className="text-xs text-slate-500">
            Up to {MAX_IMPORT_BYTES / MB} MB and 100,000 rows. A header row is required; street, city, state and ZIP are needed for every
            lead. Nothing is written until you confirm.
          </p>
        )}
        {busy && !preview && (
          <p role="status" className="text-sm text-slate-600">
            Checking the file…
          </p>
        )}
      </section>

      {error && <ErrorNotice error={error} />}

      {preview && file && (
        <>
          <section aria-labelledby="map-h" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
            <h2 id="map-h" className="font-semibold">
              2. Match your columns
            </h2>
            <p className="text-sm text-slate-600">
              We guessed from the header names in <strong>{file.name}</strong>. Fields marked * are required.
            </p>
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
              {IMPORT_FIELDS.map((f) => {
                const req = REQUIRED_FIELDS.includes(f)
                const bad = req && !mapping[f]
                return (
                  <div key={f} className="space-y-1">
                    <Label htmlFor={`map-${f}`}>
                      {FIELD_LABELS[f]}
                      {req && ' *'}
                    </Label>
                    <Select
                      id={`map-${f}`}
                      value={mapping[f] ?? ''}
                      aria-invalid={bad}
                      aria-describedby={bad ? `map-${f}-error` : undefined}
                      onChange={(e) =>
                        setMapping((m) => {
                          const n = { ...m }
                          if (e.target.value) n[f] = e.target.value
                          else delete n[f]
                          return n
                        })
                      }
                    >
                      <option value="">— not imported —</option>
                      {preview.headers.map((h) => (
                        <option key={h} value={h}>
                          {h}
                        </option>
                      ))}
                    </Select>
                    {bad && (
                      <p id={`map-${f}-error`} role="alert" className="text-xs text-red-600">
                        Choose the column with the {FIELD_LABELS[f].toLowerCase()}
                      </p>
                    )}
                  </div>
                )
              })}
            </div>
            {mappingChanged && (
              <Button variant="secondary" loading={busy} disabled={missing.length > 0} onClick={() => runPreview(file.text, mapping)}>
                Check the file again with this mapping
              </Button>
            )}
          </section>

          {preview.mappingComplete && !mappingChanged && (
            <section aria-labelledby="report-h" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
              <h2 id="report-h" className="font-semibold">
                3. Review before importing
              </h2>
              <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-6" data-testid="import-summary">
                {(
                  [
                    ['Rows in file', preview.totalRows],
                    ['Valid', preview.validRows],
                    ['Invalid', preview.invalidRows],
                    ['Duplicates in file', preview.duplicateInFile],
                    ['Already in your leads', preview.duplicateExisting],
                    ['Will be created', preview.importable],
                  ] as const
                ).map(([k, v]) => (
                  <div key={k} className="rounded-md bg-slate-50 p-3">
                    <dt className="text-xs text-slate-500">{k}</dt>
                    <dd className="text-xl font-semibold tabular-nums">{v.toLocaleString('en-US')}</dd>
                  </div>
                ))}
              </dl>
              {preview.issues.length > 0 ? (
                <div className="max-h-80 overflow-auto rounded-md border border-slate-200">
                  <table className="min-w-full text-sm">
                    <caption className="sr-only">Problems found in the file</caption>
                    <thead className="sticky top-0 bg-slate-50 text-left text-xs uppercase text-slate-600">
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
                      {preview.issues.map((i, n) => (
                        <tr key={n}>
                          <td className="px-3 py-1.5 tabular-nums">{i.row}</td>
                          <td className="px-3 py-1.5">{i.column}</td>
                          <td className="px-3 py-1.5">{i.reason}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <Alert tone="success">No problems found.</Alert>
              )}
              <p className="text-sm text-slate-600">Invalid rows and duplicates are skipped; nothing has been written yet.</p>
              <Button onClick={commit} loading={busy} disabled={preview.importable === 0}>
                Import {preview.importable.toLocaleString('en-US')} valid row{preview.importable === 1 ? '' : 's'}
              </Button>
            </section>
          )}
        </>
      )}
    </div>
  )
}
