'use client'
// Calls the auth area's sign-out action (revokes the registry session, clears the cookie), then leaves.
import { useTransition } from 'react'
import type { ActionFn } from '@/lib/action-result'

type SignOut = ActionFn<Record<string, never>, { redirectTo: string }>

export function SignOutButton({ signOut }: { signOut: SignOut }) {
  const [pending, start] = useTransition()
  return (
    <button
      type="button"
      disabled={pending}
      className="w-full text-left text-sm text-red-700 hover:underline disabled:opacity-50"
      onClick={() =>
        start(async () => {
          const r = await signOut({})
          window.location.assign(r.ok ? r.data.redirectTo : '/sign-in')
        })
      }
    >
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  )
}
