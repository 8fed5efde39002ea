// GET /api/v1/openapi.json — the API description, generated from the zod schemas the routes use.
import { buildOpenApi } from '@/lib/api/openapi'
import { env } from '@/lib/env'
import { handleRoute, json } from '@/lib/http/handle-route'

export const dynamic = 'force-dynamic'

export const GET = handleRoute(async () => json(buildOpenApi(env().APP_URL), { headers: { 'cache-control': 'public, max-age=300' } }))
