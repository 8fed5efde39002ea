// Journey helpers that go through the real UI. The only shortcut is the dev mailbox (FM_ENABLE_DEV_MAILBOX=1),
// which is how a developer reads emails in sandbox mode.
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test'

/** The password every account created by these journeys starts with (meets the policy: 12+ chars, not common). */
export const E2E_PASSWORD = 'Shingle-Ridge-2026!'

/** Unique per run and per call, so reruns pass on the same database. */
export function uniq(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`
}

export interface NewAccount {
  name: string
  firstName: string
  email: string
  password: string
  companyName: string
  slug: string
}

export function newAccount(prefix = 'owner', firstName = 'Olga'): NewAccount {
  const id = uniq(prefix)
  return {
    name: `${firstName} Roofer`,
    firstName,
    email: `${id}@e2e.fishmouth.test`,
    password: E2E_PASSWORD,
    companyName: `Ridge Line ${id}`,
    slug: `rl-${id}`.slice(0, 48).replace(/-$/, ''),
  }
}

/** The newest sandbox email of `template` to `to`, read from /dev/mailbox/latest (polls until it is there). */
export async function latestEmail(request: APIRequestContext, { to, template }: { to: string; template: string }) {
  let found: { subject: string; text: string; links: string[] } | null = null
  await expect
    .poll(
      async () => {
        const res = await request.get('/dev/mailbox/latest', { params: { to, template } })
        if (res.status() !== 200) return res.status()
        found = (await res.json()).data
        return 200
      },
      { message: `a "${template}" email to ${to} in the dev mailbox` },
    )
    .toBe(200)
  return found! as { subject: string; text: string; links: string[] }
}

/** The one link in an email whose path starts with `pathPrefix` (relative, so it works on any port). */
export function linkIn(email: { links: string[] }, pathPrefix: string): string {
  const link = email.links.map((l) => new URL(l)).find((u) => u.pathname.startsWith(pathPrefix))
  expect(link, `a ${pathPrefix}… link in the email`).toBeTruthy()
  return link!.pathname + link!.search
}

/** Fills and submits /sign-up; ends on /verify-email. */
export async function signUpThroughUi(page: Page, a: NewAccount): Promise<void> {
  await page.goto('/sign-up')
  await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible()
  await page.getByLabel('Your name').fill(a.name)
  await page.getByLabel('Work email').fill(a.email)
  await page.getByLabel('Password', { exact: true }).fill(a.password)
  await page.getByLabel('Company name').fill(a.companyName)
  await page.getByLabel('Your Fish Mouth address').fill(a.slug)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.waitForURL('**/verify-email')
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm your email' })).toBeVisible()
  await expect(page.getByRole('main')).toContainText(a.email)
}

/** Opens the verification email in the dev mailbox page and follows its link; ends on "Email confirmed". */
export async function verifyEmailThroughMailbox(page: Page, email: string): Promise<void> {
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`)
  const message = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Confirm your email for Fish Mouth' }) })
  await expect(message).toHaveCount(1)
  await message.getByRole('link', { name: /\/verify-email\// }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Email confirmed' })).toBeVisible()
}

/** A verified account with its own organization, created through the UI in a throw-away browser context. */
export async function createVerifiedAccount(browser: Browser, prefix: string): Promise<NewAccount> {
  const a = newAccount(prefix)
  const ctx = await browser.newContext()
  const page = await ctx.newPage()
  await signUpThroughUi(page, a)
  await verifyEmailThroughMailbox(page, a.email)
  await ctx.close()
  return a
}

/** Signs in through /sign-in and waits until the browser has left the sign-in page. */
export async function signInThroughUi(
  page: Page,
  { email, password }: { email: string; password: string },
  path = '/sign-in',
): Promise<void> {
  if (path) await page.goto(path)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'))
}
