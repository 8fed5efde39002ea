// The baseline for `npm run bench:webhooks`: the cheapest possible Next route. Only exists when FM_BENCH=1.
export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

const notFound = () =>
  new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Not found', requestId: 'bench' } }), {
    status: 404,
    headers: { 'content-type': 'application/json' },
  })

async function handler(request: Request): Promise<Response> {
  if (process.env.FM_BENCH !== '1') return notFound()
  await request.arrayBuffer() // read the body like the webhook route does
  return new Response(null, { status: 204 })
}

export const GET = handler
export const POST = handler
