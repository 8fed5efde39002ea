// Constants shared by next-auth's config and our own cookie minting, without importing NextAuth itself.
import 'server-only'

export const SESSION_MAX_AGE_S = 30 * 24 * 3600
