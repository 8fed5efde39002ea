import { describe, expect, it } from 'vitest'
import { classifyInboundText } from './opt-out-keywords'

describe('classifyInboundText', () => {
  it.each([
    'STOP',
    'stop',
    'Stop.',
    'STOP!!',
    'Stop please',
    'please stop',
    'STOPALL',
    'stop all',
    'QUIT',
    'End',
    'revoke',
    'OPT OUT',
    'opt-out',
    'optout',
    'Cancel',
    'UNSUBSCRIBE',
    'unsubscribe please',
    'Take me off your list',
    'please remove me from this list',
    'stop texting me',
    'Stop calling me!',
    "don't text me again",
    'Do not contact me',
    'Wrong number',
    'lose my number',
    'leave me alone',
    'Unsubscribe me',
    'opt me out',
    'no more texts',
    '\u201cStop\u201d',
  ])('%s → STOP', (t) => expect(classifyInboundText(t)).toBe('STOP'))

  it.each([
    "don't stop the inspection",
    'When does the inspection end?',
    'I need to cancel my appointment for Tuesday',
    'Can you stop by Thursday?',
    'not interested',
    'Yes please call me tomorrow',
    'quite nice roof you found',
    '',
    '   ',
  ])('%s → not a revocation', (t) => expect(classifyInboundText(t)).not.toBe('STOP'))

  it('HELP and START', () => {
    expect(classifyInboundText('HELP')).toBe('HELP')
    expect(classifyInboundText('info')).toBe('HELP')
    expect(classifyInboundText('START')).toBe('START')
    expect(classifyInboundText('unstop')).toBe('START')
    expect(classifyInboundText('help me understand the quote')).toBeNull()
  })
})
