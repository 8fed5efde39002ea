import { describe, expect, it } from 'vitest'
import { optOutHow, optOutScope } from './opt-out-scope'

describe('optOutScope', () => {
  it.each(['STOP', 'Stop please', 'stop texting me', 'Take me off your list', 'wrong number', 'UNSUBSCRIBE', 'no more texts'])(
    '%s → SMS only',
    (t) => expect(optOutScope(t)).toBe('SMS'),
  )
  it.each([
    'stop all',
    'STOPALL',
    'Stop everything!',
    'unsubscribe me from all of it',
    'stop calling me',
    "don't contact me again",
    'Leave me alone',
    'no more emails',
  ])('%s → ALL', (t) => expect(optOutScope(t)).toBe('ALL'))
})

describe('optOutHow', () => {
  it.each(['STOP', 'stop.', 'Stop please', 'STOP ALL', 'opt out', 'Unsubscribe!'])('%s → keyword', (t) =>
    expect(optOutHow(t)).toBe('keyword'),
  )
  it.each(['Stop texting me please', 'take me off your list', 'wrong number'])('%s → reply_text', (t) =>
    expect(optOutHow(t)).toBe('reply_text'),
  )
})
