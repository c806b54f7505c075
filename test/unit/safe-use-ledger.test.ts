import { describe, expect, it } from 'vitest'
import {
  DEFAULT_MEASURES,
  checkLedgerCells,
  defaultDegree,
  ledgerInconsistency,
  parseMeasureSetting,
  readDate,
  readLedgerHeader,
  type LedgerField,
} from '../../server/src/domain/safe-use-ledger.ts'

describe('the degree a published class gives', () => {
  it.each([
    ['strict', null, 'severe'],
    ['safe_use', 'none', 'slight'],
    ['safe_use', 'ok', 'slight'],
    ['safe_use', 'slight', 'mild_moderate'],
    ['safe_use', 'serious', 'mild_moderate'],
    ['priority', null, null],
    ['unclassified', null, null],
  ])('when published %s with produce %s, then %s', (cls, crop, degree) => {
    expect(defaultDegree(cls, crop)).toBe(degree)
  })
})

describe('a ledger row against the published class', () => {
  it.each([
    ['severe', 'strict', null],
    ['slight', 'safe_use', null],
    ['mild_moderate', 'safe_use', null],
    ['severe', 'priority', 'PUBLISHED_PRIORITY'],
    ['severe', 'safe_use', 'DEGREE_DISAGREES'],
    ['slight', 'strict', 'DEGREE_DISAGREES'],
    ['mild_moderate', 'unclassified', 'NOT_PUBLISHED'],
    ['slight', null, 'PARCEL_GONE'],
  ] as const)('when counted %s and published %s, then %s', (degree, publishedClass, code) => {
    expect(ledgerInconsistency({ degree, publishedClass })?.code ?? null).toBe(code)
  })

  it('when a parcel counted 重度 is published 优先保护类, then the message says both', () => {
    expect(ledgerInconsistency({ degree: 'severe', publishedClass: 'priority' })!.message).toBe(
      '台账按重度污染计入，但已公布为优先保护类（未受污染）',
    )
  })
})

describe('the measure vocabulary setting', () => {
  it('when names with their buckets are given, then they are the vocabulary in order', () => {
    expect(parseMeasureSetting('低积累品种替代:安全利用类；休耕：严格管控类')).toEqual([
      { name: '低积累品种替代', bucket: 'safe_use' },
      { name: '休耕', bucket: 'strict' },
    ])
  })

  it.each(['休耕', '休耕:严管类', '休耕:严格管控类;休耕:严格管控类', ' ; '])(
    'when the setting is %j, then it is refused',
    (text) => {
      expect(() => parseMeasureSetting(text)).toThrow(/SAFE_USE_MEASURES/)
    },
  )

  it('when the default vocabulary is read, then every name is once and the named measures are in their bucket', () => {
    const names = DEFAULT_MEASURES.map((m) => m.name)
    expect(new Set(names).size).toBe(names.length)
    const bucket = (name: string) => DEFAULT_MEASURES.find((m) => m.name === name)?.bucket
    expect(['低积累品种替代', '水分调控', '施用石灰调节酸性', '叶面阻控', '深翻耕'].map(bucket)).toEqual(
      Array(5).fill('safe_use'),
    )
    expect(['种植结构调整', '退耕还林还草', '休耕'].map(bucket)).toEqual(Array(3).fill('strict'))
  })
})

describe('one sheet row', () => {
  const cells =
    (row: Partial<Record<LedgerField, string>>) =>
    (field: LedgerField): string =>
      row[field] ?? ''

  it('when a row is filled as the template says, then it reads as a ledger row', () => {
    const read = checkLedgerCells(
      cells({
        parcelCode: ' 430903-0000040 ',
        areaMu: '3.5',
        degree: '轻中度',
        measures: '低积累品种替代、水分调控',
        implementedFrom: '2025/3/1',
        implementedTo: '2025-10-31',
        produce: '达标',
      }),
      DEFAULT_MEASURES,
      2025,
    )
    expect(read).toMatchObject({
      ok: true,
      value: {
        parcelCode: '430903-0000040',
        areaMu: 3.5,
        degree: 'mild_moderate',
        implementedFrom: '2025-03-01',
        implementedTo: '2025-10-31',
        produce: true,
      },
    })
    if (read.ok) expect(read.value.measures.map((m) => m.name)).toEqual(['低积累品种替代', '水分调控'])
  })

  it('when the produce cell is empty, then the outcome is left to the monitoring (undefined), 未监测 is null', () => {
    const empty = checkLedgerCells(cells({ parcelCode: 'X' }), DEFAULT_MEASURES, 2025)
    const none = checkLedgerCells(cells({ parcelCode: 'X', produce: '未监测' }), DEFAULT_MEASURES, 2025)
    expect(empty.ok && empty.value.produce).toBeUndefined()
    expect(none.ok && none.value.produce).toBeNull()
  })

  it.each([
    [{ parcelCode: '' }, '图斑编号', '必填'],
    [{ parcelCode: 'X', areaMu: '0' }, '面积（亩）', '大于 0'],
    [{ parcelCode: 'X', areaMu: '三亩' }, '面积（亩）', '三亩'],
    [{ parcelCode: 'X', degree: '严重' }, '污染程度', '严重'],
    [{ parcelCode: 'X', measures: '撒点魔法粉' }, '措施', '撒点魔法粉'],
    [{ parcelCode: 'X', measures: '休耕、休耕' }, '措施', '重复'],
    [{ parcelCode: 'X', implementedFrom: '2025-02-30' }, '实施开始日期', '2025-02-30'],
    [{ parcelCode: 'X', implementedFrom: '2026-01-01' }, '实施开始日期', '晚于 2025 年底'],
    [{ parcelCode: 'X', implementedTo: '2024-12-31' }, '实施结束日期', '早于 2025 年初'],
    [
      { parcelCode: 'X', implementedFrom: '2025-05-01', implementedTo: '2025-04-01' },
      '实施结束日期',
      '早于实施开始日期',
    ],
    [{ parcelCode: 'X', produce: '合格' }, '农产品是否达标', '合格'],
    [{ parcelCode: 'X', implementer: '乡'.repeat(101) }, '实施主体', '超过 100 字'],
  ] as const)('when a row has %j, then 「%s」 is refused saying %s', (row, column, says) => {
    const read = checkLedgerCells(cells(row), DEFAULT_MEASURES, 2025)
    expect(read.ok).toBe(false)
    if (read.ok) return
    expect(read.problems[0].column).toBe(column)
    expect(read.problems[0].message).toContain(says)
  })

  it.each([
    ['2025-1-5', '2025-01-05'],
    ['2025年1月5日', '2025-01-05'],
    ['2024-02-29', '2024-02-29'],
    ['2025-02-29', null],
    ['5/1/2025', null],
  ])('when the date is %s, then it reads %s', (text, date) => {
    expect(readDate(text)).toBe(date)
  })
})

describe('the header row', () => {
  it('when 图斑编号 is missing, then the header is refused naming it', () => {
    expect(readLedgerHeader(['措施', '面积（亩）'])).toEqual({
      ok: false,
      message: '第 1 行（表头）缺少必填列「图斑编号」，请使用台账模板',
    })
  })

  it('when a column is not in the template, then it is named', () => {
    const head = readLedgerHeader(['图斑编号', '地块名称'])
    expect(head.ok).toBe(false)
    if (!head.ok) expect(head.message).toContain('「地块名称」')
  })

  it('when a header carries its unit in other brackets, then it is still found', () => {
    const head = readLedgerHeader(['图斑编号', '面积(亩)'])
    expect(head.ok && head.index.get('areaMu')).toBe(1)
  })
})
