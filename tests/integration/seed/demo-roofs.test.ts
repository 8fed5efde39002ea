// The demo seed's roofs (prisma/seed-roofs.ts through seedDemoLeads): every one of the 603 demo leads has a sandbox
// aerial image whose bytes are in storage and decode, and the assessment it was scored with, stored the way the
// lead page reads it (leads.roof_image_id / roof_assessment_id). Re-seeding changes no counts and no files, and
// a lead a real scan imaged keeps that scan's image. Real PostgreSQL, real local-disk storage (a temp dir).
import { readdirSync, rmSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { getObject } from '@/lib/storage/image-storage'
import { readRoofAssessment } from '@/components/leads/roof-view'
import { roofAssessmentSchema, toRoofAssessmentWire, type RoofAssessment } from '@/lib/vision/roof-assessment'
import { createOrgWithRoles } from '@/tests/factories'
import { DEMO_LEAD_COUNT, seedDemoLeads } from '@/prisma/seed-leads'
import { DEMO_ROOF_MODEL, DEMO_ROOF_PROVIDER, demoRoofImageId } from '@/prisma/seed-roofs'

let imagesDir = ''
let orgId = ''
let repEmails: string[] = []

/** every file under the storage root (objects and their sidecars) with its modification time */
function files(dir: string): Map<string, number> {
  const out = new Map<string, number>()
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else out.set(path.relative(dir, p), statSync(p).mtimeMs)
    }
  }
  walk(dir)
  return out
}

async function counts() {
  const [leads, images, assessments, linked] = await Promise.all([
    db.lead.count({ where: { orgId } }),
    db.roofImage.count({ where: { orgId } }),
    db.roofAssessment.count({ where: { orgId } }),
    db.lead.count({ where: { orgId, roofImageId: { not: null }, roofAssessmentId: { not: null } } }),
  ])
  return { leads, images, assessments, linked }
}

beforeAll(async () => {
  imagesDir = mkdtempSync(path.join(tmpdir(), 'fm-demo-roofs-'))
  process.env.IMAGE_STORAGE_DIR = imagesDir
  const { org, members } = await createOrgWithRoles()
  orgId = org.id
  repEmails = [members.REP.user.email]
  await seedDemoLeads({ orgId, repEmails })
}, 180_000)
afterAll(() => rmSync(imagesDir, { recursive: true, force: true }))

describe('demo seed: aerial images and roof findings', () => {
  it('gives every demo lead a stored, decodable sandbox image with its capture metadata', async () => {
    const leads = await db.lead.findMany({
      where: { orgId },
      select: {
        id: true,
        lat: true,
        roofImage: {
          select: {
            id: true,
            storageKey: true,
            contentType: true,
            width: true,
            height: true,
            bytes: true,
            sha256: true,
            provider: true,
            zoom: true,
            metresPerPixel: true,
            sandbox: true,
            qualityOk: true,
          },
        },
      },
    })
    expect(leads).toHaveLength(DEMO_LEAD_COUNT)
    const decoded = new Map<string, { width?: number; height?: number; format?: string; bytes: number }>()
    for (const l of leads) {
      const img = l.roofImage
      expect(img, `lead ${l.id} has an image`).not.toBeNull()
      expect(img).toMatchObject({ id: demoRoofImageId(l.id), provider: 'sandbox', sandbox: true, zoom: 19, contentType: 'image/jpeg' })
      expect(img!.storageKey).toBe(`orgs/${orgId}/aerial/${img!.sha256}.jpg`)
      // Mapbox z19, 512-px tiles, no @2x, at the lead's latitude (~0.25 m per pixel in Dallas)
      expect(img!.metresPerPixel).toBeCloseTo((156543.03392 * Math.cos((l.lat! * Math.PI) / 180) * 0.5) / 2 ** 19, 6)
      if (!decoded.has(img!.storageKey)) {
        const stored = await getObject({ key: img!.storageKey })
        expect(stored, `bytes of ${img!.storageKey}`).not.toBeNull()
        const meta = await sharp(stored!.bytes).metadata()
        decoded.set(img!.storageKey, { width: meta.width, height: meta.height, format: meta.format, bytes: stored!.bytes.byteLength })
      }
      const d = decoded.get(img!.storageKey)!
      expect(d).toMatchObject({ format: 'jpeg', width: img!.width, height: img!.height, bytes: img!.bytes })
      expect(img!.width).toBe(640)
    }
    // a pool of drawn looks, shared by content address: far fewer files than leads, more than a handful
    expect(decoded.size).toBeGreaterThan(20)
    expect(decoded.size).toBeLessThan(150)
    // the quality gate measured them; the demo's roofs pass it (hidden roofs are the few that may not)
    expect(leads.filter((l) => l.roofImage!.qualityOk).length).toBeGreaterThan(DEMO_LEAD_COUNT * 0.9)
  })

  it('stores the assessment each lead was scored with: valid, sandbox, with evidence for every finding', async () => {
    const leads = await db.lead.findMany({
      where: { orgId },
      select: {
        id: true,
        roofImageId: true,
        scoreBreakdown: true,
        roofAssessment: {
          select: {
            imageId: true,
            scanPropertyId: true,
            outcome: true,
            provider: true,
            model: true,
            result: true,
            confidence: true,
            sandbox: true,
            reviewStatus: true,
          },
        },
      },
    })
    let findings = 0
    let hidden = 0
    for (const l of leads) {
      const a = l.roofAssessment
      expect(a, `lead ${l.id} has an assessment`).not.toBeNull()
      expect(a).toMatchObject({
        imageId: l.roofImageId,
        scanPropertyId: null,
        outcome: 'assessed',
        provider: DEMO_ROOF_PROVIDER,
        model: DEMO_ROOF_MODEL,
        sandbox: true,
        reviewStatus: null,
      })
      // what the lead page reads, and what a real AI answer must pass
      const shown = readRoofAssessment(a!.result)
      expect(shown).not.toBeNull()
      expect(roofAssessmentSchema.safeParse(toRoofAssessmentWire(a!.result as unknown as RoofAssessment)).success).toBe(true)
      expect(a!.confidence).toBe(shown!.confidence)
      expect(shown!.indicators.length).toBeGreaterThanOrEqual(0)
      for (const i of shown!.indicators) expect(i.evidence.trim().length).toBeGreaterThan(0)
      findings += shown!.indicators.length
      if (!shown!.roofVisible) hidden++
      // the score the lead shows was computed from this very assessment
      const breakdown = l.scoreBreakdown as { sandbox?: boolean; confidence?: number | null }
      expect(breakdown.sandbox).toBe(true)
    }
    expect(findings).toBeGreaterThan(DEMO_LEAD_COUNT)
    expect(hidden).toBeLessThan(DEMO_LEAD_COUNT * 0.1)
  })

  it('re-seeding changes no counts and rewrites no file; a lead a real scan imaged keeps its own image', async () => {
    const before = await counts()
    expect(before).toEqual({ leads: DEMO_LEAD_COUNT, images: DEMO_LEAD_COUNT, assessments: DEMO_LEAD_COUNT, linked: DEMO_LEAD_COUNT })
    const filesBefore = files(imagesDir)

    const scanned = await db.lead.findFirstOrThrow({ where: { orgId }, select: { id: true, roofImageId: true, roofAssessmentId: true } })
    await db.lead.update({ where: { id: scanned.id }, data: { roofImageId: null, roofAssessmentId: null }, select: { id: true } })
    await seedDemoLeads({ orgId, repEmails })
    // an unlinked lead (as after an older seed) is linked again, nothing is added
    expect(await counts()).toEqual(before)
    expect(await db.lead.findUniqueOrThrow({ where: { id: scanned.id }, select: { roofImageId: true } })).toEqual({
      roofImageId: scanned.roofImageId,
    })

    // all present: the next run draws nothing and touches no file
    const settled = files(imagesDir)
    expect([...settled.keys()].sort()).toEqual([...filesBefore.keys()].sort())
    await seedDemoLeads({ orgId, repEmails })
    expect(await counts()).toEqual(before)
    expect(files(imagesDir)).toEqual(settled)

    // a lead a real scan has imaged since (its own image, no demo link) keeps it
    const demoImage = await db.roofImage.findUniqueOrThrow({ where: { id: scanned.roofImageId! } })
    const { id: _id, createdAt: _c, qualityMetrics: _q, ...copy } = demoImage
    const real = await db.roofImage.create({ data: { ...copy, provider: 'mapbox', sandbox: false }, select: { id: true } })
    await db.lead.update({ where: { id: scanned.id }, data: { roofImageId: real.id, roofAssessmentId: null }, select: { id: true } })

    // storage wiped under the rows (a fresh e2e image folder): the pictures come back under the same keys
    rmSync(imagesDir, { recursive: true, force: true })
    await seedDemoLeads({ orgId, repEmails })
    expect(await counts()).toEqual({ ...before, images: before.images + 1, linked: before.linked - 1 })
    expect([...files(imagesDir).keys()].sort()).toEqual([...filesBefore.keys()].sort())
    expect(await db.lead.findUniqueOrThrow({ where: { id: scanned.id }, select: { roofImageId: true, roofAssessmentId: true } })).toEqual({
      roofImageId: real.id,
      roofAssessmentId: null,
    })
  }, 180_000)
})
