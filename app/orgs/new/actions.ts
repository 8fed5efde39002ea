'use server'
import { userAction } from '@/lib/actions/define-action'
import { createOrgSchema } from '@/lib/orgs/schemas'
import { createOrg } from '@/lib/orgs/create-org'

// No org actor yet: the signed-in user creates the org they will own.
export const createOrgAction = userAction(createOrgSchema, async ({ input, session }) => {
  const org = await createOrg({ userId: session.user.id, name: input.name, slug: input.slug, timeZone: input.timeZone })
  return { slug: org.slug, name: org.name }
})
