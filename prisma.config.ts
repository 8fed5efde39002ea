// Prisma 7 CLI config: used for `prisma generate` only (migrations: see tools/migrate and scripts/migrate-apply.mjs).
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
})
