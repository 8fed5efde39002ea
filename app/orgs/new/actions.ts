'use server'
import { userAction } from '@/lib/actions/define-action'
import { createOrgSchema } from '@/lib/orgs/schemas'
import { createOrg } from '@/lib/orgs/create-org'

export const createOrgAction = userAction(createOrgSchema, async ({ input, session }) => {
  const org = await createOrg({ userId: session.user.id, input })
  return { slug: org.slug, name: org.name }
})
