// The lead page's roof panel: the aerial image (served to members by /<org>/images/<id>) with where it came from
// (provider, zoom, ground resolution, capture date — which static imagery APIs do not give), beside it the AI's
// findings (roof-findings.tsx). Sandbox images and analyses say so. A lead without roof data says what would
// produce it instead of showing a placeholder picture. Server component: the page passes the rows getLead loaded.
import Link from 'next/link'
import { Badge } from '@/components/ui/feedback'
import { formatDate } from './lead-format'
import { RoofFindings } from './roof-findings'
import { assessedByLabel, formatMetresPerPixel, imageryProviderLabel, readRoofAssessment } from './roof-view'

export interface RoofImageRow {
  id: string
  width: number
  height: number
  provider: string
  zoom: number | null
  metresPerPixel: number | null
  capturedAt: Date | null
  sandbox: boolean
}
export interface RoofAssessmentRow {
  id: string
  result: unknown
  provider: string
  model: string
  sandbox: boolean
  reviewStatus: string | null
  createdAt: Date
}

function SandboxNote() {
  return (
    <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/30" role="note">
      <span className="font-medium">Sandbox analysis</span> — sample image, not a real roof.
    </p>
  )
}

function ImageFigure({ orgSlug, image, address }: { orgSlug: string; image: RoofImageRow; address: string }) {
  const src = `/${orgSlug}/images/${image.id}`
  const resolution = formatMetresPerPixel(image.metresPerPixel)
  const source = imageryProviderLabel(image.provider)
  const alt = image.sandbox
    ? `Sandbox sample aerial image standing in for the roof at ${address} (not a real photo of this property)`
    : `Aerial view from above of the roof at ${address}, centred on the building (${source}${resolution ? `, about ${resolution}` : ''})`
  return (
    <figure className="space-y-2">
      <a
        href={src}
        target="_blank"
        rel="noopener"
        className="block overflow-hidden rounded-md ring-1 ring-slate-200 focus-visible:outline-2"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- cookie-authenticated private image: the optimiser fetches without the member's session */}
        <img src={src} width={image.width} height={image.height} alt={alt} className="h-auto w-full bg-slate-100" decoding="async" />
        <span className="sr-only"> (opens the full-size image in a new tab)</span>
      </a>
      <figcaption>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-slate-600">
          <dt className="text-slate-500">Imagery</dt>
          <dd>{source}</dd>
          {image.zoom != null && (
            <>
              <dt className="text-slate-500">Zoom</dt>
              <dd>
                {Number.isInteger(image.zoom) ? image.zoom : image.zoom.toFixed(1)}
                {resolution ? ` · ${resolution}` : ''}
              </dd>
            </>
          )}
          {image.zoom == null && resolution && (
            <>
              <dt className="text-slate-500">Resolution</dt>
              <dd>{resolution}</dd>
            </>
          )}
          <dt className="text-slate-500">Captured</dt>
          <dd>{image.capturedAt ? formatDate(image.capturedAt) : 'Capture date not provided by the imagery API'}</dd>
        </dl>
      </figcaption>
    </figure>
  )
}

export function RoofPanel({
  orgSlug,
  address,
  image,
  assessment,
  canRunScans,
}: {
  orgSlug: string
  address: string
  image: RoofImageRow | null
  assessment: RoofAssessmentRow | null
  canRunScans: boolean
}) {
  const findings = assessment ? readRoofAssessment(assessment.result) : null
  if (!image && !findings) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-slate-50 p-6 text-center">
        <p className="font-medium text-slate-900">No aerial analysis yet — run a scan that covers this address</p>
        <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
          A scan fetches the aerial image of the roof, has the AI look for damage, and scores the lead from what it found.
        </p>
        {canRunScans && (
          <Link href={`/${orgSlug}/scans`} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
            Go to scans
          </Link>
        )}
      </div>
    )
  }
  const sandbox = !!image?.sandbox || !!assessment?.sandbox
  return (
    <div className="space-y-4">
      {sandbox && <SandboxNote />}
      <div className="grid gap-6 md:grid-cols-2">
        {image ? (
          <ImageFigure orgSlug={orgSlug} image={image} address={address} />
        ) : (
          <div className="flex aspect-square items-center justify-center rounded-md bg-slate-100 p-4 text-center text-sm text-slate-600">
            The aerial image behind these findings is no longer stored.
          </div>
        )}
        <div className="min-w-0 space-y-3">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-medium text-slate-900">The AI&apos;s findings</h3>
            {assessment?.reviewStatus === 'ACCEPTED' && <Badge>Accepted in review</Badge>}
            {assessment?.provider === 'reviewer' && <Badge>Corrected in review</Badge>}
          </div>
          {findings && assessment ? (
            <>
              <RoofFindings assessment={findings} idPrefix="roof" headingLevel={4} />
              <p className="text-xs text-slate-500">
                Assessed by {assessedByLabel(assessment)} on {formatDate(assessment.createdAt)}.
              </p>
            </>
          ) : (
            <p className="text-sm text-slate-600">
              No findings recorded for this image: the AI&apos;s answer was unusable or is waiting in the review queue.
            </p>
          )}
        </div>
      </div>
    </div>
  )
}
