'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { Button } from '@/components/ui/button'
import { Badge, EmptyState, ErrorNotice } from '@/components/ui/feedback'
import type { ActionError, ActionResult } from '@/lib/action-result'

export interface SessionItem {
  id: string
  userAgent: string | null
  ip: string | null
  createdAt: string
  lastSeenAt: string
  rememberMe: boolean
  current: boolean
}

/** "Chrome on macOS" from a user-agent string (good enough for recognising your own devices). */
export function describeDevice(ua: string | null): string {
  if (!ua) return 'Unknown device'
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null
  const os = /iPhone|iPad/.test(ua)
    ? 'iOS'
    : /Android/.test(ua)
      ? 'Android'
      : /Mac OS X/.test(ua)
        ? 'macOS'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Linux/.test(ua)
            ? 'Linux'
            : null
  if (browser && os) return `${browser} on ${os}`
  return browser ?? os ?? ua.slice(0, 60)
}

const when = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })

export function SessionsList({
  sessions,
  revoke,
  signOutEverywhere,
}: {
  sessions: SessionItem[]
  revoke: (input: { sessionId: string }) => Promise<ActionResult<{ signedOutHere: boolean }>>
  signOutEverywhere: (input: Record<string, never>) => Promise<ActionResult<{ revoked: number; redirectTo: string }>>
}) {
  const router = useRouter()
  const [pendingId, setPendingId] = useState<string | null>(null)
  const [error, setError] = useState<ActionError | null>(null)
  const [confirmAll, setConfirmAll] = useState(false)

  async function onRevoke(id: string) {
    setPendingId(id)
    setError(null)
    const r = await revoke({ sessionId: id })
    setPendingId(null)
    if (!r.ok) return setError(r.error)
    if (r.data.signedOutHere) window.location.assign('/sign-in')
    else router.refresh()
  }

  async function onSignOutEverywhere() {
    setPendingId('all')
    const r = await signOutEverywhere({})
    if (r.ok) window.location.assign(r.data.redirectTo)
    else {
      setPendingId(null)
      setError(r.error)
    }
  }

  return (
    <div className="space-y-4">
      {error && <ErrorNotice error={error} />}
      {sessions.length === 0 ? (
        <EmptyState title="No other active sessions" />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
              <div className="min-w-0">
                <p className="flex items-center gap-2 font-medium">
                  {describeDevice(s.userAgent)}
                  {s.current && <Badge className="bg-emerald-100 text-emerald-800">This device</Badge>}
                  {s.rememberMe && <Badge>Remembered</Badge>}
                </p>
                <p className="mt-0.5 text-xs text-slate-500">
                  IP {s.ip ?? 'unknown'} · signed in {when(s.createdAt)} · last seen {when(s.lastSeenAt)}
                </p>
                {s.userAgent && (
                  <p className="mt-0.5 truncate text-xs text-slate-400" title={s.userAgent}>
                    {s.userAgent}
                  </p>
                )}
              </div>
              <Button
                type="button"
                variant="secondary"
                size="sm"
                loading={pendingId === s.id}
                disabled={pendingId !== null}
                onClick={() => onRevoke(s.id)}
                aria-label={`Sign out ${describeDevice(s.userAgent)}${s.current ? ' (this device)' : ''}`}
              >
                Sign out
              </Button>
            </li>
          ))}
        </ul>
      )}
      {confirmAll ? (
        <div role="alertdialog" aria-labelledby="soe-title" className="rounded-md border border-red-200 bg-red-50 p-4">
          <p id="soe-title" className="text-sm font-medium text-red-900">
            Sign out of every device, including this one?
          </p>
          <div className="mt-3 flex gap-2">
            <Button type="button" variant="danger" size="sm" loading={pendingId === 'all'} onClick={onSignOutEverywhere}>
              Yes, sign out everywhere
            </Button>
            <Button type="button" variant="secondary" size="sm" onClick={() => setConfirmAll(false)} disabled={pendingId === 'all'}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Button type="button" variant="danger" onClick={() => setConfirmAll(true)}>
          Sign out everywhere
        </Button>
      )}
    </div>
  )
}
