// Which channels an inbound STOP text revokes, and whether it was a bare keyword. Pure.
// Decisions (tested in opt-out-scope.test.ts):
// - A revocation by text stops texts (the channel the person used). It stops EVERY channel when the person says so:
//   "stop all", "STOPALL", "stop everything", "unsubscribe me from all of it", or when the words name another
//   channel or contact in general — "stop calling me", "don't contact me again", "leave me alone", "no more emails".
// - "wrong number" / "take me off your list" stay SMS-only: they say nothing about other channels (and a wrong
//   number says nothing about the lead's e-mail).
// - how: 'keyword' when the message is a per-se keyword (give or take filler, classifyInboundText decides that it
//   is a STOP at all), 'reply_text' for a sentence.

export type OptOutScope = 'SMS' | 'ALL'

const norm = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()

const ALL_WORDS = /\b(all|stopall|everything|everyone|every\s+(channel|way))\b/
const OTHER_CHANNEL =
  /\b(call|calls|calling|phone|phoning|ring|ringing|contact|contacting|email|emails|emailing|e-mail|e-mails|mail|mailing|letters?|postcards?|alone)\b/
const KEYWORD = /^(stop|stopall|quit|end|revoke|opt ?-?out|optout|cancel|unsubscribe)( (all|please|pls|plz|now|it|that|thanks|thank you))*$/

export function optOutScope(text: string): OptOutScope {
  const n = norm(text)
  return ALL_WORDS.test(n) || OTHER_CHANNEL.test(n) ? 'ALL' : 'SMS'
}

export function optOutHow(text: string): 'keyword' | 'reply_text' {
  return KEYWORD.test(norm(text)) ? 'keyword' : 'reply_text'
}
