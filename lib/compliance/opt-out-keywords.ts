// Classifies an inbound text: STOP (revocation), HELP, START (re-subscribe) or null. Pure.
// Decisions (tested in opt-out-keywords.test.ts):
// - A per-se keyword (STOP, STOPALL, QUIT, END, REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE — FCC 24-24; CTIA adds OPTOUT)
//   counts when it is the whole message, give or take punctuation, "please", "now" or "all" ("Stop please", "STOP!").
// - Inside a longer sentence a bare keyword is NOT a revocation ("don't stop the inspection", "when does it end?",
//   "I need to cancel my appointment"): those go to a person in the inbox. Sentences that plainly ask to stop contact
//   are revocations: "take me off your list", "remove me", "stop texting me", "don't call me again", "unsubscribe
//   me", "opt me out", "wrong number", "lose my number".
// - "Not interested" is an answer, not a revocation: not matched.

export type InboundKind = 'STOP' | 'HELP' | 'START'

const PER_SE = new Set(['stop', 'stopall', 'stop all', 'quit', 'end', 'revoke', 'opt out', 'optout', 'opt-out', 'cancel', 'unsubscribe'])
const HELP = new Set(['help', 'info'])
const START = new Set(['start', 'unstop', 'resume'])
const FILLER = /\b(please|pls|plz|now|thanks|thank you|thx)\b/g

const PHRASES: readonly RegExp[] = [
  /\b(take|remove|delete|drop|scratch)\s+(me|my\s+(number|name|info|phone|email|address))\s+(off|from)\b/,
  /\b(remove|unsubscribe)\s+me\b/,
  /\bopt\s*-?\s*me\s+out\b/,
  /\b(stop|quit|cease|no\s+more)\s+(texting|messaging|calling|contacting|emailing|sending|the\s+texts|these\s+texts|the\s+calls|these\s+calls|texts|calls|messages)\b/,
  /\b(do\s*n[o']?t|dont|never|do\s+not)\s+(text|call|contact|message|email|e-mail|phone)\s+(me|us|this\s+number|here|again)\b/,
  /\bwrong\s+number\b/,
  /\blose\s+(my|this)\s+number\b/,
  /\bleave\s+me\s+alone\b/,
]

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

export function classifyInboundText(text: string): InboundKind | null {
  const n = normalize(text)
  if (!n) return null
  const core = n.replace(FILLER, ' ').replace(/\s+/g, ' ').trim()
  if (PER_SE.has(core) || PER_SE.has(core.replace(/^(stop|quit|end|cancel|unsubscribe)( all| it| that)?$/, '$1'))) return 'STOP'
  if (PHRASES.some((p) => p.test(n))) return 'STOP'
  if (HELP.has(core)) return 'HELP'
  if (START.has(core)) return 'START'
  return null
}
