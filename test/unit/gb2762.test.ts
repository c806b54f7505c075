import { describe, expect, it } from 'vitest'
import { DEFAULT_RULE_SET } from '../../server/src/domain/class-rules.ts'
import { assessCropSample } from '../../server/src/domain/assess-sample.ts'
import {
  CROP_GROUPS,
  DEFAULT_GB2762_EDITION,
  GB2762_EDITIONS,
  cropGroupOf,
  cropLimit,
  type CropContaminant,
  type CropGroup,
} from '../../server/src/domain/gb2762.ts'

/** An independently typed copy of GB 2762-2022 as transcribed (docs/domain-notes.md §3.3), mg/kg fresh weight. */
const GB2762_2022: Record<CropGroup, Record<CropContaminant, number>> = {
  稻谷: { Cd: 0.2, Pb: 0.2, As: 0.35, Hg: 0.02, Cr: 1.0 },
  糙米: { Cd: 0.2, Pb: 0.2, As: 0.35, Hg: 0.02, Cr: 1.0 },
  大米: { Cd: 0.2, Pb: 0.2, As: 0.2, Hg: 0.02, Cr: 1.0 },
  小麦玉米及其他谷物: { Cd: 0.1, Pb: 0.2, As: 0.5, Hg: 0.02, Cr: 1.0 },
  新鲜蔬菜: { Cd: 0.05, Pb: 0.1, As: 0.5, Hg: 0.01, Cr: 0.5 },
  叶菜蔬菜: { Cd: 0.2, Pb: 0.3, As: 0.5, Hg: 0.01, Cr: 0.5 },
  豆类蔬菜: { Cd: 0.1, Pb: 0.2, As: 0.5, Hg: 0.01, Cr: 0.5 },
  块根和块茎蔬菜: { Cd: 0.1, Pb: 0.1, As: 0.5, Hg: 0.01, Cr: 0.5 },
  薯类: { Cd: 0.1, Pb: 0.2, As: 0.5, Hg: 0.01, Cr: 0.5 },
  茎类蔬菜: { Cd: 0.1, Pb: 0.1, As: 0.5, Hg: 0.01, Cr: 0.5 },
  芹菜: { Cd: 0.2, Pb: 0.1, As: 0.5, Hg: 0.01, Cr: 0.5 },
  黄花菜: { Cd: 0.2, Pb: 0.1, As: 0.5, Hg: 0.01, Cr: 0.5 },
  芸薹类蔬菜: { Cd: 0.05, Pb: 0.2, As: 0.5, Hg: 0.01, Cr: 0.5 },
  生姜: { Cd: 0.1, Pb: 0.2, As: 0.5, Hg: 0.01, Cr: 0.5 },
}
const CONTAMINANTS: CropContaminant[] = ['Cd', 'Pb', 'As', 'Hg', 'Cr']
const STEP = 0.001

const limitCases = (Object.keys(GB2762_2022) as CropGroup[]).flatMap((group) =>
  CONTAMINANTS.map((c) => ({ group, c, limit: GB2762_2022[group][c] })),
)

describe('GB 2762-2022 limits by crop group', () => {
  it('when the groups are listed, then they are exactly those of the copy', () => {
    expect([...CROP_GROUPS].sort()).toEqual(Object.keys(GB2762_2022).sort())
  })

  it.each(limitCases)(
    'when $group $c is looked up, then the limit is $limit and the basis names the edition',
    ({ group, c, limit }) => {
      const l = cropLimit('GB 2762-2022', group, c)
      expect(l.value).toBe(limit)
      expect(l.basis.startsWith('GB 2762-2022 ')).toBe(true)
    },
  )

  it.each(limitCases)(
    'when $group $c equals $limit, then the crop is within the limit; a step above, it exceeds',
    ({ group, c, limit }) => {
      const at = assessCropSample({ crop: group, values: { [c]: limit } }, DEFAULT_RULE_SET)
      expect(at.result).toBe('ok')
      expect(at.items[0]).toMatchObject({ value: limit, limit })
      const above = assessCropSample({ crop: group, values: { [c]: limit + STEP } }, DEFAULT_RULE_SET)
      expect(above.result).toBe('slight')
      expect(above.reasons.map((r) => r.code)).toContain('CROP_ABOVE_LIMIT')
    },
  )

  it('when rice arsenic is looked up, then it is inorganic arsenic, other cereals total arsenic', () => {
    expect(cropLimit('GB 2762-2022', '稻谷', 'As')).toMatchObject({ form: '无机砷' })
    expect(cropLimit('GB 2762-2022', '稻谷', 'As').basis).toContain('稻谷（以糙米计）')
    expect(cropLimit('GB 2762-2022', '小麦玉米及其他谷物', 'As')).toMatchObject({ form: '总砷' })
  })
})

describe('editions', () => {
  it('when the editions are listed, then 2022 is the default and every edition is labelled unverified with a note', () => {
    expect(DEFAULT_GB2762_EDITION).toBe('GB 2762-2022')
    expect(DEFAULT_RULE_SET.gb2762Edition).toBe('GB 2762-2022')
    for (const e of Object.values(GB2762_EDITIONS)) {
      expect(e.status).toBe('unverified')
      expect(e.note).toContain('未与官方文本核对')
    }
  })

  it('when the 2017 edition is chosen, then 稻谷 and 糙米 inorganic arsenic is 0.2 and the rest is as 2022', () => {
    expect(cropLimit('GB 2762-2017', '稻谷', 'As').value).toBe(0.2)
    expect(cropLimit('GB 2762-2017', '糙米', 'As').value).toBe(0.2)
    expect(cropLimit('GB 2762-2017', '大米', 'As').value).toBe(0.2)
    expect(cropLimit('GB 2762-2017', '叶菜蔬菜', 'Cd').value).toBe(0.2)
    expect(cropLimit('GB 2762-2017', '稻谷', 'Cd').basis).toBe('GB 2762-2017 镉 稻谷（以糙米计）')
    const rules = { ...DEFAULT_RULE_SET, gb2762Edition: 'GB 2762-2017' }
    expect(assessCropSample({ crop: '稻谷', values: { As: 0.3 } }, rules).result).toBe('slight')
    expect(assessCropSample({ crop: '稻谷', values: { As: 0.3 } }, DEFAULT_RULE_SET).result).toBe('ok')
  })

  it('when an unknown edition is asked for, then it is refused as misuse', () => {
    expect(() => cropLimit('GB 2762-1999', '稻谷', 'Cd')).toThrow()
    expect(() =>
      assessCropSample({ crop: '稻谷', values: { Cd: 0.1 } }, { ...DEFAULT_RULE_SET, gb2762Edition: 'GB 2762-1999' }),
    ).toThrow()
  })
})

describe('crop names', () => {
  it.each([
    ['稻谷', '稻谷'],
    ['水稻', '稻谷'],
    ['大米', '大米'],
    ['糙米', '糙米'],
    ['小麦', '小麦玉米及其他谷物'],
    ['玉米', '小麦玉米及其他谷物'],
    ['菠菜', '叶菜蔬菜'],
    ['叶菜', '叶菜蔬菜'],
    ['马铃薯', '薯类'],
    ['萝卜', '块根和块茎蔬菜'],
    ['芹菜', '芹菜'],
    ['甘蓝', '芸薹类蔬菜'],
    ['番茄', '新鲜蔬菜'],
    [' 玉米 ', '小麦玉米及其他谷物'],
  ])('when the crop is %s, then the group is %s', (crop, group) => {
    expect(cropGroupOf(crop)).toBe(group)
  })

  it('when the crop is not known, then no group is guessed and the crop result is unknown with the reason', () => {
    expect(cropGroupOf('烟叶')).toBeNull()
    const a = assessCropSample({ crop: '烟叶', values: { Cd: 5 } }, DEFAULT_RULE_SET)
    expect(a.result).toBe('unknown')
    expect(a.reasons[0].code).toBe('UNKNOWN_CROP')
    expect(a.reasons[0].message).toContain('烟叶')
  })
})
