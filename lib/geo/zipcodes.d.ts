// Types for the `zipcodes` package (offline US/Canada ZIP centroids; it ships no declarations). Only what
// lib/geo/zip-index.ts reads.
/* eslint-disable fm/require-server-only -- an ambient type declaration: nothing here runs */
declare module 'zipcodes' {
  export interface ZipCode {
    zip: string
    latitude: number
    longitude: number
    city: string
    state: string
    country: string
  }
  export const codes: Record<string, ZipCode>
  export function lookup(zip: string | number): ZipCode | undefined
  export function lookupByName(city: string, state: string): ZipCode[]
  export const states: { normalize(state: string): string }
}
