// IANA time zones the runtime knows (Intl), used to validate an org's time zone (quiet hours, schedules).
let cached: ReadonlySet<string> | undefined

export function timeZones(): ReadonlySet<string> {
  cached ??= new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])
  return cached
}

export const isTimeZone = (tz: string) => timeZones().has(tz)

/** US zones first (our customers), then the rest — for the settings select. */
export function timeZoneOptions(): string[] {
  const all = [...timeZones()].sort()
  const us = all.filter((z) => z.startsWith('America/') || z.startsWith('Pacific/Honolulu') || z === 'UTC')
  return [...us, ...all.filter((z) => !us.includes(z))]
}
