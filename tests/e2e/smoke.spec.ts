import { expect, test } from '@playwright/test'

test('home page renders with the main call to action', async ({ page }) => {
  const res = await page.goto('/')
  expect(res?.status()).toBe(200)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Roof leads that book themselves')
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pricing' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Start free trial' }).first()).toHaveAttribute('href', '/sign-up')
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Privacy' })).toBeVisible()
})

test('pricing page renders the plans from lib/billing/plans.ts', async ({ page }) => {
  await page.goto('/pricing')
  await expect(page.getByRole('heading', { level: 1, name: 'Pricing' })).toBeVisible()
  const plans = page.getByRole('list', { name: 'Plans' })
  await expect(plans.getByRole('heading', { name: 'Professional' })).toBeVisible()
  await expect(plans).toContainText('$299')
  await expect(plans).toContainText('$999')
  await expect(page.getByRole('table')).toContainText('$0.50')
})

test('/api/health answers 200 with an x-request-id', async ({ request }) => {
  const res = await request.get('/api/health')
  expect(res.status()).toBe(200)
  expect(res.headers()['x-request-id']).toMatch(/^[A-Za-z0-9._:-]{8,128}$/)
  expect(await res.json()).toMatchObject({ status: 'ok' })
})

test('/api/ready answers 200 once the database is migrated', async ({ request }) => {
  const res = await request.get('/api/ready')
  expect(res.status(), await res.text()).toBe(200)
  expect(await res.json()).toMatchObject({ ready: true })
})

test('an unknown help article gets the 404 page', async ({ page }) => {
  const res = await page.goto('/help/not-an-article')
  expect(res?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found')
})
