import { chromium } from '@playwright/test'
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--headless','--disable-gpu'] })
const ctx = await b.newContext({ viewport: { width: 390, height: 844 } })
const p = await ctx.newPage()
const base = 'http://127.0.0.1:3200'
await p.goto(base + '/sign-in')
await p.getByLabel('Email').fill('owner@demo.fishmouth.test')
await p.getByLabel('Password', { exact: true }).fill('FishMouth-demo-2026')
await p.getByRole('button', { name: 'Sign in' }).click()
await p.waitForURL((u) => !u.pathname.startsWith('/sign-in'))
for (const path of ['/demo-roofing/settings/members']) {
  await p.goto(base + path)
  await p.waitForLoadState('networkidle')
  const r = await p.evaluate(() => {
    const out = []
    const vw = document.documentElement.clientWidth
    for (const el of document.querySelectorAll('body *')) {
      const rect = el.getBoundingClientRect()
      if (rect.right > vw + 1 && rect.width > 0) {
        let anc = el.parentElement, clipped = false
        while (anc) { const s = getComputedStyle(anc); if (s.overflowX !== 'visible') { if (anc.getBoundingClientRect().right <= vw + 1) { clipped = true; break } } anc = anc.parentElement }
        out.push((clipped?'C ':'U ')+`${el.tagName}.${(el.className?.baseVal ?? el.className).toString().slice(0,80)} right=${Math.round(rect.right)}`)
      }
    }
    return { vw, sw: document.documentElement.scrollWidth, out: out.slice(0, 30) }
  })
  console.log(path, JSON.stringify(r, null, 1))
}
await b.close()
