import { describe, expect, it } from 'vitest'
import {
  hasFilters,
  nextPageQuery,
  parseLeadQuery,
  prevPageQuery,
  queryToViewFilters,
  toFilter,
  toListInput,
  toQueryString,
  viewFiltersToQueryString,
} from './lead-query'
import { listLeadsSchema, savedViewSchema } from '@/lib/leads/schemas'

describe('lead list URL <-> query', () => {
  it('parses known values and drops junk', () => {
    const q = parseLeadQuery({
      band: 'hot,WARM,boiling',
      status: 'LOST,nope',
      scoreMin: '70',
      scoreMax: '900',
      tags: 'Storm, storm ,hoa',
      sort: 'evil',
      dir: 'sideways',
      createdFrom: '2026-01-02',
      createdTo: 'yesterday',
    })
    expect(q.band).toEqual(['HOT', 'WARM'])
    expect(q.status).toEqual(['LOST'])
    expect(q.scoreMin).toBe('70')
    expect(q.scoreMax).toBeUndefined()
    expect(q.tags).toEqual(['storm', 'hoa'])
    expect(q.sort).toBe('score')
    expect(q.dir).toBe('desc')
    expect(q.createdFrom).toBe('2026-01-02')
    expect(q.createdTo).toBeUndefined()
  })

  it('round-trips through the query string', () => {
    const q = parseLeadQuery({ q: '123 Main', band: 'HOT', assignee: 'unassigned', sort: 'address', source: 'IMPORT' })
    expect(q.dir).toBe('asc') // address sorts A→Z by default
    const again = parseLeadQuery(new URLSearchParams(toQueryString(q).slice(1)))
    expect(again).toEqual(q)
    expect(hasFilters(q)).toBe(true)
    expect(hasFilters(parseLeadQuery({ sort: 'created' }))).toBe(false)
  })

  it('makes the inclusive "created to" date exclusive for the domain', () => {
    const f = toFilter(parseLeadQuery({ createdFrom: '2026-03-01', createdTo: '2026-03-31' }))
    expect(f.createdFrom?.toISOString()).toBe('2026-03-01T00:00:00.000Z')
    expect(f.createdTo?.toISOString()).toBe('2026-04-01T00:00:00.000Z')
  })

  it('drops fields the domain schema rejects instead of failing the page', () => {
    const input = toListInput(parseLeadQuery({ assignee: 'not-a-uuid', band: 'HOT' }))
    expect(input).not.toHaveProperty('assignee')
    expect(listLeadsSchema.parse(input).band).toEqual(['HOT'])
  })

  it('keeps a trail of cursors for Previous', () => {
    const p1 = parseLeadQuery({ band: 'HOT' })
    const p2 = parseLeadQuery(new URLSearchParams(nextPageQuery(p1, 'CUR1').slice(1)))
    expect(p2.cursor).toBe('CUR1')
    const p3 = parseLeadQuery(new URLSearchParams(nextPageQuery(p2, 'CUR2').slice(1)))
    expect(p3.trail).toEqual(['0', 'CUR1'])
    const back = parseLeadQuery(new URLSearchParams(prevPageQuery(p3)!.slice(1)))
    expect(back.cursor).toBe('CUR1')
    const first = parseLeadQuery(new URLSearchParams(prevPageQuery(back)!.slice(1) || ''))
    expect(first.cursor).toBeUndefined()
    expect(first.band).toEqual(['HOT'])
    expect(prevPageQuery(p1)).toBeNull()
  })

  it('filters by scan: a uuid round-trips, is a filter and reaches the domain; junk is dropped', () => {
    const id = '0b7e6c1a-3c1d-4c2e-9f00-5a6b7c8d9e0f'
    const q = parseLeadQuery({ scanId: id.toUpperCase() })
    expect(q.scanId).toBe(id)
    expect(hasFilters(q)).toBe(true)
    expect(toQueryString(q)).toBe(`?scanId=${id}`)
    expect(parseLeadQuery(new URLSearchParams(toQueryString(q).slice(1)))).toEqual(q)
    expect(listLeadsSchema.parse(toListInput(q)).scanId).toBe(id)
    expect(parseLeadQuery({ scanId: 'not-a-scan' }).scanId).toBeUndefined()
    expect(parseLeadQuery({ scanId: `${id}' OR 1=1` }).scanId).toBeUndefined()
    // clearing the chip keeps the other filters
    expect(toQueryString({ ...parseLeadQuery({ scanId: id, band: 'HOT' }), scanId: undefined })).toBe('?band=HOT')
  })

  it('saved view filters pass the domain schema and restore the same list', () => {
    const q = parseLeadQuery({
      band: 'HOT,WARM',
      tags: 'hoa',
      createdTo: '2026-05-31',
      sort: 'updated',
      scoreMin: '65',
      scanId: '0b7e6c1a-3c1d-4c2e-9f00-5a6b7c8d9e0f',
    })
    const stored = JSON.parse(JSON.stringify(savedViewSchema.parse({ name: 'v', filters: queryToViewFilters(q) }).filters))
    expect(parseLeadQuery(new URLSearchParams(viewFiltersToQueryString(stored).slice(1)))).toEqual(q)
  })
})
