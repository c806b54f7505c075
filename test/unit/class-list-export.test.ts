import { describe, expect, it } from 'vitest'
import {
  CLASS_LIST_EXPORT_FIELDS,
  fitUtf8Bytes,
  toExportRecord,
  utf8Length,
  type ExportEntryRow,
  type ExportListHeader,
} from '../../server/src/domain/class-list-export.ts'

const LIST: ExportListHeader = {
  id: 12,
  adcode: '430903',
  county: '赫山区',
  cityCode: '430900',
  city: '益阳市',
  province: '湖南省',
  title: '测试清单',
  ruleSetVersion: 'default-2026.1',
  reviewStatus: 'published',
  isComplete: true,
  parcelCount: 1,
  hasGeneratedData: true,
  createdBy: 'gengdi',
  createdAt: new Date('2026-03-01T02:00:00Z'),
  publishedAt: null,
}
const ROW: ExportEntryRow = {
  townshipCode: '430903001',
  township: '赫山街道',
  parcelCode: 'HS-0001',
  dlbm: '0101',
  areaM2: 10_000,
  class: 'safe_use',
  method: 'interpolated',
  soilGrade: 'B',
  mainPollutants: ['Cd', 'Pb'],
  sampleCount: 3,
  basisSummary: '依据'.repeat(100),
  computedClass: null,
  overrideReason: null,
  isGenerated: true,
}

describe('class list export fields', () => {
  it('when the field list is read, then every short name is unique, ASCII and at most 10 characters (dBASE)', () => {
    const names = CLASS_LIST_EXPORT_FIELDS.map((f) => f.name)
    expect(new Set(names).size).toBe(names.length)
    for (const n of names) expect(n).toMatch(/^[A-Z][A-Z_]{0,9}$/)
    for (const f of CLASS_LIST_EXPORT_FIELDS) expect(f.width, f.name).toBeLessThanOrEqual(254)
  })

  it('when an entry is mapped, then codes become Chinese names and areas are in 亩 and hectares', () => {
    const r = toExportRecord(ROW, LIST)
    expect(r).toMatchObject({
      SDM: '430000',
      XZQMC: '赫山区',
      DLMC: '水田',
      MJ_MU: 15,
      MJ_HA: 1,
      LB: 'safe_use',
      LBMC: '安全利用类',
      HDFF: '邻近样点推断',
      TRDJ: 'B',
      ZYWRW: '镉、铅',
      YDS: 3,
      QDBH: 12,
      QDZT: '已发布',
      JSLBMC: null,
    })
    expect(r.YJ).toBe(ROW.basisSummary)
  })

  it('when an entry is mapped for a Shapefile, then each text fits its dBASE width without splitting a character', () => {
    const r = toExportRecord(ROW, LIST, { isDbf: true })
    expect(utf8Length(String(r.YJ))).toBeLessThanOrEqual(254)
    expect(String(r.YJ).endsWith('…')).toBe(true)
  })
})

describe('fitUtf8Bytes', () => {
  it('when the text fits, then it is unchanged', () => {
    expect(fitUtf8Bytes('镉超标', 9)).toBe('镉超标')
  })
  it('when the text is one byte too long, then it is cut on a character boundary and ends in …', () => {
    expect(fitUtf8Bytes('镉超标a', 9)).toBe('镉超…')
    expect(utf8Length(fitUtf8Bytes('a镉超标', 9))).toBeLessThanOrEqual(9)
  })
})
