// Organization slugs are the first path segment of every signed-in URL (/<slug>/leads), so they must never
// shadow a top-level route. The DB CHECK (organizations_slug_format_chk) mirrors the format rule.

export const SLUG_MIN = 3
export const SLUG_MAX = 48
const SLUG_RE = /^[a-z0-9-]+$/

/** Every top-level route (present or planned) plus names that would confuse users or support. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  // app routes
  'admin',
  'api',
  'account',
  'accounts',
  'app',
  'auth',
  'dev',
  'help',
  'invite',
  'invites',
  'invitation',
  'orgs',
  'org',
  'pricing',
  'r',
  'sign-in',
  'sign-up',
  'sign-out',
  'signin',
  'signup',
  'signout',
  'login',
  'logout',
  'register',
  'verify-email',
  'forgot-password',
  'reset-password',
  'terms',
  'privacy',
  'cookies',
  'billing-terms',
  'billing',
  'status',
  'settings',
  'static',
  '_next',
  'public',
  'assets',
  'favicon.ico',
  'robots.txt',
  'sitemap.xml',
  'health',
  'ready',
  'metrics',
  'webhooks',
  'oauth',
  'callback',
  'onboarding',
  'dashboard',
  'new',
  'create',
  // marketing and support
  'www',
  'mail',
  'email',
  'support',
  'docs',
  'blog',
  'about',
  'contact',
  'careers',
  'jobs',
  'legal',
  'security',
  'press',
  'features',
  'customers',
  'changelog',
  'home',
  'index',
  'root',
  'system',
  'staff',
  'fishmouth',
  'fish-mouth',
  'null',
  'undefined',
  'test',
  'demo',
])

/** A human-readable problem with the slug, or null when it is acceptable. */
export function slugProblem(slug: string): string | null {
  if (typeof slug !== 'string' || slug.length === 0) return 'Choose a URL name'
  if (slug.length < SLUG_MIN) return `Use at least ${SLUG_MIN} characters`
  if (slug.length > SLUG_MAX) return `Use at most ${SLUG_MAX} characters`
  if (!SLUG_RE.test(slug)) return 'Use only lowercase letters, digits and hyphens'
  if (slug.startsWith('-') || slug.endsWith('-')) return 'Do not start or end with a hyphen'
  if (slug.includes('--')) return 'Do not use two hyphens in a row'
  if (RESERVED_SLUGS.has(slug)) return 'This name is reserved; choose another'
  return null
}

/** A valid slug derived from a company name ("Joe's Roofing & Sons, LLC" → "joes-roofing-sons-llc"). */
export function suggestSlug(name: string): string {
  let s = (name ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, '')
  if (s.length < SLUG_MIN) s = s ? `${s}-roofing` : 'my-roofing-co'
  while (RESERVED_SLUGS.has(s)) s = `${s}-co`
  return s
}
