import { describe, expect, it } from 'vitest'
import {
  ANNOUNCEMENT_CSV_HEADER,
  announcementCsv,
  diffAnnouncement,
  isJurisdictionOfList,
  isSameEntries,
  jurisdictionOf,
  jurisdictionProblem,
  removalReason,
  type ListEntry,
} from '../../server/src/domain/list-announcement.ts'

function entry(code: string, overrides: Partial<ListEntry> = {}): ListEntry {
  return {
    code,
    name: `地块 ${code}`,
    adcode: '430903',
    county: '益阳市 赫山区',
    status: 'suspected',
    statusName: '疑似污染地块',
    riskLevel: null,
    riskLevelName: null,
    address: null,
    areaMu: 1.5,
    negativeList: [],
    ...overrides,
  }
}

describe('jurisdictions of the three lists', () => {
  it.each([
    ['suspected', '430903', '430903'],
    ['contaminated', '430903', '430900'],
    ['control', '430903', '430000'],
    ['control', '220322', '220000'],
  ] as const)('when the %s list of county %s is asked for, then it is kept by %s', (list, county, expected) => {
    expect(jurisdictionOf(list, county)).toBe(expected)
  })

  it.each([
    ['suspected', '430903', true],
    ['suspected', '430900', false],
    ['suspected', '430000', false],
    ['contaminated', '430900', true],
    ['contaminated', '430903', false],
    ['contaminated', '430000', false],
    ['control', '430000', true],
    ['control', '430900', false],
    ['control', '030000', false],
    ['control', '43000', false],
  ] as const)('when the %s list is asked for jurisdiction %s, then it fits: %s', (list, code, fits) => {
    expect(isJurisdictionOfList(list, code)).toBe(fits)
    expect(jurisdictionProblem(list, code) === null).toBe(fits)
  })

  it('when the level is wrong, then the problem names the keeper and the code expected', () => {
    expect(jurisdictionProblem('contaminated', '430000')).toBe(
      '污染地块名录由设区的市级生态环境主管部门发布，辖区应为设区的市代码（如 430900），收到的是“430000”',
    )
  })
})

describe('diffAnnouncement', () => {
  it('when there is no earlier version, then every plot is 新增 against version 0', () => {
    const a = diffAnnouncement('suspected', null, [entry('B'), entry('A')], new Map())
    expect(a.previousVersion).toBe(0)
    expect(a.added.map((e) => e.code)).toEqual(['A', 'B'])
    expect(a.counts).toEqual({ added: 2, kept: 0, removed: 0, total: 2 })
  })

  it('when plots come, stay and go, then each is 新增, 保留 or 移出 by code, and a changed field does not make a kept plot new', () => {
    const previous = { version: 3, entries: [entry('A'), entry('B'), entry('C')] }
    const current = [entry('A', { name: '改名' }), entry('D')]
    const a = diffAnnouncement(
      'suspected',
      previous,
      current,
      new Map([
        ['B', 'contaminated'],
        ['C', 'cleared'],
      ]),
    )
    expect(a.previousVersion).toBe(3)
    expect(a.added.map((e) => e.code)).toEqual(['D'])
    expect(a.kept.map((e) => [e.code, e.name])).toEqual([['A', '改名']])
    expect(a.removed.map((e) => [e.code, e.movedTo, e.reason])).toEqual([
      ['B', 'contaminated', '地块现为“污染地块”，转入污染地块名录'],
      ['C', 'removed', '地块现为“调查评估后无需管控”，移出疑似污染地块名单'],
    ])
    expect(a.counts).toEqual({ added: 1, kept: 1, removed: 2, total: 2 })
  })

  it.each([
    ['contaminated', 'listed', 'control', '地块现为“列入风险管控和修复名录”，转入建设用地土壤污染风险管控和修复名录'],
    ['control', 'removed', 'removed', '地块现为“已移出名录”，移出建设用地土壤污染风险管控和修复名录'],
    ['control', 'control_zone', 'control', '地块已不在本辖区的建设用地土壤污染风险管控和修复名录中'],
    ['suspected', null, null, '地块已不在发布范围内'],
  ] as const)('when a plot leaves the %s list and is now %s, then it moved to %s', (list, status, movedTo, reason) => {
    expect(removalReason(list, status)).toEqual({ movedTo, reason })
  })
})

describe('isSameEntries', () => {
  it('when the same plots come back from jsonb with their keys reordered and in another order, then the versions are the same', () => {
    const a = [entry('A', { negativeList: [{ useCode: 'R', useName: '居住用地', basis: '第六十一条' }] }), entry('B')]
    const reordered = JSON.parse(
      JSON.stringify(a.reverse().map((e) => Object.fromEntries(Object.entries(e).reverse()))),
    )
    expect(isSameEntries(a, reordered)).toBe(true)
  })

  it('when one field of one plot differs, or a plot is missing, then they differ', () => {
    expect(isSameEntries([entry('A')], [entry('A', { riskLevel: 'high' })])).toBe(false)
    expect(isSameEntries([entry('A')], [entry('A'), entry('B')])).toBe(false)
    expect(isSameEntries([entry('A')], [entry('B')])).toBe(false)
  })
})

describe('announcementCsv', () => {
  it('when a version is written as CSV, then it starts with a BOM, a title and the header, then 新增, 保留 and 移出 rows with quoting and no formulas', () => {
    const previous = { version: 1, entries: [entry('K'), entry('R')] }
    const current = [
      entry('K'),
      entry('N', {
        name: '=HYPERLINK("x")',
        address: '甲路 1 号, 乙区',
        riskLevelName: '高',
        negativeList: [
          { useCode: 'R', useName: '居住用地', basis: 'b' },
          { useCode: 'A', useName: '公共管理与公共服务设施用地', basis: 'b' },
        ],
      }),
    ]
    const csv = announcementCsv(
      { list: 'suspected', jurisdictionName: '益阳市赫山区', version: 2, publishedAt: '2026-11-23 10:00' },
      diffAnnouncement('suspected', previous, current, new Map([['R', 'cleared']])),
    )
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const lines = csv.slice(1).split('\r\n')
    expect(lines[0]).toBe(
      '益阳市赫山区疑似污染地块名单（第 2 版，2026-11-23 发布；与第 1 版相比新增 1 个、保留 1 个、移出 1 个）',
    )
    expect(lines[1]).toBe(ANNOUNCEMENT_CSV_HEADER.join(','))
    expect(lines[2]).toBe(
      `新增,N,"'=HYPERLINK(""x"")",益阳市 赫山区,疑似污染地块,高,"甲路 1 号, 乙区",1.5,居住用地、公共管理与公共服务设施用地,`,
    )
    expect(lines[3]).toBe('保留,K,地块 K,益阳市 赫山区,疑似污染地块,,,1.5,,')
    expect(lines[4]).toBe(
      '移出,R,地块 R,益阳市 赫山区,疑似污染地块,,,1.5,,地块现为“调查评估后无需管控”，移出疑似污染地块名单',
    )
    expect(lines[5]).toBe('')
  })
})
