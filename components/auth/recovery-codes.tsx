'use client'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Alert } from '@/components/ui/feedback'

/** Recovery codes, shown once: copy or download them now. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false)
  const text = codes.join('\n')
  return (
    <div className="space-y-3">
      <Alert tone="warning" title="Save your recovery codes now">
        Each code signs you in once if you lose your phone. They are shown only this time.
      </Alert>
      <ol
        className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 bg-slate-50 p-4 font-mono text-sm"
        aria-label="Recovery codes"
      >
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="secondary"
          size="sm"
          onClick={async () => {
            await navigator.clipboard?.writeText(text)
            setCopied(true)
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <a
          className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-100"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(`Fish Mouth recovery codes\n\n${text}\n`)}`}
          download="fish-mouth-recovery-codes.txt"
        >
          Download
        </a>
        <Button type="button" size="sm" onClick={onDone}>
          I saved them
        </Button>
      </div>
    </div>
  )
}
