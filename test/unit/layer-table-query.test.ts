import { describe, expect, it } from 'vitest'
import {
  initialQuery,
  queryString,
  setFilter,
  sortBy,
} from '../../client/src/features/attribute-table/attribute-table-query.ts'

describe('the query of the 污染地块 and 监测点位 tables in the client', () => {
  it('when a filter holds param:value, then the query string sets that parameter (名录或状态 sets list or status)', () => {
    const q = setFilter(initialQuery('430903'), {
      filters: { stage: 'list:control', risk: 'risk:high', township: '' },
      areaMin: ' 2 ',
    })
    const params = new URLSearchParams(queryString(q, { offset: 0, limit: 100 }))
    expect(Object.fromEntries(params)).toEqual({
      scope: 'county',
      sort: 'code',
      dir: 'asc',
      adcode: '430903',
      list: 'control',
      risk: 'high',
      areaMin: '2',
      offset: '0',
      limit: '100',
    })
    const byStatus = setFilter(q, { filters: { ...q.filters, stage: 'status:suspected' } })
    expect(new URLSearchParams(queryString(byStatus, {})).get('status')).toBe('suspected')
    expect(new URLSearchParams(queryString(byStatus, {})).has('list')).toBe(false)
  })

  it('when another county is chosen, then the township filter of the old one is cleared and the others stay', () => {
    const q = setFilter(initialQuery('430903'), {
      filters: { township: 'township:430903001', level: 'level:national' },
    })
    expect(setFilter(q, { adcode: '220322' }).filters).toEqual({ level: 'level:national' })
    expect(setFilter(q, { adcode: '430903' }).filters).toEqual(q.filters)
  })

  it('when a header is clicked twice, then its column sorts ascending, then descending', () => {
    const byDate = sortBy(initialQuery('430903'), 'lastSoilSampledOn')
    expect([byDate.sort, byDate.dir]).toEqual(['lastSoilSampledOn', 'asc'])
    expect(sortBy(byDate, 'lastSoilSampledOn').dir).toBe('desc')
  })
})
