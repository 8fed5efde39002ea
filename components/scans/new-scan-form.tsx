'use client'
// The new-scan form: an area (ZIP, city + state, or a centre + radius drawn on the map), a property cap, then
// "Estimate" (previewScanAction: writes nothing) and "Run scan" (createScanAction) → the scan's page.
// Any change to the inputs drops the estimate: a scan only runs with the estimate the user has just seen.
import dynamic from 'next/dynamic'
import { useRouter } from 'next/navigation'
import { useRef, useState } from 'react'
import type { ActionError, ActionFn } from '@/lib/action-result'
import { RADIUS_MAX_MILES, RADIUS_MIN_MILES, scanAreaSchema, type ScanArea } from '@/lib/geo/schemas'
import { checkPolygon } from '@/lib/geo/polygon'
import type { ScanPreview } from '@/lib/scans/preview-scan'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Alert, ErrorNotice, Skeleton } from '@/components/ui/feedback'
import { BillingErrorLink } from '@/components/billing/billing-error-link'
import { Field, Input, Label } from '@/components/ui/field'
import { cn } from '@/components/ui/cn'
import { ScanEstimateView } from './scan-estimate'
import { issuesOf, retryIn, scanFieldErrors, type ScanField, type ScanFieldErrors } from './scan-form-errors'
import type { LatLng } from './area-map'
import { PolygonAreaField } from './polygon-area-field'
import { AddressScanFields, AddressScanHelp, type AddressScanRequest } from './address-scan-fields'
import type { AddressScanPreview } from '@/lib/scans/preview-address-scan'

const AreaMap = dynamic(() => import('./area-map'), { ssr: false, loading: () => <Skeleton className="h-full w-full" /> })

/** lib/scans/schemas.ts SCAN_MIN_PROPERTIES / SCAN_MAX_PROPERTIES (a server module; the server checks again) */
const CAP_MIN = 10
const CAP_MAX = 1000

type AreaKind = ScanArea['kind'] | 'csv'
export type NewScanInput = { orgSlug: string; area: ScanArea; propertyCap: number }

const KINDS: Array<{ value: AreaKind; label: string }> = [
  { value: 'radius', label: 'Draw on the map' },
  { value: 'polygon', label: 'Draw area' },
  { value: 'zip', label: 'ZIP code' },
  { value: 'city', label: 'City' },
  { value: 'csv', label: 'CSV of addresses' },
]

export function NewScanForm({
  orgSlug,
  tilesUrl,
  previewScan,
  createScan,
  previewAddressScan,
  createAddressScan,
}: {
  orgSlug: string
  tilesUrl: string | null
  previewScan: ActionFn<NewScanInput, ScanPreview>
  createScan: ActionFn<NewScanInput, { id: string }>
  /** the "CSV of addresses" choice (shown when both are given) */
  previewAddressScan?: ActionFn<AddressScanRequest, AddressScanPreview>
  createAddressScan?: ActionFn<AddressScanRequest, { id: string }>
}) {
  const router = useRouter()
  const [kind, setKind] = useState<AreaKind>('radius')
  const [values, setValues] = useState({ zip: '', city: '', state: '', lat: '', lng: '', radiusMiles: '2', propertyCap: '100' })
  const [errors, setErrors] = useState<ScanFieldErrors>({})
  const [failure, setFailure] = useState<ActionError | null>(null)
  const [rateLimit, setRateLimit] = useState<string | null>(null)
  const [preview, setPreview] = useState<{ data: ScanPreview; input: NewScanInput } | null>(null)
  const [busy, setBusy] = useState<'estimate' | 'run' | null>(null)
  const [viewCentre, setViewCentre] = useState<LatLng | null>(null)
  const [vertices, setVertices] = useState<LatLng[]>([])
  const estimateHeading = useRef<HTMLDivElement>(null)

  const centre = parseCentre(values.lat, values.lng)
  const radius = Number(values.radiusMiles)
  const radiusOk = Number.isFinite(radius) && radius >= RADIUS_MIN_MILES && radius <= RADIUS_MAX_MILES

  const change = (patch: Partial<typeof values>) => {
    setValues((v) => ({ ...v, ...patch }))
    setErrors((e) => {
      const next = { ...e, form: undefined }
      for (const k of Object.keys(patch)) delete next[k as ScanField]
      return next
    })
    setPreview(null)
    setFailure(null)
    setRateLimit(null)
  }
  const changeVertices = (next: LatLng[]) => {
    setVertices(next)
    setErrors((e) => ({ ...e, vertices: undefined, form: undefined }))
    setPreview(null)
    setFailure(null)
    setRateLimit(null)
  }
  const onInput = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => change({ [k]: e.target.value })

  const buildInput = (): NewScanInput | null => {
    const area =
      kind === 'zip'
        ? { kind, zip: values.zip }
        : kind === 'city'
          ? { kind, city: values.city, state: values.state }
          : kind === 'polygon'
            ? { kind, vertices }
            : { kind, lat: toNumber(values.lat), lng: toNumber(values.lng), radiusMiles: toNumber(values.radiusMiles) }
    const parsed = scanAreaSchema.safeParse(area)
    const found: ScanFieldErrors = parsed.success ? {} : scanFieldErrors(parsed.error.issues)
    if (parsed.success && parsed.data.kind === 'polygon') {
      // crossing edges, no area, too large: the server says the same (resolveArea)
      const shape = checkPolygon(parsed.data.vertices)
      if (!shape.ok) found.vertices = shape.message
    }
    if (kind === 'radius' && values.lat.trim() === '' && values.lng.trim() === '') {
      // nothing picked yet: one message that says how, not "must be a number" twice
      found.lat = 'Click the map to set the centre, or type its latitude and longitude'
      delete found.lng
    }
    const cap = Number(values.propertyCap)
    if (!Number.isInteger(cap) || cap < CAP_MIN || cap > CAP_MAX) {
      found.propertyCap = `Enter a whole number from ${CAP_MIN} to ${CAP_MAX.toLocaleString('en-US')}`
    }
    setErrors(found)
    if (!parsed.success || Object.keys(found).length) return null
    return { orgSlug, area: parsed.data, propertyCap: cap }
  }

  const showError = (error: ActionError) => {
    if (error.code === 'VALIDATION_FAILED') {
      const found = scanFieldErrors(issuesOf(error.details))
      setErrors(Object.keys(found).length ? found : { form: error.message })
    } else if (error.code === 'RATE_LIMITED') {
      const when = retryIn((error.details as { resetSeconds?: unknown } | undefined)?.resetSeconds)
      setRateLimit(`${error.message.split(';')[0]}. ${when ? `You can start another scan ${when}.` : 'Try again later.'}`)
    } else setFailure(error)
  }

  const estimate = async (e: React.FormEvent) => {
    e.preventDefault()
    setFailure(null)
    setRateLimit(null)
    const input = buildInput()
    if (!input) return
    setBusy('estimate')
    const r = await previewScan(input)
    setBusy(null)
    if (!r.ok) return showError(r.error)
    setPreview({ data: r.data, input })
    // the estimate appears beside (desktop) or below (phone) the form: take the reader there
    requestAnimationFrame(() => estimateHeading.current?.focus())
  }

  const run = async () => {
    if (!preview) return
    setFailure(null)
    setRateLimit(null)
    setBusy('run')
    const r = await createScan(preview.input)
    if (!r.ok) {
      setBusy(null)
      return showError(r.error)
    }
    router.push(`/${orgSlug}/scans/${r.data.id}`)
  }

  const describedBy = (f: ScanField, hint = false) => (errors[f] ? `scan-${f}-error` : hint ? `scan-${f}-hint` : undefined)

  return (
    <div className="grid gap-6 lg:grid-cols-5">
      <Card className="p-4 sm:p-6 lg:col-span-3">
        <form onSubmit={estimate} noValidate className="space-y-5" aria-label="New scan">
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-slate-800">Area to scan</legend>
            <div className="inline-flex flex-wrap gap-1 rounded-lg bg-slate-100 p-1">
              {KINDS.map((k) => (
                <label
                  key={k.value}
                  className={cn(
                    'cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500',
                    kind === k.value ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900',
                  )}
                >
                  <input
                    type="radio"
                    name="scan-area-kind"
                    value={k.value}
                    checked={kind === k.value}
                    onChange={() => {
                      setKind(k.value)
                      setErrors({})
                      setPreview(null)
                      setFailure(null)
                    }}
                    className="sr-only"
                  />
                  {k.label}
                </label>
              ))}
            </div>
          </fieldset>

          {kind === 'polygon' && (
            <PolygonAreaField tilesUrl={tilesUrl} vertices={vertices} onChange={changeVertices} error={errors.vertices} />
          )}

          {kind === 'csv' && previewAddressScan && createAddressScan && (
            <AddressScanFields orgSlug={orgSlug} previewAddressScan={previewAddressScan} createAddressScan={createAddressScan} />
          )}

          {kind === 'zip' && (
            <Field id="scan-zip" label="ZIP code" error={errors.zip} hint="5 digits; the scan covers about 2.5 mi around its centre.">
              <Input
                id="scan-zip"
                inputMode="numeric"
                autoComplete="postal-code"
                maxLength={5}
                className="max-w-40"
                value={values.zip}
                onChange={onInput('zip')}
                aria-invalid={!!errors.zip}
                aria-describedby={describedBy('zip', true)}
              />
            </Field>
          )}

          {kind === 'city' && (
            <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
              <Field id="scan-city" label="City" error={errors.city}>
                <Input
                  id="scan-city"
                  autoComplete="address-level2"
                  maxLength={80}
                  value={values.city}
                  onChange={onInput('city')}
                  aria-invalid={!!errors.city}
                  aria-describedby={describedBy('city')}
                />
              </Field>
              <Field id="scan-state" label="State" error={errors.state} hint="2 letters, e.g. TX">
                <Input
                  id="scan-state"
                  autoComplete="address-level1"
                  maxLength={2}
                  className="uppercase"
                  value={values.state}
                  onChange={onInput('state')}
                  aria-invalid={!!errors.state}
                  aria-describedby={describedBy('state', true)}
                />
              </Field>
            </div>
          )}

          {kind === 'radius' && (
            <div className="space-y-4">
              <div className="space-y-2">
                <p id="scan-map-help" className="text-sm text-slate-600">
                  Click the map to set the centre, then choose the radius. With a keyboard: focus the map, move it with the arrow keys and
                  zoom with + and −, then use “Set centre to the middle of the map”; or type the coordinates below.
                </p>
                {!tilesUrl && (
                  <p className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-900 ring-1 ring-amber-200" role="note">
                    Map tiles are not configured (NEXT_PUBLIC_MAP_TILES_URL): the map shows no streets. Type the coordinates if you know
                    them.
                  </p>
                )}
                <div
                  className="relative z-0 h-72 overflow-hidden rounded-lg border border-slate-200 sm:h-96"
                  aria-describedby="scan-map-help"
                >
                  <AreaMap
                    centre={centre}
                    radiusMiles={radiusOk ? radius : null}
                    tilesUrl={tilesUrl}
                    onPick={(p) => change({ lat: String(p.lat), lng: String(p.lng) })}
                    onViewChange={(p) => setViewCentre((v) => (v && v.lat === p.lat && v.lng === p.lng ? v : p))}
                  />
                </div>
                <Button
                  type="button"
                  variant="secondary"
                  size="sm"
                  disabled={!viewCentre}
                  onClick={() => viewCentre && change({ lat: String(viewCentre.lat), lng: String(viewCentre.lng) })}
                >
                  Set centre to the middle of the map
                </Button>
              </div>

              <div className="space-y-1">
                <Label htmlFor="scan-radius">Radius (miles)</Label>
                <div className="flex items-center gap-3">
                  <input
                    id="scan-radius-slider"
                    type="range"
                    min={RADIUS_MIN_MILES}
                    max={RADIUS_MAX_MILES}
                    step={0.5}
                    value={radiusOk ? radius : 2}
                    onChange={onInput('radiusMiles')}
                    className="h-10 flex-1 accent-brand-600"
                    aria-label="Radius in miles (slider)"
                    aria-valuetext={`${radiusOk ? radius : 2} miles`}
                  />
                  <Input
                    id="scan-radius"
                    type="number"
                    inputMode="decimal"
                    min={RADIUS_MIN_MILES}
                    max={RADIUS_MAX_MILES}
                    step={0.1}
                    className="w-24"
                    value={values.radiusMiles}
                    onChange={onInput('radiusMiles')}
                    aria-invalid={!!errors.radiusMiles}
                    aria-describedby={describedBy('radiusMiles', true)}
                  />
                </div>
                {errors.radiusMiles ? (
                  <p id="scan-radiusMiles-error" role="alert" className="text-xs text-red-600">
                    {errors.radiusMiles}
                  </p>
                ) : (
                  <p id="scan-radiusMiles-hint" className="text-xs text-slate-500">
                    {RADIUS_MIN_MILES}–{RADIUS_MAX_MILES} miles around the centre.
                  </p>
                )}
              </div>

              <div className="grid gap-4 sm:grid-cols-2">
                <Field id="scan-lat" label="Centre latitude" error={errors.lat}>
                  <Input
                    id="scan-lat"
                    type="number"
                    inputMode="decimal"
                    step="any"
                    min={-90}
                    max={90}
                    placeholder="32.7767"
                    value={values.lat}
                    onChange={onInput('lat')}
                    aria-invalid={!!errors.lat}
                    aria-describedby={describedBy('lat')}
                  />
                </Field>
                <Field id="scan-lng" label="Centre longitude" error={errors.lng}>
                  <Input
                    id="scan-lng"
                    type="number"
                    inputMode="decimal"
                    step="any"
                    min={-180}
                    max={180}
                    placeholder="-96.7970"
                    value={values.lng}
                    onChange={onInput('lng')}
                    aria-invalid={!!errors.lng}
                    aria-describedby={describedBy('lng')}
                  />
                </Field>
              </div>
            </div>
          )}

          {kind !== 'csv' && (
            <>
              <Field
                id="scan-propertyCap"
                label="Property cap"
                error={errors.propertyCap}
                hint={`${CAP_MIN}–${CAP_MAX.toLocaleString('en-US')} properties at most; your plan may allow fewer (the estimate says so).`}
              >
                <Input
                  id="scan-propertyCap"
                  type="number"
                  inputMode="numeric"
                  min={CAP_MIN}
                  max={CAP_MAX}
                  step={1}
                  className="max-w-40"
                  value={values.propertyCap}
                  onChange={onInput('propertyCap')}
                  aria-invalid={!!errors.propertyCap}
                  aria-describedby={describedBy('propertyCap', true)}
                />
              </Field>

              {errors.form && <Alert tone="error">{errors.form}</Alert>}
              <Button type="submit" loading={busy === 'estimate'} disabled={busy !== null}>
                Estimate
              </Button>
            </>
          )}
        </form>
      </Card>

      <div className="space-y-4 lg:col-span-2" aria-live="polite">
        {rateLimit && (
          <Alert tone="warning" title="Scan limit reached">
            {rateLimit}
          </Alert>
        )}
        {failure && <ErrorNotice error={failure} action={<BillingErrorLink error={failure} orgSlug={orgSlug} />} />}
        {kind === 'csv' ? (
          <AddressScanHelp />
        ) : preview ? (
          <Card className="space-y-4 p-4 sm:p-6">
            <div ref={estimateHeading} tabIndex={-1} className="outline-none">
              <ScanEstimateView preview={preview.data} requestedCap={preview.input.propertyCap} />
            </div>
            <Button className="w-full" size="lg" onClick={run} loading={busy === 'run'} disabled={busy !== null}>
              Run scan
            </Button>
            <p className="text-xs text-slate-500">The scan runs in the background; you can leave the page and come back.</p>
          </Card>
        ) : (
          <Card className="p-4 text-sm text-slate-600 sm:p-6">
            <h2 className="font-semibold text-slate-900">Estimate first</h2>
            <p className="mt-1">
              Choose the area and the property cap, then press <strong>Estimate</strong> to see how many homes the scan will look at, what
              it costs and how long it takes. Nothing runs until you press <strong>Run scan</strong>.
            </p>
          </Card>
        )}
      </div>
    </div>
  )
}

const toNumber = (s: string) => (s.trim() === '' ? NaN : Number(s))

function parseCentre(lat: string, lng: string): LatLng | null {
  const a = toNumber(lat)
  const b = toNumber(lng)
  return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a) <= 90 && Math.abs(b) <= 180 ? { lat: a, lng: b } : null
}
