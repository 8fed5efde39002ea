// Turns a login ticket into the browser's session cookie via next-auth (server actions only: it needs the
// request scope), and clears it on sign-out.
import 'server-only'
import { signIn, signOut } from '@/lib/auth/next-auth'

export async function setBrowserSession({ ticket }: { ticket: string }): Promise<void> {
  await signIn('credentials', { ticket, redirect: false })
}

export async function clearBrowserSession(): Promise<void> {
  await signOut({ redirect: false })
}
