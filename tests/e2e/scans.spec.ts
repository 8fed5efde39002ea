// The scan journey through the real UI on the seeded demo org (sandbox providers; the job worker is started for
// the whole run by tests/e2e/worker-setup.ts): the manager draws a radius on the map, sees the estimate (with
// the sandbox warning), runs the scan, watches it reach 100 % without reloading, then opens the leads filtered
// by this scan and one of them. A rep sees no Scans nav and no scan button; a viewer gets 404 on the new-scan
// page; an unknown scan id is 404. Screenshots at 1280 and 390 px wide.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { MANAGER, ORG, REP, VIEWER, shoot, signedIn, demoDb } from './helpers/demo'

const db = demoDb()

/** Every visible form control has an accessible name (no axe in this project: checked by hand). */
async function expectLabelledControls(page: Page, scope: string) {
  const unnamed = await page.locator(`${scope} :is(input, select, textarea, button)`).evaluateAll((els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null || (el as HTMLInputElement).type === 'radio')
      .filter((el) => {
        const e = el as HTMLInputElement
        const labelled = (e.labels?.length ?? 0) > 0 || !!e.getAttribute('aria-label') || !!e.getAttribute('aria-labelledby')
        return !labelled && !(e.tagName === 'BUTTON' && e.textContent?.trim())
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  )
  expect(unnamed).toEqual([])
}

test('manager: draw a radius → estimate → run → live progress to 100 % → the scan’s leads', async ({ browser }) => {
  test.setTimeout(240_000)
  const page = await signedIn(browser, MANAGER, '10.77.0.1')

  // the dashboard's call to action and the nav both lead to scans
  await expect(page.getByRole('link', { name: 'Run a scan' })).toHaveAttribute('href', `/${ORG}/scans/new`)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scans' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Scans' })).toBeVisible()
  await page
    .getByRole('link', { name: /New scan|Run your first scan/ })
    .first()
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'New scan' })).toBeVisible()

  // the browser checks the form first: no centre yet, cap out of range → messages next to the fields
  await page.getByLabel('Property cap').fill('5')
  await page.getByRole('button', { name: 'Estimate' }).click()
  await expect(page.locator('#scan-lat-error')).toContainText('Click the map')
  await expect(page.locator('#scan-propertyCap-error')).toContainText('from 10 to 1,000')

  // draw: click the map for the centre, then set the radius
  const map = page.getByTestId('scan-area-map')
  await expect(map.locator('.leaflet-container, .leaflet-pane').first()).toBeAttached()
  const box = (await map.boundingBox())!
  await map.click({ position: { x: box.width / 2, y: box.height / 2 } })
  await expect(page.getByLabel('Centre latitude')).not.toHaveValue('')
  await expect(page.getByLabel('Centre longitude')).not.toHaveValue('')
  await page.getByLabel('Radius (miles)').fill('3')
  await expect(map.locator('path.leaflet-interactive, path').first()).toBeAttached() // the circle is drawn
  await page.getByLabel('Property cap').fill('10')
  await expectLabelledControls(page, 'form[aria-label="New scan"]')

  await page.getByRole('button', { name: 'Estimate' }).click()
  const estimate = page.getByTestId('scan-estimate')
  await expect(estimate).toBeVisible()
  await expect(estimate.getByText('Properties expected')).toBeVisible()
  await expect(estimate.getByRole('list', { name: 'Warnings' })).toContainText('Sandbox')
  await expect(estimate.getByRole('table')).toContainText('AI roof analysis')
  await expect(page.getByTestId('scan-estimate-total')).toHaveText('$0.00')
  await shoot(page, 'scan-form-estimate')

  // changing the area drops the estimate: a scan runs only with the estimate just seen
  await page.getByLabel('Radius (miles)').fill('2')
  await expect(estimate).toHaveCount(0)
  await page.getByRole('button', { name: 'Estimate' }).click()
  await expect(estimate).toBeVisible()

  await page.getByRole('button', { name: 'Run scan' }).click()
  await page.waitForURL(new RegExp(`/${ORG}/scans/[0-9a-f-]{36}$`))
  const scanId = page.url().split('/').pop()!
  await expect(page.getByRole('progressbar', { name: 'Scan progress' })).toBeVisible()
  // live progress WITHOUT reloading: this marker would be gone after a navigation or reload
  await page.evaluate(() => ((window as unknown as { __scanPageMarker: number }).__scanPageMarker = 1))
  await shoot(page, 'scan-running')

  await expect(page.getByRole('progressbar', { name: 'Scan progress' })).toHaveAttribute('aria-valuenow', '100', { timeout: 150_000 })
  await expect(page.locator('header').getByText('Completed')).toBeVisible({ timeout: 30_000 })
  expect(await page.evaluate(() => (window as unknown as { __scanPageMarker?: number }).__scanPageMarker)).toBe(1)
  await expect(page.getByTestId('scan-progress-text')).toContainText('10 of 10 properties processed')

  const { rows } = await db.query<{ done: number; needs_review: number; failed: number; sandbox: boolean; label: string }>(
    'SELECT done, needs_review, failed, sandbox, label FROM scans WHERE id = $1',
    [scanId],
  )
  expect(rows[0]).toMatchObject({ sandbox: true })
  expect(rows[0]!.done + rows[0]!.needs_review + rows[0]!.failed).toBe(10)
  expect(rows[0]!.done).toBeGreaterThan(0)
  await expect(page.getByTestId('scan-count-done')).toHaveText(String(rows[0]!.done))
  if (rows[0]!.needs_review > 0)
    await expect(page.getByRole('link', { name: /Review queue/ })).toHaveAttribute('href', `/${ORG}/scans/review`)
  await expect(page.getByRole('button', { name: 'Cancel scan' })).toHaveCount(0) // finished: nothing to cancel
  await shoot(page, 'scan-completed')

  // every HOT lead the scan found alerts this manager in the bell (the worker runs notifications.hot-lead)
  const hotQuery = `SELECT count(*) AS n FROM notifications n JOIN users u ON u.id = n.user_id
     WHERE u.email = $1 AND n.kind = 'lead.hot' AND n.lead_id IN (SELECT id FROM leads WHERE scan_id = $2 AND band = 'HOT')`
  const { rows: hot } = await db.query<{ n: string }>("SELECT count(*) AS n FROM leads WHERE scan_id = $1 AND band = 'HOT'", [scanId])
  if (Number(hot[0]!.n) > 0) {
    await expect
      .poll(async () => Number((await db.query<{ n: string }>(hotQuery, [MANAGER, scanId])).rows[0]!.n), { timeout: 60_000 })
      .toBe(Number(hot[0]!.n))
    await page.reload()
    await expect(page.getByRole('button', { name: /^Notifications, \d+ unread/ })).toBeVisible()
  }

  // the scans list shows it, newest first, with its sandbox label and who started it
  await page.goto(`/${ORG}/scans`)
  const first = page.getByRole('list', { name: 'Scans' }).getByRole('listitem').first()
  await expect(first).toContainText(rows[0]!.label)
  await expect(first).toContainText('Sandbox')
  await expect(first).toContainText('Maria Manager')
  await shoot(page, 'scans-list')

  // the leads of this scan
  await page.goto(`/${ORG}/scans/${scanId}`)
  await page.getByRole('link', { name: 'See the leads from this scan' }).click()
  await page.waitForURL((u) => u.pathname === `/${ORG}/leads` && u.searchParams.get('scanId') === scanId)
  await expect(page.getByTestId('scan-filter-chip')).toHaveText(`From scan ${rows[0]!.label}`)
  const leadRows = page.getByRole('table', { name: 'Leads' }).locator('tbody tr')
  await expect(leadRows.first()).toBeVisible()
  const { rows: leadCount } = await db.query<{ n: string }>('SELECT count(*) AS n FROM leads WHERE scan_id = $1 AND deleted_at IS NULL', [
    scanId,
  ])
  await expect(leadRows).toHaveCount(Number(leadCount[0]!.n))
  const link = leadRows.first().locator('td:nth-child(3) a')
  const address = (await link.innerText()).trim()
  await link.click()
  await expect(page.getByRole('heading', { level: 1, name: address })).toBeVisible()

  // removing the chip goes back to all leads
  await page.goBack()
  await page.getByRole('button', { name: /Remove filter: from scan/ }).click()
  await page.waitForURL((u) => u.pathname === `/${ORG}/leads` && !u.searchParams.has('scanId'))

  // an id that is not one of this org's scans: the 404 page
  await page.goto(`/${ORG}/scans/00000000-0000-4000-8000-000000000000`)
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await page.context().close()
})

test('manager: a ZIP scan (unknown ZIP → field error), canceled while running; the list filters by status', async ({ browser }) => {
  test.setTimeout(120_000)
  const page = await signedIn(browser, MANAGER, '10.77.0.4')
  await page.goto(`/${ORG}/scans/new`)
  await page.getByText('ZIP code', { exact: true }).click()
  await page.getByRole('textbox', { name: 'ZIP code' }).fill('00000')
  await page.getByLabel('Property cap').fill('500')
  await page.getByRole('button', { name: 'Estimate' }).click()
  // the server's answer (an unknown ZIP) lands next to the field
  await expect(page.locator('#scan-zip-error')).toContainText('00000')
  await expect(page.getByRole('textbox', { name: 'ZIP code' })).toHaveAttribute('aria-invalid', 'true')
  await page.getByRole('textbox', { name: 'ZIP code' }).fill('75201')
  await page.getByRole('button', { name: 'Estimate' }).click()
  await expect(page.getByTestId('scan-estimate')).toContainText('ZIP 75201')
  await page.getByRole('button', { name: 'Run scan' }).click()
  await page.waitForURL(new RegExp(`/${ORG}/scans/[0-9a-f-]{36}$`))
  const scanId = page.url().split('/').pop()!

  await page.getByRole('button', { name: 'Cancel scan' }).click()
  await expect(page.getByRole('group', { name: /Cancel this scan/ })).toBeVisible()
  await page.getByRole('button', { name: 'Yes, cancel the scan' }).click()
  await expect(page.locator('header').getByText('Canceled')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Cancel scan' })).toHaveCount(0)
  const { rows } = await db.query<{ status: string }>('SELECT status::text FROM scans WHERE id = $1', [scanId])
  expect(rows[0]!.status).toBe('CANCELED')

  await page.goto(`/${ORG}/scans`)
  await page.getByLabel('Status').selectOption('CANCELED')
  await page.waitForURL(/status=canceled/)
  const items = page.getByRole('list', { name: 'Scans' }).getByRole('listitem')
  await expect(items).toHaveCount(1)
  await expect(items.first()).toContainText('ZIP 75201')
  await page.getByLabel('Status').selectOption('FAILED')
  await expect(page.getByText('No failed scans')).toBeVisible()
  await page.context().close()
})

test('manager: a drawn area (crossing edges refused, then a clean shape) and a CSV of addresses, each run to 100 %', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const page = await signedIn(browser, MANAGER, '10.77.0.5')
  await page.goto(`/${ORG}/scans/new`)
  await page.getByText('Draw area', { exact: true }).click()
  const map = page.getByTestId('scan-area-map')
  await expect(map).toHaveAttribute('data-mode', 'polygon')
  await expect(map.locator('.leaflet-container, .leaflet-pane').first()).toBeAttached()
  // zoom in to a neighbourhood (the map opens on the whole region): one step at a time, each waited for on the scale
  const scale = map.locator('.leaflet-control-scale-line').first()
  for (let i = 0; i < 16 && !/^\d+ m$/.test((await scale.innerText()).trim()); i++) {
    const before = await scale.innerText()
    await map.getByRole('button', { name: 'Zoom in' }).click()
    await expect(scale).not.toHaveText(before)
  }
  await expect(scale).toHaveText(/^\d+ m$/)
  const box = (await map.boundingBox())!
  const at = (x: number, y: number) => ({ position: { x: box.width / 2 + x, y: box.height / 2 + y } })
  // a bow-tie: its edges cross → refused next to the map, nothing stored
  for (const [x, y] of [
    [-80, -60],
    [80, 60],
    [80, -60],
    [-80, 60],
  ])
    await map.click(at(x, y))
  await expect(map).toHaveAttribute('data-vertices', '4')
  await page.getByLabel('Property cap').fill('12')
  await page.getByRole('button', { name: 'Estimate' }).click()
  await expect(page.locator('#scan-vertices-error')).toContainText('cross')
  await shoot(page, 'scan-polygon-crossing')
  await page.getByRole('button', { name: 'Clear' }).click()
  for (const [x, y] of [
    [-80, -60],
    [80, -60],
    [80, 60],
    [-80, 60],
  ])
    await map.click(at(x, y))
  await expect(page.getByTestId('scan-polygon-status')).toContainText('sq mi')
  await page.getByRole('button', { name: 'Estimate' }).click()
  await expect(page.getByTestId('scan-estimate')).toContainText('Drawn area')
  await shoot(page, 'scan-polygon-estimate')
  await page.getByRole('button', { name: 'Run scan' }).click()
  await page.waitForURL(new RegExp(`/${ORG}/scans/[0-9a-f-]{36}$`))
  await expect(page.getByRole('progressbar', { name: 'Scan progress' })).toHaveAttribute('aria-valuenow', '100', { timeout: 120_000 })
  const polygonScan = page.url().split('/').pop()!
  const { rows: kinds } = await db.query<{ area_kind: string; n: number }>(
    `SELECT s.area_kind::text, (SELECT count(*)::int FROM scan_properties p WHERE p.scan_id = s.id) AS n FROM scans s WHERE s.id = $1`,
    [polygonScan],
  )
  expect(kinds[0]!.area_kind).toBe('POLYGON')
  expect(kinds[0]!.n).toBeGreaterThan(0)

  // a CSV of addresses: one bad row reported, a duplicate collapsed, the rest geocoded and scanned
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fm-scan-csv-')), 'addresses.csv')
  fs.writeFileSync(
    file,
    [
      'street,city,state,zip',
      '1501 Elm St,Dallas,TX,75201',
      '1502 Elm St,Dallas,TX,75201',
      '1503 Elm St,Dallas,TX,75201',
      '1501 ELM ST.,Dallas,TX,75201',
      ',Dallas,TX,75201',
    ].join('\n'),
  )
  await page.goto(`/${ORG}/scans/new`)
  await page.getByText('CSV of addresses', { exact: true }).click()
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(file)
  const summary = page.getByTestId('address-scan-summary')
  await expect(summary).toContainText('Rows5')
  await expect(summary).toContainText('To scan3')
  await expect(summary).toContainText('With a problem1')
  await expect(summary).toContainText('Duplicates1')
  await page.getByRole('button', { name: 'Estimate 3 addresses' }).click()
  await expect(
    page
      .getByRole('region', { name: /estimate/i })
      .or(page.getByText('Already leads (re-scored)'))
      .first(),
  ).toBeVisible()
  await shoot(page, 'scan-csv-estimate')
  await page.getByRole('button', { name: 'Run scan' }).click()
  await page.waitForURL(new RegExp(`/${ORG}/scans/[0-9a-f-]{36}$`))
  await expect(page.getByRole('progressbar', { name: 'Scan progress' })).toHaveAttribute('aria-valuenow', '100', { timeout: 120_000 })
  await expect(page.getByRole('heading', { level: 1 })).toContainText('addresses.csv')
  await shoot(page, 'scan-csv-done')
  await page.context().close()
})

test('rep sees no scans; viewer gets 404 on the new-scan page', async ({ browser }) => {
  const rep = await signedIn(browser, REP, '10.77.0.2')
  await expect(rep.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' })).toBeVisible()
  await expect(rep.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scans' })).toHaveCount(0)
  await expect(rep.getByRole('link', { name: 'Run a scan' })).toHaveCount(0)
  // the 404 page with a 404 status: the scans layout checks the right before any loading boundary streams
  for (const path of ['scans', 'scans/new', 'scans/review']) {
    const res = await rep.goto(`/${ORG}/${path}`)
    expect(res?.status(), path).toBe(404)
    await expect(rep.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
    await expect(rep.getByRole('link', { name: 'New scan' })).toHaveCount(0)
  }
  await rep.context().close()

  const viewer = await signedIn(browser, VIEWER, '10.77.0.3')
  expect((await viewer.goto(`/${ORG}/scans/new`))?.status()).toBe(404)
  await expect(viewer.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await viewer.context().close()
})
