// Company facts used in legal copy. Keep in sync with COMPANY_POSTAL_ADDRESS (lib/env.ts), used in emails.
export const COMPANY = {
  legalName: 'Fish Mouth Inc.',
  postalAddress: '100 Main St, Austin, TX 78701, USA',
  supportEmail: 'support@fishmouth.app',
  privacyEmail: 'privacy@fishmouth.app',
  legalEmail: 'legal@fishmouth.app',
  billingEmail: 'billing@fishmouth.app',
} as const

/** The date shown as "last updated" on the legal pages (ISO, UTC). */
export const LEGAL_LAST_UPDATED = '2026-11-23'
