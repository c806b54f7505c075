import { describe, expect, it } from 'vitest'
import {
  banZoneParcelProblem,
  banZoneSubmitRefusal,
  basisLineOf,
  describeBasis,
  normalizeProducts,
  type BanZoneParcel,
} from '../../server/src/domain/ban-zone.ts'

const parcel = (over: Partial<BanZoneParcel> = {}): BanZoneParcel => ({
  id: 1,
  adcode: '430903',
  county: '赫山区',
  code: '430903-000001',
  publishedClass: 'strict',
  townshipCode: null,
  areaM2: 6667,
  classListId: 3,
  mainPollutants: ['Cd'],
  soilGrade: 'C',
  sampleCount: 2,
  summary: null,
  location: [112.4, 28.5],
  ...over,
})
const HESHAN = { adcode: '430903', name: '赫山区' }

describe('which parcels a 禁止生产区域 may hold', () => {
  it.each([
    ['strict', null],
    ['safe_use', 'PARCEL_NOT_STRICT'],
    ['priority', 'PARCEL_NOT_STRICT'],
    ['unclassified', 'PARCEL_NOT_STRICT'],
  ])('when the published class is %s, then the problem is %s', (publishedClass, code) => {
    expect(banZoneParcelProblem(parcel({ publishedClass }), HESHAN)?.code ?? null).toBe(code)
  })

  it('when the parcel is of another county, then it is refused naming both counties, before its class', () => {
    const problem = banZoneParcelProblem(parcel({ adcode: '220322', county: '梨树县', code: '220322-000009' }), HESHAN)
    expect(problem).toEqual({
      code: 'PARCEL_OTHER_COUNTY',
      message: '图斑 220322-000009 属于梨树县，不是赫山区的图斑，不能划入赫山区的禁止生产区域',
    })
  })
})

describe('the products and the basis of a zone', () => {
  it('when no product is named, then 食用农产品; named ones are trimmed and kept once', () => {
    expect(normalizeProducts(undefined)).toEqual(['食用农产品'])
    expect(normalizeProducts([' ', ''])).toEqual(['食用农产品'])
    expect(normalizeProducts([' 水稻', '水稻', '蔬菜 '])).toEqual(['水稻', '蔬菜'])
  })

  it('when two parcels share 镉 and one adds 铅, then the basis names each pollutant once and counts the samples', () => {
    const lines = [
      basisLineOf(parcel()),
      basisLineOf(parcel({ code: 'b', mainPollutants: ['Cd', 'Pb'], sampleCount: 3 })),
    ]
    expect(lines[0].className).toBe('严格管控类')
    expect(describeBasis(lines)).toBe('已公布的严格管控类耕地 2 块，主要污染物 镉、铅，依据监测点位 5 个')
  })

  it('when the announcement is incomplete or no parcel is held, then 提交审定 is refused saying what is missing', () => {
    const complete = {
      announcementNo: '文号',
      announcementDate: '2026-03-01',
      announcementText: '内容',
      parcelCount: 1,
    }
    expect(banZoneSubmitRefusal(complete)).toBeNull()
    expect(banZoneSubmitRefusal({ ...complete, announcementText: '  ', parcelCount: 0 })).toBe(
      '缺少公告内容、至少一块严格管控类耕地，不能提交审定；请补全后再提交',
    )
  })
})
