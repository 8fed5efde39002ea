// Address normalization for de-duplication (UNIQUE (org_id, normalized_address) among live leads).
// USPS Publication 28 style: upper case, punctuation stripped, street suffixes, directionals and unit
// designators abbreviated, ZIP cut to 5 digits. "123 North Main Street, Apt. 4B, Dallas, Texas 75201-1234"
// → "123 N MAIN ST APT 4B, DALLAS, TX 75201".

/** USPS C1 street suffix abbreviations (the common ones; the table is long, these cover ~99% of US addresses). */
const SUFFIX: Record<string, string> = {
  ALLEY: 'ALY',
  ALLEE: 'ALY',
  ANNEX: 'ANX',
  ARCADE: 'ARC',
  AVENUE: 'AVE',
  AV: 'AVE',
  AVEN: 'AVE',
  AVENU: 'AVE',
  AVN: 'AVE',
  BAYOU: 'BYU',
  BEACH: 'BCH',
  BEND: 'BND',
  BLUFF: 'BLF',
  BOULEVARD: 'BLVD',
  BOUL: 'BLVD',
  BOULV: 'BLVD',
  BRANCH: 'BR',
  BRIDGE: 'BRG',
  BROOK: 'BRK',
  BYPASS: 'BYP',
  CAMP: 'CP',
  CANYON: 'CYN',
  CAPE: 'CPE',
  CAUSEWAY: 'CSWY',
  CENTER: 'CTR',
  CENTRE: 'CTR',
  CIRCLE: 'CIR',
  CIRC: 'CIR',
  CLIFF: 'CLF',
  CLUB: 'CLB',
  COMMON: 'CMN',
  CORNER: 'COR',
  COURSE: 'CRSE',
  COURT: 'CT',
  COVE: 'CV',
  CREEK: 'CRK',
  CRESCENT: 'CRES',
  CREST: 'CRST',
  CROSSING: 'XING',
  CROSSROAD: 'XRD',
  CURVE: 'CURV',
  DALE: 'DL',
  DAM: 'DM',
  DIVIDE: 'DV',
  DRIVE: 'DR',
  DRIV: 'DR',
  DRV: 'DR',
  ESTATE: 'EST',
  ESTATES: 'ESTS',
  EXPRESSWAY: 'EXPY',
  EXTENSION: 'EXT',
  FALLS: 'FLS',
  FERRY: 'FRY',
  FIELD: 'FLD',
  FIELDS: 'FLDS',
  FLAT: 'FLT',
  FORD: 'FRD',
  FOREST: 'FRST',
  FORGE: 'FRG',
  FORK: 'FRK',
  FORT: 'FT',
  FREEWAY: 'FWY',
  GARDEN: 'GDN',
  GARDENS: 'GDNS',
  GATEWAY: 'GTWY',
  GLEN: 'GLN',
  GREEN: 'GRN',
  GROVE: 'GRV',
  HARBOR: 'HBR',
  HAVEN: 'HVN',
  HEIGHTS: 'HTS',
  HIGHWAY: 'HWY',
  HIGHWY: 'HWY',
  HILL: 'HL',
  HILLS: 'HLS',
  HOLLOW: 'HOLW',
  INLET: 'INLT',
  ISLAND: 'IS',
  JUNCTION: 'JCT',
  KEY: 'KY',
  KNOLL: 'KNL',
  LAKE: 'LK',
  LAKES: 'LKS',
  LANDING: 'LNDG',
  LANE: 'LN',
  LIGHT: 'LGT',
  LOOP: 'LOOP',
  MANOR: 'MNR',
  MEADOW: 'MDW',
  MEADOWS: 'MDWS',
  MILL: 'ML',
  MISSION: 'MSN',
  MOUNT: 'MT',
  MOUNTAIN: 'MTN',
  MOTORWAY: 'MTWY',
  ORCHARD: 'ORCH',
  OVAL: 'OVAL',
  PARKWAY: 'PKWY',
  PARKWY: 'PKWY',
  PASSAGE: 'PSGE',
  PIKE: 'PIKE',
  PINE: 'PNE',
  PINES: 'PNES',
  PLACE: 'PL',
  PLAIN: 'PLN',
  PLAINS: 'PLNS',
  PLAZA: 'PLZ',
  POINT: 'PT',
  POINTE: 'PT',
  PORT: 'PRT',
  PRAIRIE: 'PR',
  RANCH: 'RNCH',
  RIDGE: 'RDG',
  RIVER: 'RIV',
  ROAD: 'RD',
  ROUTE: 'RTE',
  ROW: 'ROW',
  RUN: 'RUN',
  SHORE: 'SHR',
  SHORES: 'SHRS',
  SPRING: 'SPG',
  SPRINGS: 'SPGS',
  SQUARE: 'SQ',
  STATION: 'STA',
  STREAM: 'STRM',
  STREET: 'ST',
  STR: 'ST',
  STRT: 'ST',
  SUMMIT: 'SMT',
  TERRACE: 'TER',
  TRACE: 'TRCE',
  TRAIL: 'TRL',
  TRAILS: 'TRL',
  TURNPIKE: 'TPKE',
  VALLEY: 'VLY',
  VIEW: 'VW',
  VILLAGE: 'VLG',
  VISTA: 'VIS',
  WALK: 'WALK',
  WAY: 'WAY',
  WELLS: 'WLS',
}

const DIRECTIONAL: Record<string, string> = {
  NORTH: 'N',
  SOUTH: 'S',
  EAST: 'E',
  WEST: 'W',
  NORTHEAST: 'NE',
  NORTHWEST: 'NW',
  SOUTHEAST: 'SE',
  SOUTHWEST: 'SW',
}

/** USPS C2 secondary unit designators; "#" with no designator becomes UNIT. */
const UNIT: Record<string, string> = {
  APARTMENT: 'APT',
  APT: 'APT',
  BUILDING: 'BLDG',
  BLDG: 'BLDG',
  FLOOR: 'FL',
  FL: 'FL',
  SUITE: 'STE',
  STE: 'STE',
  UNIT: 'UNIT',
  ROOM: 'RM',
  RM: 'RM',
  LOT: 'LOT',
  SPACE: 'SPC',
  SPC: 'SPC',
  TRAILER: 'TRLR',
  TRLR: 'TRLR',
  '#': 'UNIT',
}

const STATES: Record<string, string> = {
  ALABAMA: 'AL',
  ALASKA: 'AK',
  ARIZONA: 'AZ',
  ARKANSAS: 'AR',
  CALIFORNIA: 'CA',
  COLORADO: 'CO',
  CONNECTICUT: 'CT',
  DELAWARE: 'DE',
  'DISTRICT OF COLUMBIA': 'DC',
  FLORIDA: 'FL',
  GEORGIA: 'GA',
  HAWAII: 'HI',
  IDAHO: 'ID',
  ILLINOIS: 'IL',
  INDIANA: 'IN',
  IOWA: 'IA',
  KANSAS: 'KS',
  KENTUCKY: 'KY',
  LOUISIANA: 'LA',
  MAINE: 'ME',
  MARYLAND: 'MD',
  MASSACHUSETTS: 'MA',
  MICHIGAN: 'MI',
  MINNESOTA: 'MN',
  MISSISSIPPI: 'MS',
  MISSOURI: 'MO',
  MONTANA: 'MT',
  NEBRASKA: 'NE',
  NEVADA: 'NV',
  'NEW HAMPSHIRE': 'NH',
  'NEW JERSEY': 'NJ',
  'NEW MEXICO': 'NM',
  'NEW YORK': 'NY',
  'NORTH CAROLINA': 'NC',
  'NORTH DAKOTA': 'ND',
  OHIO: 'OH',
  OKLAHOMA: 'OK',
  OREGON: 'OR',
  PENNSYLVANIA: 'PA',
  'RHODE ISLAND': 'RI',
  'SOUTH CAROLINA': 'SC',
  'SOUTH DAKOTA': 'SD',
  TENNESSEE: 'TN',
  TEXAS: 'TX',
  UTAH: 'UT',
  VERMONT: 'VT',
  VIRGINIA: 'VA',
  WASHINGTON: 'WA',
  'WEST VIRGINIA': 'WV',
  WISCONSIN: 'WI',
  WYOMING: 'WY',
  'PUERTO RICO': 'PR',
}
const STATE_CODES = new Set(Object.values(STATES))

export interface AddressParts {
  line1: string
  line2?: string | null
  city: string
  state: string
  zip: string
}

/** Upper case, "&" spelled out, punctuation except "#" and "/" (fractions) and "-" inside words removed. */
function clean(value: string): string {
  return value
    .toUpperCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' AND ')
    .replace(/#/g, ' # ')
    .replace(/[.,;:'"()[\]{}!?*_]/g, ' ')
    .replace(/\s-\s|-\s|\s-/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** "APT 4B" / "#4" / "Suite 200" → "APT 4B" / "UNIT 4" / "STE 200"; bare "4B" → "UNIT 4B". */
export function normalizeUnit(value: string | null | undefined): string {
  if (!value) return ''
  const words = clean(value).split(' ').filter(Boolean)
  if (!words.length) return ''
  const designator = UNIT[words[0]!]
  if (designator) {
    const rest = words.slice(1).filter((w) => w !== '#')
    return rest.length ? `${designator} ${rest.join(' ')}` : designator
  }
  return `UNIT ${words.join(' ')}`
}

/** Street line: directionals (first/last word, or before/after the number), suffix (last street word), units split off. */
export function normalizeStreet(line1: string): { street: string; unit: string } {
  const words = clean(line1).split(' ').filter(Boolean)
  // a unit designator inside line 1 ("123 Main St Apt 4") starts the unit part
  const unitAt = words.findIndex((w, i) => i > 0 && UNIT[w] !== undefined)
  const streetWords = unitAt >= 0 ? words.slice(0, unitAt) : words
  const unit = unitAt >= 0 ? normalizeUnit(words.slice(unitAt).join(' ')) : ''
  const out = streetWords.map((w) => DIRECTIONAL[w] ?? w)
  // the suffix is the last word, or the one before a trailing directional ("MAIN STREET NORTH")
  let last = out.length - 1
  if (last > 1 && Object.values(DIRECTIONAL).includes(out[last]!)) last--
  if (last > 0 && SUFFIX[out[last]!]) out[last] = SUFFIX[out[last]!]!
  return { street: out.join(' '), unit }
}

export function normalizeState(state: string): string {
  const s = clean(state)
  if (STATE_CODES.has(s)) return s
  return STATES[s] ?? s
}

export function normalizeZip(zip: string): string {
  const digits = zip.replace(/[^0-9]/g, '')
  return digits.slice(0, 5)
}

export function normalizeAddress(parts: AddressParts): string {
  const { street, unit: unitFromLine1 } = normalizeStreet(parts.line1)
  const unit = normalizeUnit(parts.line2) || unitFromLine1
  const line = unit ? `${street} ${unit}` : street
  return `${line}, ${clean(parts.city)}, ${normalizeState(parts.state)} ${normalizeZip(parts.zip)}`
}
