import { afterEach, describe, expect, it } from 'vitest'
import { GET } from '@/app/dev/mailbox/latest/route'
import { isDevMailboxEnabled, linksIn, unsafeListSandboxEmails } from '@/lib/auth/dev-mailbox'
import { requestPasswordReset } from '@/lib/auth/request-password-reset'
import { signUpInput, waitPastLatestEmailTo, signUpFromForm } from './helpers'

const get = (qs: string) => GET(new Request(`http://localhost:3000/dev/mailbox/latest${qs}`))
const original = process.env.FM_ENABLE_DEV_MAILBOX

afterEach(() => {
  if (original === undefined) delete process.env.FM_ENABLE_DEV_MAILBOX
  else process.env.FM_ENABLE_DEV_MAILBOX = original
})

describe('dev mailbox', () => {
  it('is enabled only in development or with FM_ENABLE_DEV_MAILBOX=1', () => {
    expect(isDevMailboxEnabled({ NODE_ENV: 'development' })).toBe(true)
    expect(isDevMailboxEnabled({ NODE_ENV: 'production', FM_ENABLE_DEV_MAILBOX: '1' })).toBe(true)
    expect(isDevMailboxEnabled({ NODE_ENV: 'production' })).toBe(false)
    expect(isDevMailboxEnabled({ NODE_ENV: 'test', FM_ENABLE_DEV_MAILBOX: '0' })).toBe(false)
  })

  it('GET /dev/mailbox/latest 404s when disabled', async () => {
    delete process.env.FM_ENABLE_DEV_MAILBOX
    const res = await get('?to=a@b.test')
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('NOT_FOUND')
  })

  it('returns the newest email to an address with its links; 404 when none; 4xx on a bad query', async () => {
    process.env.FM_ENABLE_DEV_MAILBOX = '1'
    const input = signUpInput()
    await signUpFromForm(input)
    await waitPastLatestEmailTo(input.email) // the reset email must be the newer one
    await requestPasswordReset({ email: input.email })
    const res = await get(`?to=${encodeURIComponent(input.email.toUpperCase())}`)
    expect(res.status).toBe(200)
    const { data } = await res.json()
    expect(data.template).toBe('password-reset')
    expect(data.links[0]).toMatch(/\/reset-password\?token=/)
    const verify = await (await get(`?to=${encodeURIComponent(input.email)}&template=verify-email`)).json()
    expect(verify.data.links[0]).toMatch(/\/verify-email\//)
    expect((await get('?to=nobody-here@example.test')).status).toBe(404)
    expect((await get('')).status).toBe(422)
    const list = await unsafeListSandboxEmails({ to: input.email })
    expect(list.map((m) => m.template)).toEqual(['password-reset', 'verify-email'])
  })

  it('finds links in text', () => {
    expect(linksIn('go to http://x.test/a?b=1 now.\nand https://y.test/z')).toEqual(['http://x.test/a?b=1', 'https://y.test/z'])
  })
})
