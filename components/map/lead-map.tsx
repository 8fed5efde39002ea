'use client'
// Leaflet map of leads, coloured by band. Works offline: with no tile URL configured it draws the points on a
// plain background (with scale and zoom) and says so. Canvas circle markers keep 2,000 points fast.
import 'leaflet/dist/leaflet.css'
import { useEffect, useRef } from 'react'
import L from 'leaflet'

export interface MapPoint {
  id: string
  lat: number
  lng: number
  address: string
  score: number | null
  band: string | null
  status: string
}

const BAND_HEX: Record<string, string> = { HOT: '#dc2626', WARM: '#d97706', COLD: '#2563eb', NONE: '#64748b' }
const STATUS_TEXT: Record<string, string> = {
  NEW: 'New',
  CONTACTED: 'Contacted',
  QUALIFIED: 'Qualified',
  APPOINTMENT_SCHEDULED: 'Appointment scheduled',
  PROPOSAL_SENT: 'Proposal sent',
  WON: 'Won',
  LOST: 'Lost',
}

function popup(p: MapPoint, href: string): HTMLElement {
  // built with DOM nodes (never innerHTML): addresses come from imports
  const root = document.createElement('div')
  root.className = 'space-y-1 text-sm'
  const title = document.createElement('p')
  title.className = 'font-semibold'
  title.textContent = p.address
  const meta = document.createElement('p')
  meta.textContent = `Score ${p.score ?? '—'}${p.band ? ` (${p.band.toLowerCase()})` : ''} · ${STATUS_TEXT[p.status] ?? p.status}`
  const link = document.createElement('a')
  link.href = href
  link.textContent = 'Open lead →'
  link.className = 'font-medium'
  root.append(title, meta, link)
  return root
}

export default function LeadMap({ points, detailHref, tilesUrl }: { points: MapPoint[]; detailHref: string; tilesUrl: string | null }) {
  const el = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!el.current) return
    const map = L.map(el.current, { preferCanvas: true, zoomControl: true, attributionControl: !!tilesUrl, worldCopyJump: false })
    if (tilesUrl) L.tileLayer(tilesUrl, { maxZoom: 19, attribution: '&copy; map tiles provider' }).addTo(map)
    L.control.scale({ imperial: true, metric: true }).addTo(map)
    const renderer = L.canvas({ padding: 0.5 })
    const bounds = L.latLngBounds([])
    // lowest scores first so hot leads are drawn on top
    for (const p of [...points].sort((a, b) => (a.score ?? -1) - (b.score ?? -1))) {
      const color = BAND_HEX[p.band ?? 'NONE'] ?? BAND_HEX.NONE
      const m = L.circleMarker([p.lat, p.lng], { renderer, radius: 6, color: '#ffffff', weight: 1, fillColor: color, fillOpacity: 0.9 })
      m.bindPopup(() => popup(p, `${detailHref}/${p.id}`))
      m.bindTooltip(p.address, { direction: 'top' })
      m.addTo(map)
      bounds.extend([p.lat, p.lng])
    }
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 })
    else map.setView([39.5, -98.35], 4)
    return () => {
      map.remove()
    }
  }, [points, detailHref, tilesUrl])
  return (
    <div
      ref={el}
      className="h-full w-full"
      style={{ background: tilesUrl ? undefined : '#eef2f6' }}
      aria-label="Map of leads"
      role="region"
    />
  )
}
