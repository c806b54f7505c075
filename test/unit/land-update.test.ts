import { describe, expect, it } from 'vitest'
import { describeClassWarning, describeConflict, summarizePlan } from '../../server/src/domain/land-update.ts'

const MU = 2000 / 3

describe('summarizePlan', () => {
  it('when groups of several kinds, classes and townships come in, then totals, classes and townships add up', () => {
    const s = summarizePlan([
      {
        kind: 'unchanged',
        class: 'priority',
        townshipCode: '430903001',
        townshipName: '甲镇',
        parcels: 2,
        areaM2: 2 * MU,
      },
      { kind: 'retired', class: 'priority', townshipCode: '430903002', townshipName: '乙乡', parcels: 1, areaM2: MU },
      { kind: 'added', class: 'unclassified', townshipCode: null, townshipName: null, parcels: 3, areaM2: 1.5 * MU },
    ])
    expect(s.totals).toEqual({
      unchanged: { parcels: 2, areaMu: 2 },
      changed: { parcels: 0, areaMu: 0 },
      added: { parcels: 3, areaMu: 1.5 },
      retired: { parcels: 1, areaMu: 1 },
    })
    expect(s.byClass.map((c) => [c.className, c.kinds.retired.parcels])).toEqual([
      ['优先保护类', 1],
      ['未划定', 0],
    ])
    expect(s.byTownship.map((t) => t.name)).toEqual(['甲镇', '乙乡', '未确定乡镇'])
  })
})

describe('the officer’s words', () => {
  it.each([
    ['retired', '已不存在，将退出'],
    ['changed', '已公布的类别暂时保留'],
  ] as const)('when a 严格管控类 parcel is %s, then the warning says %s', (kind, words) => {
    const text = describeClassWarning({
      kind,
      code: '430903-0000001',
      class: 'strict',
      townshipName: '甲镇',
      areaM2: MU,
      newAreaM2: 2 * MU,
    })
    expect(text).toContain('严格管控类耕地图斑 430903-0000001')
    expect(text).toContain(words)
  })

  it.each([
    [{ kind: 'retired', isReshaped: false, isRecoded: false }, '新年度图斑中已没有它'],
    [{ kind: 'changed', isReshaped: true, isRecoded: false }, '改了它的边界'],
    [{ kind: 'changed', isReshaped: true, isRecoded: true }, '改了它的边界和地类编码（0101 → 0102）'],
  ] as const)('when the new layer does %o to an edited parcel, then the conflict says so', (c, words) => {
    const text = describeConflict({ ...c, code: 'X-1', dlbm: '0101', newDlbm: '0102', editedBy: '张三' })
    expect(text).toContain('张三在系统中修改过')
    expect(text).toContain(words)
  })
})
