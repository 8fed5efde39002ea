// The staff console through the real UI: its pages read through lib (staff actor, staff.console.read, every
// view audited) and a member who is not staff gets the 404 page, not a refusal that reveals the console.
import { expect, test, type Page } from '@playwright/test'
import { signInThroughUi } from './helpers/accounts'

const PASSWORD = 'FishMouth-demo-2026' // prisma/seed.ts DEMO_PASSWORD

async function signIn(page: Page, email: string, next: string) {
  await signInThroughUi(page, { email, password: PASSWORD }, `/sign-in?next=${encodeURIComponent(next)}`)
  await page.waitForLoadState('networkidle')
}

test('staff console: webhooks and jobs render for staff (desktop and phone); an org owner gets the 404 page', async ({ page }) => {
  await signIn(page, 'staff@fishmouth.test', '/admin/webhooks')
  await expect(page.getByRole('heading', { level: 1, name: 'Webhook events' })).toBeVisible()
  await page.screenshot({ path: test.info().outputPath(`admin-webhooks-desktop.png`), fullPage: true })
  await page.goto('/admin/jobs')
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs and dead letters' })).toBeVisible()
  await page.screenshot({ path: test.info().outputPath(`admin-jobs-desktop.png`), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/admin/webhooks')
  await expect(page.getByRole('heading', { level: 1, name: 'Webhook events' })).toBeVisible()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow, 'no sideways scrolling on a phone').toBeLessThanOrEqual(1)
  await page.screenshot({ path: test.info().outputPath(`admin-webhooks-phone.png`), fullPage: true })
  // the revenue console: metrics, failed payments, usage per org, credits and refunds (forms for STAFF_ADMIN)
  for (const [size, viewport] of [
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1280, height: 900 }],
  ] as const) {
    await page.setViewportSize(viewport)
    await page.goto('/admin/billing')
    await expect(page.getByRole('heading', { level: 1, name: 'Revenue' })).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: /Credits and refunds/ })).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: /Usage per organization/ })).toBeVisible()
    await page.screenshot({ path: test.info().outputPath(`admin-billing-${size}.png`), fullPage: true })
  }

  await page.context().clearCookies()
  await signIn(page, 'owner@demo.fishmouth.test', '/demo-roofing')
  const res = await page.goto('/admin/jobs')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found')
  expect([200, 404]).toContain(res?.status())
})
