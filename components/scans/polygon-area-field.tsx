'use client'
// "Draw area" on the new-scan form: click the map to add corners (the shape closes back to the first one), undo
// the last corner, clear; the area in square miles shows live, and a shape the server would refuse (crossing
// edges, no area, too large) says why as it is drawn — the same checks (lib/geo/polygon.ts checkPolygon).
// Keyboard: focus the map, move it with the arrow keys, then "Add a corner at the middle of the map".
import dynamic from 'next/dynamic'
import { useState } from 'react'
import { checkPolygon, formatSqMiles, normalizeRing, POLYGON_MAX_VERTICES } from '@/lib/geo/polygon'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/feedback'
import type { LatLng } from './area-map'

const AreaMap = dynamic(() => import('./area-map'), { ssr: false, loading: () => <Skeleton className="h-full w-full" /> })

export function PolygonAreaField({
  tilesUrl,
  vertices,
  onChange,
  error,
}: {
  tilesUrl: string | null
  vertices: LatLng[]
  onChange: (vertices: LatLng[]) => void
  /** the server's (or the form's) message for area.vertices */
  error?: string
}) {
  const [viewCentre, setViewCentre] = useState<LatLng | null>(null)
  const ring = normalizeRing(vertices)
  const check = ring.length >= 3 ? checkPolygon(ring) : null
  const problem = error ?? (check && !check.ok ? check.message : undefined)
  const full = ring.length >= POLYGON_MAX_VERTICES
  const add = (p: LatLng) => {
    if (full) return
    const last = vertices.at(-1)
    if (last && last.lat === p.lat && last.lng === p.lng) return // a double click adds one corner
    onChange([...vertices, p])
  }

  const status =
    ring.length === 0
      ? 'No corners yet: click the map to add the first corner.'
      : ring.length < 3
        ? `${ring.length} ${ring.length === 1 ? 'corner' : 'corners'}: add at least ${3 - ring.length} more.`
        : check?.ok
          ? `Area: ${formatSqMiles(check.areaSqMiles)} (${ring.length} corners). The shape closes back to the first corner.`
          : `${ring.length} corners${check && check.areaSqMiles > 0 ? `, ${formatSqMiles(check.areaSqMiles)}` : ''}.`

  return (
    <div className="space-y-2" role="group" aria-labelledby="scan-polygon-label">
      <p id="scan-polygon-label" className="text-sm font-medium text-slate-800">
        Draw the area
      </p>
      <p id="scan-polygon-help" className="text-sm text-slate-600">
        Click the map to add the corners of the area, in order around it; the shape closes back to the first corner. Edges must not cross.
        With a keyboard: focus the map, move it with the arrow keys and zoom with + and −, then use “Add a corner at the middle of the map”.
      </p>
      {!tilesUrl && (
        <p className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-900 ring-1 ring-amber-200" role="note">
          Map tiles are not configured (NEXT_PUBLIC_MAP_TILES_URL): the map shows no streets.
        </p>
      )}
      <div
        className={`relative z-0 h-72 overflow-hidden rounded-lg border sm:h-96 ${problem ? 'border-red-400' : 'border-slate-200'}`}
        aria-describedby="scan-polygon-help"
      >
        <AreaMap
          mode="polygon"
          centre={null}
          radiusMiles={null}
          vertices={ring}
          invalid={!!problem}
          tilesUrl={tilesUrl}
          onPick={add}
          onViewChange={(p) => setViewCentre((v) => (v && v.lat === p.lat && v.lng === p.lng ? v : p))}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" size="sm" disabled={!viewCentre || full} onClick={() => viewCentre && add(viewCentre)}>
          Add a corner at the middle of the map
        </Button>
        <Button type="button" variant="secondary" size="sm" disabled={!vertices.length} onClick={() => onChange(vertices.slice(0, -1))}>
          Undo last point
        </Button>
        <Button type="button" variant="secondary" size="sm" disabled={!vertices.length} onClick={() => onChange([])}>
          Clear
        </Button>
      </div>
      <p id="scan-vertices-status" className="text-sm text-slate-700" aria-live="polite" data-testid="scan-polygon-status">
        {status}
      </p>
      {problem && (
        <p id="scan-vertices-error" role="alert" className="text-sm text-red-600">
          {problem}
        </p>
      )}
    </div>
  )
}
