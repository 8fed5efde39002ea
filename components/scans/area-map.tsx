'use client'
// The "draw on the map" picker of a new scan: click (or tap) sets the centre, the radius draws a circle; in
// "Draw area" mode (`mode="polygon"`) each click adds a corner, drawn as numbered dots joined by the shape. Works
// with no tiles configured (plain background, scale, zoom), like the leads map. Loaded client-side only
// (area-picker.tsx imports it with next/dynamic: Leaflet touches window at import time).
import 'leaflet/dist/leaflet.css'
import { useEffect, useRef } from 'react'
import L from 'leaflet'

export interface LatLng {
  lat: number
  lng: number
}

const MILE_M = 1609.344
const US_VIEW: [number, number] = [39.5, -98.35]

export default function AreaMap({
  centre,
  radiusMiles,
  tilesUrl,
  onPick,
  onViewChange,
  mode = 'radius',
  vertices = [],
  invalid = false,
}: {
  centre: LatLng | null
  radiusMiles: number | null
  tilesUrl: string | null
  /** a click: the centre (radius mode) or the next corner (polygon mode) */
  onPick: (p: LatLng) => void
  /** the middle of the visible map, for the keyboard "use the middle of the map" button */
  onViewChange?: (p: LatLng) => void
  mode?: 'radius' | 'polygon'
  /** polygon mode: the corners drawn so far, in order */
  vertices?: LatLng[]
  /** polygon mode: the shape is refused (crossing edges, too large): drawn in red */
  invalid?: boolean
}) {
  const el = useRef<HTMLDivElement>(null)
  const map = useRef<L.Map | null>(null)
  const shapes = useRef<{ dot: L.CircleMarker; circle: L.Circle } | null>(null)
  const drawn = useRef<L.LayerGroup | null>(null)
  const pick = useRef(onPick)
  const view = useRef(onViewChange)
  useEffect(() => {
    pick.current = onPick
    view.current = onViewChange
  }, [onPick, onViewChange])
  const initial = useRef({ centre, radiusMiles })

  useEffect(() => {
    if (!el.current) return
    const { centre: c, radiusMiles: r } = initial.current
    const m = L.map(el.current, { zoomControl: true, attributionControl: !!tilesUrl, worldCopyJump: false, keyboard: true })
    if (tilesUrl) L.tileLayer(tilesUrl, { maxZoom: 19, attribution: '&copy; map tiles provider' }).addTo(m)
    L.control.scale({ imperial: true, metric: true }).addTo(m)
    if (c && r) m.fitBounds(L.latLng(c.lat, c.lng).toBounds(r * MILE_M * 2), { padding: [16, 16] })
    else if (c) m.setView([c.lat, c.lng], 11)
    else m.setView(US_VIEW, 4)
    m.on('click', (e: L.LeafletMouseEvent) => pick.current({ lat: round(e.latlng.lat), lng: round(wrapLng(e.latlng.lng)) }))
    const report = () => {
      const mid = m.getCenter()
      view.current?.({ lat: round(mid.lat), lng: round(wrapLng(mid.lng)) })
    }
    m.on('moveend', report)
    report()
    // a resized container (rotation, a narrower window) keeps the whole circle in view
    const resized = new ResizeObserver(() => {
      m.invalidateSize()
      const circle = shapes.current?.circle
      if (circle && circle.getRadius() > 0) m.fitBounds(circle.getBounds(), { padding: [16, 16], maxZoom: 15 })
    })
    resized.observe(el.current)
    map.current = m
    drawn.current = L.layerGroup().addTo(m)
    return () => {
      resized.disconnect()
      shapes.current = null
      drawn.current = null
      map.current = null
      m.remove()
    }
  }, [tilesUrl])

  // the centre dot and the circle follow the form's values (typed or clicked). Keyed on the numbers, not on the
  // `centre` object (a new one every render): fitBounds fires moveend → onViewChange → a parent render, which
  // must not fit again, or the map and the form re-render each other forever.
  const lat = centre?.lat ?? null
  const lng = centre?.lng ?? null
  useEffect(() => {
    const m = map.current
    if (!m) return
    if (mode !== 'radius' || lat === null || lng === null) {
      shapes.current?.dot.remove()
      shapes.current?.circle.remove()
      shapes.current = null
      return
    }
    const at = L.latLng(lat, lng)
    const metres = Math.max(0, radiusMiles ?? 0) * MILE_M
    if (!shapes.current) {
      shapes.current = {
        circle: L.circle(at, {
          radius: metres,
          color: '#0f5fae',
          weight: 2,
          fillColor: '#1677d2',
          fillOpacity: 0.12,
          interactive: false,
        }).addTo(m),
        dot: L.circleMarker(at, { radius: 6, color: '#ffffff', weight: 2, fillColor: '#0f5fae', fillOpacity: 1, interactive: false }).addTo(
          m,
        ),
      }
    } else {
      shapes.current.circle.setLatLng(at).setRadius(metres)
      shapes.current.dot.setLatLng(at)
    }
    // show the area the scan will cover: the circle fills the map (a click on a country-wide view zooms in)
    if (metres > 0) m.fitBounds(at.toBounds(metres * 2), { padding: [16, 16], maxZoom: 15 })
    else if (!m.getBounds().contains(at)) m.panTo(at)
  }, [lat, lng, radiusMiles, mode])

  // polygon mode: a dot per corner (the first one larger: click near it to see where the shape closes) and the
  // shape itself, closed back to the first corner once it has three. Redrawn from the corners on every change.
  const key = mode === 'polygon' ? vertices.map((v) => `${v.lat},${v.lng}`).join(' ') : ''
  useEffect(() => {
    const group = drawn.current
    if (!group) return
    group.clearLayers()
    if (mode !== 'polygon' || !key) return
    const pts = key.split(' ').map((p) => p.split(',').map(Number) as [number, number])
    const color = invalid ? '#b91c1c' : '#0f5fae'
    if (pts.length >= 3)
      L.polygon(pts, { color, weight: 2, fillColor: invalid ? '#ef4444' : '#1677d2', fillOpacity: 0.15, interactive: false }).addTo(group)
    else if (pts.length === 2) L.polyline(pts, { color, weight: 2, interactive: false }).addTo(group)
    pts.forEach((p, i) =>
      L.circleMarker(p, {
        radius: i === 0 ? 7 : 5,
        color: '#ffffff',
        weight: 2,
        fillColor: color,
        fillOpacity: 1,
        interactive: false,
      }).addTo(group),
    )
  }, [key, mode, invalid])

  return (
    <div
      ref={el}
      className="h-full w-full cursor-crosshair"
      style={{ background: tilesUrl ? undefined : '#eef2f6' }}
      role="region"
      aria-label={mode === 'polygon' ? 'Map: click to add a corner of the area to scan' : 'Map: click to set the centre of the scan'}
      data-testid="scan-area-map"
      data-mode={mode}
      data-vertices={mode === 'polygon' ? vertices.length : undefined}
    />
  )
}

const round = (n: number) => Math.round(n * 1e5) / 1e5
const wrapLng = (lng: number) => ((((lng + 180) % 360) + 360) % 360) - 180
