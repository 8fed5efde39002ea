// Billing journeys on the live stack (tests/e2e/live-stack.ts): Stripe, Regrid, Mapbox and Anthropic take their
// REAL paths against local fakes, so a scan's quality leads are live data (billed) and the plan changes only when
// the Stripe simulator's signed webhooks arrive. What the browser cannot do itself is done as the outside world
// would: the Stripe simulator's control API declines a card or renews a period, and time passing is a rewrite of
// the stored dunning date followed by the operator's `fm billing dunning` (the daily job's work, run now).
//
// 1. new owner (trial, no card) → 5 free quality leads and 14 days → a live scan hits the trial limit → upgrade
//    through Checkout → billing page shows the plan, usage and cap → cap set low → the re-run quality leads are
//    refused with the cap message → cap raised → they are billed.
// 2. paid owner → a renewal payment fails → past due (full access) → day 7: read-only (a scan is refused, the CSV
//    export still works) → the owner updates the card and pays in the portal → active.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import pg from 'pg'
import { expect, test, type Page } from '@playwright/test'
import { newAccount, signUpThroughUi, verifyEmailThroughMailbox, type NewAccount } from '../helpers/accounts'
import { readLiveStack, type LiveStackInfo } from '../helpers/live-stack-info'
import { DESKTOP, shoot } from '../helpers/demo'

const run = promisify(execFile)
let stack: LiveStackInfo
let db: pg.Client

test.beforeAll(async () => {
  stack = readLiveStack()
  db = new pg.Client({ connectionString: stack.databaseUrl })
  await db.connect()
})
test.afterAll(async () => {
  await db?.end()
})

async function control(path: string, body: unknown = {}) {
  const res = await fetch(`${stack.stripeUrl}/__control/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status, `Stripe simulator ${path}`).toBeLessThan(300)
  return res.json().catch(() => ({}))
}

async function account(slug: string) {
  const { rows } = await db.query<{
    state: string
    plan: string
    stripe_customer_id: string | null
    stripe_subscription_id: string | null
    spend_cap_cents: number
  }>(
    `SELECT b.state, o.plan, b.stripe_customer_id, b.stripe_subscription_id, b.spend_cap_cents
       FROM billing_accounts b JOIN organizations o ON o.id = b.org_id WHERE o.slug = $1`,
    [slug],
  )
  return rows[0]!
}

/** sign up through the UI, confirm the email, land in the new (trial) org */
async function newOwner(page: Page, prefix: string): Promise<NewAccount> {
  const owner = newAccount(prefix)
  await signUpThroughUi(page, owner)
  await verifyEmailThroughMailbox(page, owner.email)
  await page.goto(`/${owner.slug}`)
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${owner.firstName}` })).toBeVisible()
  return owner
}

/** a live ZIP scan of `cap` properties through the scan form, waited for until it finishes */
async function runLiveScan(page: Page, slug: string, cap: number): Promise<string> {
  await page.goto(`/${slug}/scans/new`)
  await page.getByText('ZIP code', { exact: true }).click()
  await page.getByRole('textbox', { name: 'ZIP code' }).fill('78701')
  await page.getByLabel('Property cap').fill(String(cap))
  await page.getByRole('button', { name: 'Estimate' }).click()
  const estimate = page.getByTestId('scan-estimate')
  await expect(estimate).toContainText('ZIP 78701')
  await expect(estimate).not.toContainText('Sandbox')
  await page.getByRole('button', { name: 'Run scan' }).click()
  await page.waitForURL(new RegExp(`/${slug}/scans/[0-9a-f-]{36}$`))
  await expect(page.getByRole('progressbar', { name: 'Scan progress' })).toHaveAttribute('aria-valuenow', '100', { timeout: 120_000 })
  return page.url()
}

/** Checkout on the Stripe simulator's hosted page; back on the billing page once the webhooks made it Professional */
async function upgradeThroughCheckout(page: Page, slug: string) {
  await page.goto(`/${slug}/settings/billing`)
  await page.getByRole('button', { name: 'Upgrade to Professional' }).click()
  await page.waitForURL((u) => u.href.startsWith(stack.stripeUrl))
  await page.getByRole('button', { name: 'Pay' }).click()
  await page.waitForURL((u) => u.pathname === `/${slug}/settings/billing`)
  // the redirect itself changes nothing: the plan appears when the webhooks have been processed
  await expect
    .poll(async () => (await account(slug)).plan, { timeout: 30_000, message: 'the Stripe webhooks made the org Professional' })
    .toBe('PROFESSIONAL')
  await page.reload()
  await expect(page.getByRole('heading', { level: 2, name: 'Professional plan' })).toBeVisible()
}

async function setCap(page: Page, dollars: number) {
  const form = page.getByRole('form', { name: 'Monthly spend cap' })
  await form.getByLabel('Monthly spend cap (US dollars)').fill(String(dollars))
  await form.getByRole('button', { name: /save/i }).click()
  await expect.poll(async () => (await account(page.url().split('/')[3]!)).spend_cap_cents).toBe(dollars * 100)
}

test('trial → 5 free quality leads → trial limit → Checkout → plan, usage and cap → cap refuses → cap raised', async ({ browser }) => {
  test.setTimeout(300_000)
  const ctx = await browser.newContext({ viewport: DESKTOP, extraHTTPHeaders: { 'x-forwarded-for': '10.91.0.1' } })
  const page = await ctx.newPage()
  const owner = await newOwner(page, 'bill')
  const slug = owner.slug

  // the trial: no card, 14 days, 5 free quality leads
  await page.goto(`/${slug}/settings/billing`)
  await expect(page.getByRole('heading', { level: 2, name: 'Trial plan' })).toBeVisible()
  await expect(page.getByText('14 days left')).toBeVisible()
  await expect(page.getByText('5 of 5 left')).toBeVisible()
  await shoot(page, 'billing-trial')

  // a live scan of 10 worn roofs: 5 quality leads are free, the rest hit the trial limit (the property keeps its
  // image and assessment: nothing is fetched again when it is re-run)
  const scanUrl = await runLiveScan(page, slug, 10)
  await expect(page.getByText(/free quality leads are used/).first()).toBeVisible()
  const { rows: scored } = await db.query<{ free: number; failed: number }>(
    `SELECT (SELECT count(*)::int FROM usage_events u JOIN organizations o ON o.id = u.org_id WHERE o.slug = $1 AND u.free) AS free,
            (SELECT count(*)::int FROM scan_properties p JOIN organizations o ON o.id = p.org_id WHERE o.slug = $1 AND p.status = 'FAILED') AS failed`,
    [slug],
  )
  expect(scored[0]).toEqual({ free: 5, failed: 5 })
  await shoot(page, 'scan-trial-limit')
  await page.goto(`/${slug}/settings/billing`)
  await expect(page.getByText('0 of 5 left')).toBeVisible()

  // upgrade through Stripe Checkout: the plan changes only from the webhooks
  await upgradeThroughCheckout(page, slug)
  const paid = await account(slug)
  expect(paid).toMatchObject({ state: 'ACTIVE', plan: 'PROFESSIONAL', spend_cap_cents: 50_000 })
  expect(paid.stripe_subscription_id).toMatch(/^sub_/)
  await expect(page.getByRole('heading', { level: 2, name: /usage/i })).toBeVisible()
  await expect(page.getByRole('form', { name: 'Monthly spend cap' })).toBeVisible()
  await shoot(page, 'billing-professional')

  // a cap lower than one quality lead ($1.13): the re-run quality leads are refused with the cap message
  await setCap(page, 1)
  await page.goto(scanUrl)
  await page.getByRole('button', { name: /Re-run 5 failed properties/ }).click()
  await expect(page.getByText(/would pass your monthly spend cap/).first()).toBeVisible({ timeout: 60_000 })
  await expect
    .poll(async () => {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM scan_properties p JOIN organizations o ON o.id = p.org_id
          WHERE o.slug = $1 AND p.status = 'FAILED' AND p.last_error LIKE '%spend cap%'`,
        [slug],
      )
      return rows[0]!.n
    })
    .toBe(5)
  await shoot(page, 'scan-spend-cap')

  // raised: the same properties are scored and billed ($1.13 each), once
  await page.goto(`/${slug}/settings/billing`)
  await setCap(page, 500)
  await page.goto(scanUrl)
  await page.getByRole('button', { name: /Re-run 5 failed properties/ }).click()
  await expect(page.getByRole('progressbar', { name: 'Scan progress' })).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 })
  await expect
    .poll(async () => {
      const { rows } = await db.query<{ n: number; cents: number }>(
        `SELECT count(*)::int AS n, COALESCE(sum(amount_cents), 0)::int AS cents FROM usage_events u JOIN organizations o ON o.id = u.org_id
          WHERE o.slug = $1 AND u.billable`,
        [slug],
      )
      return rows[0]
    })
    .toEqual({ n: 5, cents: 565 })
  await page.goto(`/${slug}/settings/billing`)
  await expect(page.getByRole('table', { name: 'Usage by type this period' })).toContainText('$5.65')
  await shoot(page, 'billing-usage')
  await ctx.close()
})

test('a failed renewal: past due (full access) → day 7 read-only (no scans, export works) → paid in the portal → active', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const ctx = await browser.newContext({ viewport: DESKTOP, extraHTTPHeaders: { 'x-forwarded-for': '10.91.0.2' } })
  const page = await ctx.newPage()
  const { slug } = await newOwner(page, 'dun')
  await upgradeThroughCheckout(page, slug)
  const paid = await account(slug)

  // the card now declines: the renewal (and the day-7 retry) fail
  await control('fail-next-payment', { customer: paid.stripe_customer_id, count: 2 })
  await control(`subscriptions/${paid.stripe_subscription_id}/renew`)
  await expect.poll(async () => (await account(slug)).state, { timeout: 30_000 }).toBe('PAST_DUE')
  await page.goto(`/${slug}/settings/billing`)
  await expect(page.getByText('Your last payment failed', { exact: true })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Billing' })).toBeVisible()
  await shoot(page, 'billing-past-due')
  // full access while past due: the scan form still estimates
  await page.goto(`/${slug}/scans/new`)
  await expect(page.getByRole('heading', { level: 1, name: 'New scan' })).toBeVisible()

  // a week passes: the dunning clock's day-7 step retries (declined) and makes the account read-only
  await db.query(
    `UPDATE billing_accounts SET past_due_since = past_due_since - interval '7 days'
      WHERE org_id = (SELECT id FROM organizations WHERE slug = $1)`,
    [slug],
  )
  const fm = await run('npx', ['tsx', '--conditions=react-server', 'scripts/fm.ts', 'billing', 'dunning', '--org', slug], {
    env: { ...process.env, ...stack.env, DATABASE_URL: stack.databaseUrl, LOG_LEVEL: 'warn' },
  })
  expect(fm.stdout).toContain(`${slug}: READ_ONLY (day 7 step, retry declined)`)
  await page.goto(`/${slug}/settings/billing`)
  await expect(page.getByText('Your account is read-only: the last invoice is unpaid')).toBeVisible()
  await shoot(page, 'billing-read-only')

  // read-only: a scan is refused with the reason and a way to fix it; the CSV export still works
  await page.goto(`/${slug}/scans/new`)
  await page.getByText('ZIP code', { exact: true }).click()
  await page.getByRole('textbox', { name: 'ZIP code' }).fill('78701')
  await page.getByLabel('Property cap').fill('10')
  await page.getByRole('button', { name: 'Estimate' }).click()
  // the estimate is shown (reading is never blocked); running is refused
  await expect(page.getByTestId('scan-estimate')).toContainText('ZIP 78701')
  await page.getByRole('button', { name: 'Run scan' }).click()
  await expect(page.getByText(/read-only until the overdue invoice is paid/).first()).toBeVisible()
  await expect(page.getByRole('link', { name: /billing/i }).first()).toBeVisible()
  await shoot(page, 'scan-refused-read-only')
  const exported = await page.request.get(`/${slug}/leads/export`)
  expect(exported.status()).toBe(200)
  expect(exported.headers()['content-type']).toMatch(/text\/csv/)

  // the owner updates the card and pays the open invoice in the customer portal → active at once
  await page.goto(`/${slug}/settings/billing`)
  await page.getByRole('button', { name: 'Update card and see receipts' }).click()
  await page.waitForURL((u) => u.href.startsWith(stack.stripeUrl))
  await page.getByRole('button', { name: 'Update card' }).click()
  await page.getByRole('button', { name: /^Pay / }).first().click()
  await expect.poll(async () => (await account(slug)).state, { timeout: 30_000 }).toBe('ACTIVE')
  await page.goto(`/${slug}/settings/billing`)
  await expect(page.getByText('Your account is read-only: the last invoice is unpaid')).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 2, name: 'Professional plan' })).toBeVisible()
  await shoot(page, 'billing-active-again')
  await ctx.close()
})
