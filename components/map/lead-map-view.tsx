'use client'
// Leaflet touches window at import time: load it on the client only.
import dynamic from 'next/dynamic'
import { Skeleton } from '@/components/ui/feedback'
import type { MapPoint } from './lead-map'

const LeadMap = dynamic(() => import('./lead-map'), { ssr: false, loading: () => <Skeleton className="h-full w-full" /> })

const LEGEND = [
  ['HOT', '#dc2626', 'Hot (80–100)'],
  ['WARM', '#d97706', 'Warm (60–79)'],
  ['COLD', '#2563eb', 'Cold (0–59)'],
  ['NONE', '#64748b', 'Not scored'],
] as const

export function LeadMapView({ points, detailHref, tilesUrl }: { points: MapPoint[]; detailHref: string; tilesUrl: string | null }) {
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Legend">
        {LEGEND.map(([k, c, label]) => (
          <span key={k} className="inline-flex items-center gap-1.5">
            <span aria-hidden className="h-3 w-3 rounded-full border border-white shadow" style={{ background: c }} />
            {label}
          </span>
        ))}
        {!tilesUrl && (
          <span className="ml-auto rounded bg-amber-50 px-2 py-0.5 text-amber-900 ring-1 ring-amber-200" role="note">
            Map tiles not configured (set NEXT_PUBLIC_MAP_TILES_URL): showing points only.
          </span>
        )}
      </div>
      <div className="relative z-0 h-[60vh] min-h-80 overflow-hidden rounded-lg border border-slate-200">
        <LeadMap points={points} detailHref={detailHref} tilesUrl={tilesUrl} />
      </div>
    </div>
  )
}
