// US federal holidays (5 USC 6103), computed for any year: nothing to maintain by hand. Both the date itself and
// the observed weekday (Saturday → Friday, Sunday → Monday) count as a holiday for the no-call rules (the stricter
// reading). State-only holidays (e.g. RI Victory Day, AL Confederate Memorial Day) are NOT modelled: rows that ban
// state holidays carry verify: true (lib/compliance/rules.ts).

/** nth (1-based) weekday (0 = Sunday) of a month; n = -1 → the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay()
    return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const last = new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay()
  return lastDay - ((last - weekday + 7) % 7)
}

export interface Holiday {
  name: string
  month: number
  day: number
}

const cache = new Map<number, Set<string>>()

export function federalHolidays(year: number): Holiday[] {
  const fixed = (name: string, month: number, day: number): Holiday[] => {
    const dow = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
    const list: Holiday[] = [{ name, month, day }]
    if (dow === 6 || dow === 0) {
      const observed = new Date(Date.UTC(year, month - 1, day + (dow === 6 ? -1 : 1)))
      // New Year's Day on a Saturday is observed on 31 Dec of the year before (5 USC 6103(b)); keep it in its own year
      if (observed.getUTCFullYear() === year)
        list.push({ name: `${name} (observed)`, month: observed.getUTCMonth() + 1, day: observed.getUTCDate() })
    }
    return list
  }
  const nextNewYear = new Date(Date.UTC(year + 1, 0, 1)).getUTCDay()
  return [
    ...fixed("New Year's Day", 1, 1),
    { name: 'Birthday of Martin Luther King, Jr.', month: 1, day: nthWeekday(year, 1, 1, 3) },
    { name: "Washington's Birthday", month: 2, day: nthWeekday(year, 2, 1, 3) },
    { name: 'Memorial Day', month: 5, day: nthWeekday(year, 5, 1, -1) },
    ...fixed('Juneteenth National Independence Day', 6, 19),
    ...fixed('Independence Day', 7, 4),
    { name: 'Labor Day', month: 9, day: nthWeekday(year, 9, 1, 1) },
    { name: 'Columbus Day', month: 10, day: nthWeekday(year, 10, 1, 2) },
    ...fixed('Veterans Day', 11, 11),
    { name: 'Thanksgiving Day', month: 11, day: nthWeekday(year, 11, 4, 4) },
    ...fixed('Christmas Day', 12, 25),
    ...(nextNewYear === 6 ? [{ name: "New Year's Day (observed)", month: 12, day: 31 }] : []),
  ]
}

export function isFederalHoliday(year: number, month: number, day: number): boolean {
  let set = cache.get(year)
  if (!set) {
    set = new Set(federalHolidays(year).map((h) => `${h.month}-${h.day}`))
    cache.set(year, set)
  }
  return set.has(`${month}-${day}`)
}
