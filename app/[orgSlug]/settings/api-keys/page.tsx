// REST API keys (OWNER, ADMIN). Others get the 404 page (the settings index does not link it for them).
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requirePageMember } from '@/lib/auth/page-session'
import { can } from '@/lib/auth/permissions'
import { memberActor } from '@/lib/auth/actor'
import { listApiKeys } from '@/lib/api-keys/list-api-keys'
import { PageHeader } from '@/components/ui/card'
import { Alert } from '@/components/ui/feedback'
import { ApiKeysManager } from './api-keys-manager'
import { createApiKeyAction, revokeApiKeyAction } from './actions'

export const metadata = { title: 'API keys' }

export default async function ApiKeysPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params
  const { member } = await requirePageMember(orgSlug)
  if (!can(member.role, 'api_keys.manage')) notFound()
  const keys = await listApiKeys({ actor: memberActor(member) })
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/${orgSlug}/settings`} className="text-brand-700 hover:underline">
          ← Settings
        </Link>
      </nav>
      <PageHeader title="API keys" description="Keys let your other systems read and update leads through the REST API." />
      <Alert tone="info" className="mb-6">
        The REST API requires the Enterprise plan
        {can(member.role, 'billing.read') && (
          <>
            {' '}
            (
            <Link href={`/${orgSlug}/settings/billing`} className="font-medium underline">
              plans and billing
            </Link>
            )
          </>
        )}
        . Reference:{' '}
        <a href="/api/v1/openapi.json" className="font-medium underline">
          OpenAPI document (/api/v1/openapi.json)
        </a>
        . Limits: 1,000 requests per hour per key; send an <code>Idempotency-Key</code> header on writes.
      </Alert>
      <ApiKeysManager
        orgSlug={orgSlug}
        create={createApiKeyAction}
        revoke={revokeApiKeyAction}
        keys={keys.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: k.prefix,
          scope: k.scope,
          createdAt: k.createdAt.toISOString(),
          lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
          revokedAt: k.revokedAt?.toISOString() ?? null,
          createdBy: k.createdBy?.name ?? null,
        }))}
      />
    </>
  )
}
