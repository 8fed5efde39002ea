// next-auth only mints/clears the session cookie; all sign-in rules live in lib/auth (see lib/auth/next-auth.ts).
import { handlers } from '@/lib/auth/next-auth'

export const { GET, POST } = handlers
