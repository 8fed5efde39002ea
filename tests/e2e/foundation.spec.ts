// Foundation journeys through the real UI (issue "Foundation", item 10): sign-up + verification, invitation,
// role downgrade, password reset, lockout. Emails are read from the dev mailbox; every account is unique per
// run, so reruns pass on the same database.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import {
  createVerifiedAccount,
  latestEmail,
  linkIn,
  newAccount,
  signInThroughUi,
  signUpThroughUi,
  uniq,
  verifyEmailThroughMailbox,
} from './helpers/accounts'

/** The demo owner of prisma/seed.ts; only read-only use here (its password and roles never change). */
const DEMO_OWNER = { email: 'owner@demo.fishmouth.test', password: 'FishMouth-demo-2026' }

const atOrg = (slug: string, rest = '') => new RegExp(`/${slug}${rest}$`)

/** Sign-in form submissions are server actions (POST to /sign-in with a Next-Action header). */
const isSignInAction = (r: { request(): { method(): string; headers(): Record<string, string> }; url(): string }) =>
  r.request().method() === 'POST' && !!r.request().headers()['next-action'] && new URL(r.url()).pathname === '/sign-in'

test.describe.serial('an owner signs up, invites a manager, then downgrades them', () => {
  const owner = newAccount('owner', 'Olga')
  const member = {
    name: 'Manny Manager',
    firstName: 'Manny',
    email: `${uniq('manager')}@e2e.fishmouth.test`,
    password: 'Flashing-Valley-2026!',
  }
  let ownerCtx: BrowserContext
  let ownerPage: Page
  let memberCtx: BrowserContext
  let memberPage: Page

  test.beforeAll(async ({ browser }) => {
    ownerCtx = await browser.newContext()
    ownerPage = await ownerCtx.newPage()
  })
  test.afterAll(async () => {
    await ownerCtx?.close()
    await memberCtx?.close()
  })

  test('1. sign up → verification email in the dev mailbox → verified → lands in the new org', async () => {
    const page = ownerPage
    await signUpThroughUi(page, owner)

    // unverified: the organization stays closed
    await page.goto(`/${owner.slug}`)
    await page.waitForURL('**/verify-email')

    await verifyEmailThroughMailbox(page, owner.email)
    await page.getByRole('link', { name: 'Continue to Fish Mouth' }).click()
    await page.waitForURL('**/orgs')
    await page.getByRole('link', { name: new RegExp(owner.companyName) }).click()
    await page.waitForURL(atOrg(owner.slug))
    await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${owner.firstName}` })).toBeVisible()
    await expect(page.getByText(owner.companyName).first()).toBeVisible()
  })

  test('2. invite a MANAGER → invite email → a new browser creates the account → in the org as MANAGER', async ({ browser, request }) => {
    const page = ownerPage
    await page.goto(`/${owner.slug}/settings/members`)
    const form = page.getByRole('form', { name: 'Invite a member' })
    await form.getByLabel('Email address').fill(member.email)
    await form.getByLabel('Role').selectOption('MANAGER')
    await form.getByRole('button', { name: 'Send invitation' }).click()
    await expect(form.getByText(`Invitation sent to ${member.email}`)).toBeVisible()
    await expect(page.getByRole('region', { name: 'Pending invitations' })).toContainText(member.email)

    const mail = await latestEmail(request, { to: member.email, template: 'member-invite' })
    const inviteLink = linkIn(mail, '/invite/')

    memberCtx = await browser.newContext()
    memberPage = await memberCtx.newPage()
    const m = memberPage
    await m.goto(inviteLink)
    await expect(m.getByRole('heading', { level: 1, name: `Join ${owner.companyName}` })).toBeVisible()
    await expect(m.getByRole('main')).toContainText(`invited ${member.email} to join as Manager`)
    await m.getByLabel('Your name').fill(member.name)
    await m.getByLabel('Password', { exact: true }).fill(member.password)
    await m.getByRole('button', { name: 'Create account and join' }).click()
    await m.waitForURL(atOrg(owner.slug))
    await expect(m.getByRole('heading', { level: 1, name: `Welcome, ${member.firstName}` })).toBeVisible()

    // MANAGER powers: sees the invite form and the organization settings (org.settings.read)
    await m.goto(`/${owner.slug}/settings/members`)
    await expect(m.getByRole('row').filter({ hasText: member.email })).toContainText('Manager')
    await expect(m.getByRole('form', { name: 'Invite a member' })).toBeVisible()
    await m.goto(`/${owner.slug}/settings/organization`)
    await expect(m.getByRole('heading', { level: 1, name: 'Organization' })).toBeVisible()

    // the owner sees the new member (and the invitation is gone from the pending list)
    await page.reload()
    await expect(page.getByLabel(`Role of ${member.name}`)).toHaveValue('MANAGER')
    await expect(page.getByRole('region', { name: 'Pending invitations' })).not.toContainText(member.email)
  })

  test("3. downgrade to VIEWER revokes the member's sessions; after signing in again they have VIEWER powers", async () => {
    const page = ownerPage
    await page.goto(`/${owner.slug}/settings/members`)
    const roleSelect = page.getByLabel(`Role of ${member.name}`)
    await roleSelect.selectOption('VIEWER')
    await expect(page.getByText(`${member.name} is now Viewer.`)).toBeVisible()
    await page.reload()
    await expect(page.getByLabel(`Role of ${member.name}`)).toHaveValue('VIEWER')

    // the member's next navigation: their session was revoked by the downgrade → sign-in
    const m = memberPage
    await m.goto(`/${owner.slug}/settings/members`)
    await m.waitForURL(/\/sign-in\?next=/)
    await expect(m.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
    await signInThroughUi(m, member, '')
    // back on the page they asked for (the sign-in return path)
    await expect(m).toHaveURL(atOrg(owner.slug, '/settings/members'))

    // VIEWER powers: no invite form, the role badge says Viewer, organization settings answer 404
    await m.goto(`/${owner.slug}/settings/members`)
    await expect(m.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible()
    await expect(m.getByRole('row').filter({ hasText: member.email })).toContainText('Viewer')
    await expect(m.getByRole('form', { name: 'Invite a member' })).toHaveCount(0)
    await m.goto(`/${owner.slug}/settings/organization`)
    await expect(m.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  })
})

test('4. a password reset signs out the other sessions', async ({ browser, request }) => {
  const user = await createVerifiedAccount(browser, 'reset')
  const newPassword = 'Gutter-Guard-Summer-2027'
  const ctxA = await browser.newContext()
  const ctxB = await browser.newContext()
  try {
    const a = await ctxA.newPage()
    const b = await ctxB.newPage()
    await signInThroughUi(a, user)
    await signInThroughUi(b, user)
    await expect(a).toHaveURL(atOrg(user.slug))
    await expect(b).toHaveURL(atOrg(user.slug))

    // in A: forgot password → email → reset link → new password
    await a.goto('/forgot-password')
    await a.getByLabel('Email').fill(user.email)
    await a.getByRole('button', { name: 'Send reset link' }).click()
    await expect(a.getByRole('status').filter({ hasText: 'Check your inbox' })).toBeVisible()
    const mail = await latestEmail(request, { to: user.email, template: 'password-reset' })
    await a.goto(linkIn(mail, '/reset-password'))
    await expect(a.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible()
    await a.getByLabel('New password').fill(newPassword)
    await a.getByLabel('Confirm password').fill(newPassword)
    await a.getByRole('button', { name: 'Set new password' }).click()
    await a.waitForURL('**/sign-in?reset=1')
    await expect(a.getByText('Your password was changed. Sign in with the new one.')).toBeVisible()

    // B's next navigation is sent to sign-in
    await b.reload()
    await b.waitForURL(/\/sign-in\?next=/)
    await expect(b.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()

    // the new password works (and takes B back where it was)
    await signInThroughUi(b, { email: user.email, password: newPassword }, '')
    await expect(b).toHaveURL(atOrg(user.slug))
  } finally {
    await ctxA.close()
    await ctxB.close()
  }
})

test('5. five wrong passwords lock the account: the right one is refused with when to retry; the API answers 429', async ({
  browser,
  request,
}) => {
  const user = await createVerifiedAccount(browser, 'lockout')
  // a private client address (TEST-NET-3) so the per-IP lock this creates cannot block other journeys from 127.0.0.1
  const ip = `203.0.113.${1 + Math.floor(Math.random() * 254)}`
  const ctx = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': ip } })
  try {
    const page = await ctx.newPage()
    await page.goto('/sign-in')
    const badCredentials = page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' })
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel('Email').fill(user.email)
      await page.getByLabel('Password', { exact: true }).fill(`Wrong-password-${i}!`)
      await Promise.all([page.waitForResponse(isSignInAction), page.getByRole('button', { name: 'Sign in' }).click()])
      await expect(badCredentials).toBeVisible()
    }

    // the 6th attempt, with the RIGHT password, is refused and says when to retry
    await page.getByLabel('Password', { exact: true }).fill(user.password)
    await Promise.all([page.waitForResponse(isSignInAction), page.getByRole('button', { name: 'Sign in' }).click()])
    const paused = page.getByRole('alert').filter({ hasText: 'Sign-in is paused' })
    await expect(paused).toContainText(/Too many failed sign-in attempts\. Try again in \d+ minutes?\./)
    await expect(paused).toContainText(/You can try again at \d{1,2}:\d{2}/)
    await expect(paused.getByRole('link', { name: 'reset your password' })).toBeVisible()
    await expect(page).toHaveURL(/\/sign-in$/)

    // the JSON sign-in answers 429 + Retry-After for that account (from another address too: the lock is per account)
    const res = await request.post('/api/session', { data: { email: user.email, password: user.password } })
    expect(res.status()).toBe(429)
    const retryAfter = Number(res.headers()['retry-after'])
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)
    expect((await res.json()).error).toMatchObject({ code: 'RATE_LIMITED' })
  } finally {
    await ctx.close()
  }
})

test('members and security pages fit a 390 px phone screen (no sideways scrolling)', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } })
  try {
    const page = await ctx.newPage()
    await signInThroughUi(page, DEMO_OWNER)
    for (const [path, heading] of [
      ['/demo-roofing/settings/members', 'Members'],
      ['/account/security', 'Security'],
    ] as const) {
      await page.goto(path)
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }))
      expect(scrollWidth, `${path} is wider than the screen`).toBeLessThanOrEqual(clientWidth)
    }
  } finally {
    await ctx.close()
  }
})

// The foundation pages render at desktop and 390 px mobile; screenshots go to the test's output folder, or to
// E2E_SHOTS_DIR for a look: `E2E_SHOTS_DIR=/tmp/shots npx playwright test tests/e2e/foundation.spec.ts -g screenshots`.
test('screenshots of sign-up, sign-in, members and security', async ({ browser }) => {
  const dir = process.env.E2E_SHOTS_DIR ?? test.info().outputDir
  const demo = DEMO_OWNER
  for (const [name, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['mobile', { width: 390, height: 844 }],
  ] as const) {
    const ctx = await browser.newContext({ viewport })
    const page = await ctx.newPage()
    await page.goto('/sign-up')
    await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible()
    await page.screenshot({ path: `${dir}/sign-up-${name}.png`, fullPage: true })
    await page.goto('/sign-in')
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
    await page.screenshot({ path: `${dir}/sign-in-${name}.png`, fullPage: true })
    await signInThroughUi(page, demo, '')
    await page.goto('/demo-roofing/settings/members')
    await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible()
    await page.screenshot({ path: `${dir}/members-${name}.png`, fullPage: true })
    await page.goto('/account/security')
    await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible()
    await page.screenshot({ path: `${dir}/security-${name}.png`, fullPage: true })
    await ctx.close()
  }
})
