// The roof on the lead page and the review queue, through the real UI on the seeded demo org (sandbox providers;
// the job worker runs for the whole e2e run, tests/e2e/worker-setup.ts). The manager runs a small sandbox scan
// through the scan pages (its unsure answers fill the review queue; nothing is inserted behind the UI's back).
// Then: a scanned lead shows its image (served by /<org>/images/<id>) with the AI's findings; a lead without roof
// data (imported from a CSV) says so; the review queue is worked through until "Nothing to review".
// A rep and a viewer get 404 on the queue, and a rep cannot fetch an image of a lead that is not theirs.
// Screenshots at 1280 and 390 px wide.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { MANAGER, ORG, REP, VIEWER, shoot, signedIn, demoDb } from './helpers/demo'

const db = demoDb()

async function orgId(): Promise<string> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM organizations WHERE slug = $1', [ORG])
  return rows[0]!.id
}

/** A small sandbox scan through the scan pages, waited for to 100 %. */
async function runScanThroughUi(page: Page) {
  await page.goto(`/${ORG}/scans/new`)
  await expect(page.getByRole('heading', { level: 1, name: 'New scan' })).toBeVisible()
  const map = page.getByTestId('scan-area-map')
  await expect(map.locator('.leaflet-container, .leaflet-pane').first()).toBeAttached()
  const box = (await map.boundingBox())!
  await map.click({ position: { x: box.width / 2 + 40, y: box.height / 2 - 30 } })
  await expect(page.getByLabel('Centre latitude')).not.toHaveValue('')
  await page.getByLabel('Radius (miles)').fill('3')
  await page.getByLabel('Property cap').fill('30')
  await page.getByRole('button', { name: 'Estimate' }).click()
  await expect(page.getByTestId('scan-estimate')).toBeVisible()
  await page.getByRole('button', { name: 'Run scan' }).click()
  await page.waitForURL(new RegExp(`/${ORG}/scans/[0-9a-f-]{36}$`))
  await expect(page.getByRole('progressbar', { name: 'Scan progress' })).toHaveAttribute('aria-valuenow', '100', { timeout: 240_000 })
}

/** One lead imported from a one-row CSV through the import page: a lead no scan has covered. */
async function importOneLead(page: Page): Promise<void> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fm-roof-')), 'one-lead.csv')
  fs.writeFileSync(file, 'address,city,state,zip\n4242 No Roof Data Ln,Austin,TX,78701\n')
  await page.goto(`/${ORG}/leads/import`)
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(file)
  await expect(page.getByTestId('import-summary')).toContainText('Will be created1')
  await page.getByRole('button', { name: 'Import 1 valid row' }).click()
  await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible({ timeout: 60_000 })
}

test('manager: a scanned lead shows its aerial image and the AI findings; the review queue is worked to empty', async ({ browser }) => {
  test.setTimeout(420_000)
  const page = await signedIn(browser, MANAGER, '10.78.0.1')
  const org = await orgId()

  const withImage = () =>
    db.query<{ id: string; address_line1: string }>(
      `SELECT l.id, l.address_line1 FROM leads l JOIN roof_assessments a ON a.id = l.roof_assessment_id
        WHERE l.org_id = $1 AND l.deleted_at IS NULL AND l.roof_image_id IS NOT NULL
        ORDER BY jsonb_array_length(COALESCE(a.result->'indicators', '[]'::jsonb)) DESC, l.score DESC NULLS LAST LIMIT 1`,
      [org],
    )
  await runScanThroughUi(page)
  const lead = (await withImage()).rows[0]
  expect(lead, 'a lead with an aerial image after a sandbox scan').toBeTruthy()

  // the lead page: the image (loaded through the member-only route) beside the AI's findings, and the score reasons
  await page.goto(`/${ORG}/leads/${lead!.id}`)
  const roof = page.locator('section[aria-labelledby="roof-h"]')
  await expect(roof.getByRole('heading', { level: 2, name: 'Aerial image & roof findings' })).toBeVisible()
  const img = roof.getByRole('img', { name: new RegExp(lead!.address_line1.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
  await expect(img).toBeVisible()
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0)
  await expect(roof).toContainText('Capture date not provided by the imagery API')
  await expect(roof).toContainText('Sandbox analysis — sample image, not a real roof')
  await expect(roof.getByRole('heading', { name: "The AI's findings" })).toBeVisible()
  await expect(roof).toContainText('Confidence')
  await expect(roof).toContainText('Material')
  await expect(roof).toContainText(/Zoom\s*\d/)
  await expect(page.locator('section[aria-labelledby="score-h"]').getByRole('list', { name: 'Score components' })).toBeVisible()
  await shoot(page, 'lead-roof')

  // the image route itself: private cache, nosniff, ETag → 304
  const src = (await img.getAttribute('src'))!
  const res = await page.request.get(src)
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toMatch(/^image\//)
  expect(res.headers()['cache-control']).toBe('private, max-age=3600')
  expect(res.headers()['x-content-type-options']).toBe('nosniff')
  const again = await page.request.get(src, { headers: { 'if-none-match': res.headers()['etag']! } })
  expect(again.status()).toBe(304)

  // a lead the scans never covered says so instead of showing a picture
  const bareLead = () =>
    db.query<{ id: string }>(
      'SELECT id FROM leads WHERE org_id = $1 AND deleted_at IS NULL AND roof_image_id IS NULL AND roof_assessment_id IS NULL LIMIT 1',
      [org],
    )
  if (!(await bareLead()).rows.length) await importOneLead(page)
  const { rows: bare } = await bareLead()
  await page.goto(`/${ORG}/leads/${bare[0]!.id}`)
  await expect(page.getByText('No aerial analysis yet — run a scan that covers this address')).toBeVisible()
  await shoot(page, 'lead-no-roof')

  // the review queue: decide every item (accept when there is an answer to accept, else correct; the last one discarded)
  await page.goto(`/${ORG}/scans/review`)
  await expect(page.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible()
  const items = page.getByRole('list', { name: 'Items to review' }).getByRole('article')
  const pending = Number(
    (await db.query<{ n: string }>(`SELECT count(*) AS n FROM roof_assessments WHERE org_id = $1 AND review_status = 'PENDING'`, [org]))
      .rows[0]!.n,
  )
  if (pending > 0) {
    await expect(items.first()).toBeVisible()
    await shoot(page, 'review-queue')
  }
  let decided = 0
  for (let n = Math.min(pending, 20); n > 0; n--) {
    const item = items.first()
    const address = (await item.getByRole('heading', { level: 2 }).innerText()).trim()
    const accept = item.getByRole('button', { name: "Accept the AI's answer" })
    if (n === 1 && decided > 0) {
      await item.getByRole('button', { name: 'Discard' }).click()
      await item.getByRole('group', { name: 'Confirm discard' }).getByRole('button', { name: 'Discard' }).click()
      await expect(page.getByRole('status').filter({ hasText: `Discarded: no lead was made for ${address}` })).toBeVisible()
    } else if (await accept.count()) {
      await accept.click()
      await expect(page.getByRole('status').filter({ hasText: `Accepted: ${address}` })).toBeVisible()
      await expect(page.getByRole('link', { name: 'Open the lead' })).toBeVisible()
    } else {
      await item.getByRole('button', { name: 'Correct' }).click()
      const form = item.getByRole('form', { name: 'Correct the assessment' })
      await form.getByLabel('Condition (0–100)').fill('35')
      await form.getByLabel('Material').selectOption('asphalt_shingle')
      await form.getByRole('button', { name: 'Add a finding' }).click()
      await form.getByLabel('Evidence').last().fill('Missing tabs along the south ridge')
      if (decided === 0) await shoot(page, 'review-correct-form')
      await form.getByRole('button', { name: 'Save correction' }).click()
      await expect(page.getByRole('status').filter({ hasText: `Corrected: ${address}` })).toBeVisible()
    }
    await expect(page.getByRole('heading', { level: 2, name: address })).toHaveCount(0)
    decided++
  }
  await page.reload()
  await expect(page.getByText('Nothing to review')).toBeVisible()
  await shoot(page, 'review-queue-empty')
  await page.context().close()
})

test('rep and viewer: no review queue; a rep cannot fetch the image of a lead not assigned to them', async ({ browser }) => {
  const org = await orgId()
  const { rows } = await db.query<{ id: string }>(
    `SELECT l.roof_image_id AS id FROM leads l JOIN memberships m ON m.org_id = l.org_id JOIN users u ON u.id = m.user_id
      WHERE l.org_id = $1 AND u.email = $2 AND l.roof_image_id IS NOT NULL AND l.deleted_at IS NULL
        AND l.assignee_id IS DISTINCT FROM m.id LIMIT 1`,
    [org, REP],
  )
  const rep = await signedIn(browser, REP, '10.78.0.2')
  // the 404 page (the scans layout answers it with a 404 status before anything streams)
  // before the page's permission check runs (the same holds for every scan page; reported to the lead)
  await rep.goto(`/${ORG}/scans/review`)
  await expect(rep.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await expect(rep.getByRole('heading', { name: 'Review queue' })).toHaveCount(0)
  if (rows[0]) {
    const img = await rep.request.get(`/${ORG}/images/${rows[0].id}`)
    expect(img.status()).toBe(404)
    expect((await img.json()).error.code).toBe('NOT_FOUND')
  }
  await rep.context().close()

  const viewer = await signedIn(browser, VIEWER, '10.78.0.3')
  await viewer.goto(`/${ORG}/scans/review`)
  await expect(viewer.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await expect(viewer.getByRole('heading', { name: 'Review queue' })).toHaveCount(0)
  await viewer.context().close()

  // signed out: the image route answers the 401 envelope, never bytes
  if (rows[0]) {
    const anon = await browser.newContext()
    const res = await anon.request.get(`/${ORG}/images/${rows[0].id}`)
    expect(res.status()).toBe(401)
    await anon.close()
  }
})
