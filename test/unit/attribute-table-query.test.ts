import { describe, expect, it } from 'vitest'
import {
  bboxParam,
  initialQuery,
  queryString,
  setFilter,
  sortBy,
} from '../../client/src/features/attribute-table/attribute-table-query.ts'

describe('the attribute table query of the client', () => {
  it('when a header is clicked, then its column sorts ascending, and a second click turns it descending', () => {
    const q = initialQuery('430903')
    const byArea = sortBy(q, 'areaMu')
    expect([byArea.sort, byArea.dir]).toEqual(['areaMu', 'asc'])
    expect(sortBy(byArea, 'areaMu').dir).toBe('desc')
    expect([sortBy(sortBy(byArea, 'areaMu'), 'code').sort, sortBy(sortBy(byArea, 'areaMu'), 'code').dir]).toEqual([
      'code',
      'asc',
    ])
  })

  it('when another county is chosen, then the township of the old one is cleared; other filters stay', () => {
    const q = setFilter(initialQuery('430903'), { filters: { township: 'township:430903001', class: 'class:strict' } })
    expect(setFilter(q, { areaMin: '3' }).filters.township).toBe('township:430903001')
    expect(setFilter(q, { adcode: '220322' }).filters).toEqual({ class: 'class:strict' })
  })

  it('when the query is written, then only the filters set go out, the box only with 当前视图', () => {
    const q = setFilter(initialQuery('430903'), {
      filters: { class: 'class:strict', land: 'dlbm:01' },
      areaMin: ' 2.5 ',
      bbox: '1,2,3,4',
    })
    const county = new URLSearchParams(queryString(q, { offset: 100, limit: 100 }))
    expect(Object.fromEntries(county)).toEqual({
      scope: 'county',
      sort: 'code',
      dir: 'asc',
      adcode: '430903',
      class: 'strict',
      dlbm: '01',
      areaMin: '2.5',
      offset: '100',
      limit: '100',
    })
    const view = new URLSearchParams(queryString({ ...q, scope: 'view' }, { format: 'csv' }))
    expect(view.get('bbox')).toBe('1,2,3,4')
    expect(view.get('format')).toBe('csv')
  })

  it('when the view reaches past the earth, then the box is kept within ±180° and ±90°', () => {
    expect(bboxParam([-190.1234567, -95, 112.5, 28.6])).toBe('-180.000000,-90.000000,112.500000,28.600000')
  })
})
