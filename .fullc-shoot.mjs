import { chromium } from '@playwright/test'
const base = process.env.BASE ?? 'http://127.0.0.1:3177'
const pages = (process.env.PAGES ?? '/,/pricing').split(',')
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] })
for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['mobile', { width: 390, height: 844 }]]) {
  const ctx = await browser.newContext({ viewport })
  const page = await ctx.newPage()
  for (const p of pages) {
    const res = await page.goto(base + p, { waitUntil: 'networkidle', timeout: 120000 })
    const file = `/tmp/fullc-shots/${name}${p.replace(/\//g, '_') || '_'}.png`
    await page.screenshot({ path: file, fullPage: true })
    console.log(res.status(), file)
  }
  await ctx.close()
}
await browser.close()
