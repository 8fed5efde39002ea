// Demo data: one organization with one verified user per role (idempotent; safe to run on every start).
import { db } from '@/lib/db'
import type { Role } from '@/lib/generated/prisma/enums'
import { hashPassword } from '@/lib/auth/password'

export const DEMO_ORG = { slug: 'demo-roofing', name: 'Lone Star Roofing (demo)', timeZone: 'America/Chicago' }
export const DEMO_PASSWORD = 'FishMouth-demo-2026'
export const DEMO_USERS: Array<{ email: string; name: string; role: Role }> = [
  { email: 'owner@demo.fishmouth.test', name: 'Olivia Owner', role: 'OWNER' },
  { email: 'admin@demo.fishmouth.test', name: 'Adam Admin', role: 'ADMIN' },
  { email: 'manager@demo.fishmouth.test', name: 'Maria Manager', role: 'MANAGER' },
  { email: 'rep@demo.fishmouth.test', name: 'Ray Rep', role: 'REP' },
  { email: 'rep2@demo.fishmouth.test', name: 'Rita Rep', role: 'REP' },
  { email: 'viewer@demo.fishmouth.test', name: 'Victor Viewer', role: 'VIEWER' },
]
export const DEMO_STAFF = { email: 'staff@fishmouth.test', name: 'Sam Staff', staffRole: 'STAFF_ADMIN' as const }

export async function seedDemo() {
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const org = await db.organization.upsert({ where: { slug: DEMO_ORG.slug }, update: {}, create: DEMO_ORG })
  for (const u of DEMO_USERS) {
    const user = await db.user.upsert({
      where: { email: u.email },
      update: {},
      create: { email: u.email, name: u.name, passwordHash, emailVerifiedAt: new Date() },
    })
    await db.membership.upsert({
      where: { orgId_userId: { orgId: org.id, userId: user.id } },
      update: {},
      create: { orgId: org.id, userId: user.id, role: u.role },
    })
  }
  await db.user.upsert({
    where: { email: DEMO_STAFF.email },
    update: {},
    create: { email: DEMO_STAFF.email, name: DEMO_STAFF.name, staffRole: DEMO_STAFF.staffRole, passwordHash, emailVerifiedAt: new Date() },
  })
  // lead CRM demo data: 603 DFW leads, demo org on ENTERPRISE (prisma/seed-leads.ts)
  const { seedDemoLeads } = await import('./seed-leads')
  await seedDemoLeads({ orgId: org.id, repEmails: DEMO_USERS.filter((u) => u.role === 'REP').map((u) => u.email) })
  // fresh planner statistics: the lead list's count estimate reads them
  await db.$executeRawUnsafe('ANALYZE leads')
  return { org }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')
if (isMain) {
  seedDemo()
    .then(() => {
      console.log(`Seeded demo org "${DEMO_ORG.slug}". Password for every demo user: ${DEMO_PASSWORD}`)
      for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(8)} ${u.email}`)
      console.log(`  STAFF    ${DEMO_STAFF.email}`)
      return db.$disconnect()
    })
    .catch((e) => {
      console.error(e)
      process.exit(1)
    })
}
