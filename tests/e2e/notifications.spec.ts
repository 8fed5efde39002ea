// HOT-lead alerts through the real UI on the seeded demo org: two notifications.hot-lead jobs (what the scan
// pipeline enqueues when a lead turns HOT) are worked by the e2e worker; the manager's bell shows the count, the
// panel lists them, opening one goes to the lead and marks it read, "Mark all read" empties the count, the page
// filters unread; the email is in the dev mailbox; a rep gets nothing. Screenshots at 1280 and 390 px.
import pg from 'pg'
import PgBoss from 'pg-boss'
import { expect, test, type Page } from '@playwright/test'
import { E2E_DATABASE_URL } from '../../playwright.config'
import { latestEmail } from './helpers/accounts'

const ORG = 'demo-roofing'
const PASSWORD = 'FishMouth-demo-2026' // prisma/seed.ts DEMO_PASSWORD
const MANAGER = 'manager@demo.fishmouth.test'
const REP = 'rep@demo.fishmouth.test'
const SHOTS = '/tmp/shots'

let db: pg.Client
let leads: Array<{ id: string; org_id: string; address_line1: string }> = []

test.beforeAll(async () => {
  db = new pg.Client({ connectionString: E2E_DATABASE_URL })
  await db.connect()
  const r = await db.query<{ id: string; org_id: string; address_line1: string }>(
    `SELECT l.id, l.org_id, l.address_line1 FROM leads l JOIN organizations o ON o.id = l.org_id
      WHERE o.slug = $1 AND l.band = 'HOT' AND l.deleted_at IS NULL ORDER BY l.score DESC, l.id LIMIT 2`,
    [ORG],
  )
  leads = r.rows
  expect(leads).toHaveLength(2)
  const boss = new PgBoss({ connectionString: E2E_DATABASE_URL, schema: 'pgboss', max: 1 })
  await boss.start()
  for (const l of leads) await boss.send('notifications.hot-lead', { leadId: l.id, orgId: l.org_id }, { singletonKey: l.id })
  await boss.stop({ graceful: true, wait: true })
})

test.afterAll(async () => {
  await db?.end()
})

async function signIn(page: Page, email: string) {
  await page.goto(`/sign-in?next=${encodeURIComponent(`/${ORG}/leads`)}`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((u) => u.pathname === `/${ORG}/leads`)
  await page.waitForLoadState('networkidle')
}

const bell = (page: Page) => page.getByRole('button', { name: /^Notifications, \d+ unread$/ })

test('HOT-lead alerts: bell, panel, open one, mark all read, page, email; a rep gets none', async ({ page, request }) => {
  await signIn(page, MANAGER)
  // the worker picks the jobs up within seconds ("within a minute"); reload until the bell counts them
  await expect
    .poll(
      async () => {
        await page.reload()
        return bell(page).getAttribute('aria-label')
      },
      { timeout: 60_000, message: 'the bell to count the HOT-lead alerts' },
    )
    .toBe('Notifications, 2 unread')

  await bell(page).click()
  const panel = page.getByRole('region', { name: 'Notifications' })
  await expect(panel.getByRole('link', { name: new RegExp(`HOT lead: ${leads[0]!.address_line1}`) })).toBeVisible()
  await expect(panel.getByRole('listitem')).toHaveCount(2)
  await page.screenshot({ path: `${SHOTS}/notifications-bell-desktop.png` })
  // Escape closes and returns focus to the bell
  await page.keyboard.press('Escape')
  await expect(panel).toBeHidden()
  await expect(bell(page)).toBeFocused()

  // opening one goes to the lead and marks it read
  await bell(page).click()
  await panel.getByRole('link', { name: new RegExp(`HOT lead: ${leads[0]!.address_line1}`) }).click()
  await page.waitForURL((u) => u.pathname === `/${ORG}/leads/${leads[0]!.id}`)
  await expect(page.getByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible()
  // the bell counts down at once; the mark-read call lands on the server in the background
  await expect
    .poll(async () => {
      const r = await db.query(
        `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = $1 AND n.read_at IS NULL`,
        [MANAGER],
      )
      return r.rows[0].n
    })
    .toBe(1)

  // the page: all, unread filter; screenshots at both widths
  await page.goto(`/${ORG}/notifications`)
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Notifications' }).getByRole('listitem')).toHaveCount(2)
  await page.screenshot({ path: `${SHOTS}/notifications-page-desktop.png`, fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.reload()
  await page.screenshot({ path: `${SHOTS}/notifications-page-mobile.png`, fullPage: true })
  await bell(page).click()
  await expect(panel).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/notifications-bell-mobile.png` })
  await panel.getByRole('button', { name: 'Mark all read' }).click()
  await expect(page.getByRole('button', { name: 'Notifications, 0 unread' })).toBeVisible()
  await page.keyboard.press('Escape')
  await page.getByRole('link', { name: 'Unread', exact: true }).click()
  await expect(page.getByText("You're all caught up")).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/notifications-empty-mobile.png`, fullPage: true })
  await page.setViewportSize({ width: 1280, height: 800 })

  // the email, in the sandbox mailbox
  const email = await latestEmail(request, { to: MANAGER, template: 'lead-hot' })
  expect(email.subject).toMatch(/^HOT lead: /)
  expect(email.links.some((l) => new URL(l).pathname.startsWith(`/${ORG}/leads/`))).toBe(true)

  // a rep gets no HOT-lead alert
  await page.context().clearCookies()
  await signIn(page, REP)
  await expect(page.getByRole('button', { name: 'Notifications, 0 unread' })).toBeVisible()
  const r = await db.query(
    `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = $1 AND n.kind = 'lead.hot'`,
    [REP],
  )
  expect(r.rows[0].n).toBe(0)
})
