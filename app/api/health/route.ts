// Liveness: the process answers. No dependencies checked here (that is /api/ready).
import { handleRoute, json } from '@/lib/http/handle-route'

export const dynamic = 'force-dynamic'

export const GET = handleRoute(async () => json({ status: 'ok', uptimeS: Math.round(process.uptime()) }))
