// Journeys on the seeded demo org (prisma/seed.ts): its people, a direct database handle for checks, signing in
// in a fresh browser context, and screenshots at desktop and phone widths.
import pg from 'pg'
import { test, type Browser, type Page } from '@playwright/test'
import { E2E_DATABASE_URL } from '../../../playwright.config'

export const ORG = 'demo-roofing'
export const PASSWORD = 'FishMouth-demo-2026' // prisma/seed.ts DEMO_PASSWORD
export const MANAGER = 'manager@demo.fishmouth.test'
export const REP = 'rep@demo.fishmouth.test'
export const VIEWER = 'viewer@demo.fishmouth.test'
export const DESKTOP = { width: 1280, height: 900 }
export const PHONE = { width: 390, height: 844 }

/** The e2e database, connected for the spec's lifetime (registers its beforeAll/afterAll). */
export function demoDb() {
  let client: pg.Client | undefined
  test.beforeAll(async () => {
    client = new pg.Client({ connectionString: E2E_DATABASE_URL })
    await client.connect()
  })
  test.afterAll(async () => {
    await client?.end()
  })
  return {
    query: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => client!.query<R>(text, values),
  }
}

/** A fresh browser context per person, with its own client IP (the per-IP sign-in limits are not shared). */
export async function signedIn(browser: Browser, email: string, ip: string): Promise<Page> {
  const ctx = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': ip }, viewport: DESKTOP })
  const page = await ctx.newPage()
  await page.goto(`/sign-in?next=${encodeURIComponent(`/${ORG}`)}`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((u) => u.pathname === `/${ORG}`)
  await page.waitForLoadState('networkidle')
  return page
}

/** Full-page screenshots `<name>-desktop.png` and `<name>-phone.png` in the test's output folder. */
export async function shoot(page: Page, name: string) {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport)
    // from the top: a full-page shot of a scrolled page paints the sticky top bar mid-page
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.waitForTimeout(300) // Leaflet and the layout settle after a resize
    await page.screenshot({ path: test.info().outputPath(`${name}-${size}.png`), fullPage: true })
  }
  await page.setViewportSize(DESKTOP)
}
