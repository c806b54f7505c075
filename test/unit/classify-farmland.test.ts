import { describe, expect, it } from 'vitest'
import { DEFAULT_RULE_SET, checkRuleSet, type ClassRuleSet } from '../../server/src/domain/class-rules.ts'
import {
  SOIL_GRADE_LABEL,
  assessCropSample,
  assessSoilSample,
  landUseOfDlbm,
  type Element,
  type LandUse,
} from '../../server/src/domain/assess-sample.ts'
import {
  CLASS_LABEL,
  METHOD_LABEL,
  classifyParcel,
  type FarmlandClass,
  type PointEvidence,
} from '../../server/src/domain/classify-farmland.ts'
import { GB2762_EDITIONS } from '../../server/src/domain/gb2762.ts'

const RULES = DEFAULT_RULE_SET

interface PointSpec {
  distanceM?: number
  soil?: Partial<Record<Element, number>> | null
  ph?: number | null
  landUse?: LandUse
  crop?: { crop: string; values: Record<string, number> }
}

/** A graded point as the job would pass it: paddy at pH 6.2 (Cd screening 0.4, intervention 2.0) unless told. */
function point(code: string, spec: PointSpec = {}): PointEvidence {
  const soilValues = spec.soil === undefined ? { Cd: 0.2 } : spec.soil
  return {
    pointId: Number(code.replace(/\D/g, '')) || 1,
    pointCode: code,
    sampledOn: '2025-06-01',
    distanceM: spec.distanceM ?? 0,
    soil:
      soilValues === null
        ? null
        : assessSoilSample({
            landUse: spec.landUse ?? '水田',
            rotation: false,
            ph: spec.ph === undefined ? 6.2 : spec.ph,
            values: soilValues,
          }),
    crop: spec.crop ? assessCropSample(spec.crop, RULES) : null,
  }
}

const SOIL_OF_GRADE = { A: { Cd: 0.3 }, B: { Cd: 0.5 }, C: { Cd: 2.5 } } as const
/** 稻谷 Cd (limit 0.2): ok, slight (1.5 ×), serious (2.5 ×). */
const CROP_OF_RESULT = {
  none: undefined,
  ok: { crop: '稻谷', values: { Cd: 0.1 } },
  slight: { crop: '稻谷', values: { Cd: 0.3 } },
  serious: { crop: '稻谷', values: { Cd: 0.5 } },
} as const

/** docs/domain-notes.md §3.2 step 4 with the defaults chosen for the provincial choices, written out independently. */
const EXPECTED_MATRIX: Record<'A' | 'B' | 'C', Record<'none' | 'ok' | 'slight' | 'serious', FarmlandClass>> = {
  A: { none: 'priority', ok: 'priority', slight: 'safe_use', serious: 'safe_use' },
  B: { none: 'safe_use', ok: 'safe_use', slight: 'safe_use', serious: 'strict' },
  C: { none: 'strict', ok: 'safe_use', slight: 'strict', serious: 'strict' },
}

describe('landUseOfDlbm', () => {
  it.each([
    ['0101', '水田'],
    ['0102', '水浇地'],
    ['0103', '旱地'],
    ['0201', '果园'],
    ['0201K', '果园'],
    ['0202', '其他'],
    ['0204', '其他'],
    ['0301', '其他'],
    ['1202', '其他'],
    ['', '其他'],
  ])('when the 三调 code is "%s", then the land use is %s', (dlbm, landUse) => {
    expect(landUseOfDlbm(dlbm)).toBe(landUse)
  })
})

describe('assessSoilSample', () => {
  it('when pH is missing, then the grade is review with the reason and no pH is assumed', () => {
    const a = assessSoilSample({ landUse: '水田', rotation: false, ph: null, values: { Cd: 5 } })
    expect(a.grade).toBe('review')
    expect(a.items).toEqual([])
    expect(a.reasons).toHaveLength(1)
    expect(a.reasons[0].code).toBe('PH_MISSING')
    expect(a.reasons[0].message).toContain('待复核')
  })

  it('when none of the five metals is measured, then the grade is review although Cu is reported', () => {
    const a = assessSoilSample({ landUse: '旱地', rotation: false, ph: 6, values: { Cu: 80 } })
    expect(a.grade).toBe('review')
    expect(a.reasons[0].code).toBe('NO_GRADING_ELEMENTS')
    expect(a.items).toHaveLength(1)
    expect(a.items[0]).toMatchObject({ element: 'Cu', exceedsScreening: true })
  })

  it('when only some of the five metals are measured, then the grade uses them and a reason names the missing ones', () => {
    const a = assessSoilSample({ landUse: '旱地', rotation: false, ph: 6, values: { Cd: 0.1, Pb: 20 } })
    expect(a.grade).toBe('A')
    expect(a.reasons.find((r) => r.code === 'PARTIAL_ELEMENTS')?.message).toContain('汞、砷、铬')
  })

  it('when the worst metal is above intervention and another above screening, then the grade is C and both reasons are given', () => {
    const a = assessSoilSample({
      landUse: '水田',
      rotation: false,
      ph: 5,
      values: { Cd: 1.6, Pb: 90, Hg: 0.1, As: 5, Cr: 50 },
    })
    expect(a.grade).toBe('C')
    expect(a.reasons.map((r) => r.code)).toEqual(['ABOVE_INTERVENTION', 'ABOVE_SCREENING'])
    expect(a.reasons[0].message).toBe('镉 1.6 mg/kg 超过管制值 1.5（GB 15618-2018 表3 镉 pH≤5.5）')
    expect(a.items.map((l) => l.element)).toEqual(['Cd', 'Hg', 'As', 'Pb', 'Cr'])
  })

  it.each([
    ['a negative value', { landUse: '水田', rotation: false, ph: 6, values: { Cd: -0.01 } }],
    ['an unknown element', { landUse: '水田', rotation: false, ph: 6, values: { Fe: 1 } }],
    ['pH above 14', { landUse: '水田', rotation: false, ph: 14.2, values: { Cd: 0.1 } }],
    ['a NaN value', { landUse: '水田', rotation: false, ph: 6, values: { Cd: Number.NaN } }],
    ['an unknown land use', { landUse: '林地', rotation: false, ph: 6, values: { Cd: 0.1 } }],
  ])('when called with %s, then it throws (misuse: the HTTP layer validates first)', (_what, input) => {
    expect(() => assessSoilSample(input as never)).toThrow(RangeError)
  })
})

describe('assessCropSample', () => {
  it.each([
    [0.2, 'ok'],
    [0.2001, 'slight'],
    [0.4, 'slight'],
    [0.4001, 'serious'],
    [0, 'ok'],
  ] as const)('when 稻谷 Cd is %d (limit 0.2, serious above 2 ×), then the result is %s', (cd, result) => {
    expect(assessCropSample({ crop: '稻谷', values: { Cd: cd } }, RULES).result).toBe(result)
  })

  it('when the rule set moves the serious ratio to 3, then 2.5 × is slight', () => {
    expect(assessCropSample({ crop: '稻谷', values: { Cd: 0.5 } }, { ...RULES, cropSeriousRatio: 3 }).result).toBe(
      'slight',
    )
  })

  it('when a crop sample has no values, then the result is unknown with the reason', () => {
    const a = assessCropSample({ crop: '稻谷', values: {} }, RULES)
    expect(a.result).toBe('unknown')
    expect(a.reasons[0].code).toBe('NO_CROP_VALUES')
  })

  it('when the largest ratio decides, then maxRatio and the reason name it', () => {
    const a = assessCropSample({ crop: '小麦', values: { Cd: 0.15, Pb: 0.1 } }, RULES)
    expect(a.maxRatio).toBeCloseTo(1.5, 10)
    expect(a.edition).toBe('GB 2762-2022')
    expect(a.reasons[0].message).toContain('镉 0.15 mg/kg 超过限量 0.1')
  })

  it('when a crop value is negative or unknown, then it throws', () => {
    expect(() => assessCropSample({ crop: '稻谷', values: { Cd: -1 } }, RULES)).toThrow(RangeError)
    expect(() => assessCropSample({ crop: '稻谷', values: { Zn: 1 } as never }, RULES)).toThrow(RangeError)
  })
})

const matrixCases = (['A', 'B', 'C'] as const).flatMap((grade) =>
  (['none', 'ok', 'slight', 'serious'] as const).map((crop) => ({
    grade,
    crop,
    expected: EXPECTED_MATRIX[grade][crop],
  })),
)

describe('class matrix (soil grade × crop result)', () => {
  it.each(matrixCases)(
    'when the soil is $grade and the crop result is $crop, then the class is $expected',
    ({ grade, crop, expected }) => {
      const p = point('P1', { soil: SOIL_OF_GRADE[grade], crop: CROP_OF_RESULT[crop] })
      const c = classifyParcel({ inside: [p], nearby: [] }, RULES)
      expect(c.soilGrade).toBe(grade)
      expect(c.basis.cropResult).toBe(crop)
      expect(c.class).toBe(expected)
      expect(c.method).toBe('samples')
      expect(c.basis.summary).toContain(`→ ${CLASS_LABEL[expected]}（规则 default-2026.1）`)
    },
  )

  it('when a province sets C with crop ok to 严格管控, then the rule set decides, not the code', () => {
    const rules: ClassRuleSet = {
      ...RULES,
      version: 'hn-2026',
      matrix: { ...RULES.matrix, C: { ...RULES.matrix.C, ok: 'strict' } },
    }
    const c = classifyParcel(
      { inside: [point('P1', { soil: SOIL_OF_GRADE.C, crop: CROP_OF_RESULT.ok })], nearby: [] },
      rules,
    )
    expect(c.class).toBe('strict')
    expect(c.basis.ruleSetVersion).toBe('hn-2026')
  })

  it('when the crop is of an unknown kind, then it counts as no crop data', () => {
    const c = classifyParcel(
      { inside: [point('P1', { soil: SOIL_OF_GRADE.C, crop: { crop: '烟叶', values: { Cd: 0.01 } } })], nearby: [] },
      RULES,
    )
    expect(c.basis.cropResult).toBe('none')
    expect(c.class).toBe('strict')
  })
})

describe('samples inside a parcel', () => {
  it('when two samples are inside, then the worst decides and the summary names it, its value, threshold and table', () => {
    const c = classifyParcel(
      {
        inside: [
          point('HS-011', { soil: { Cd: 0.3 } }),
          point('HS-012', { soil: { Cd: 0.52 }, crop: { crop: '稻谷', values: { Cd: 0.15 } } }),
        ],
        nearby: [point('HS-099', { distanceM: 50, soil: { Cd: 9 } })],
      },
      RULES,
    )
    expect(c).toMatchObject({
      class: 'safe_use',
      method: 'samples',
      soilGrade: 'B',
      mainPollutants: ['Cd'],
      sampleCount: 2,
    })
    expect(c.basis.summary).toBe(
      '图斑内 2 个样点，最不利样点 HS-012 镉 0.52 mg/kg 超过筛选值 0.4（GB 15618-2018 表1 镉 水田 5.5<pH≤6.5）未超过管制值 2，' +
        '土壤 B 类；农产品（稻谷）镉 0.15 未超过限量 0.2（GB 2762-2022 镉 稻谷（以糙米计）） → 安全利用类（规则 default-2026.1）',
    )
    expect(c.basis.samples.map((s) => s.pointCode)).toEqual(['HS-011', 'HS-012'])
    expect(c.basis.samples[1].exceeding.map((l) => l.element)).toEqual(['Cd'])
    expect(c.basis.samples[1]).toMatchObject({ crop: '稻谷', cropResult: 'ok', grade: 'B' })
    expect(c.basis).toMatchObject({ method: 'samples', methodLabel: '样点判定', aggregation: 'worst' })
  })

  it('when the only sample inside is clean, then the summary names it and the class is 优先保护类', () => {
    const c = classifyParcel(
      { inside: [point('P1', { soil: { Cd: 0.1 }, crop: CROP_OF_RESULT.ok })], nearby: [] },
      RULES,
    )
    expect(c.basis.summary).toBe(
      '图斑内 1 个样点，样点 P1 已检测的镉、汞、砷、铅、铬均未超过筛选值，土壤 A 类；' +
        '农产品（稻谷）镉 0.1 未超过限量 0.2（GB 2762-2022 镉 稻谷（以糙米计）） → 优先保护类（规则 default-2026.1）',
    )
    expect(c.mainPollutants).toEqual([])
  })

  it('when two samples share the worst grade, then the one with the larger ratio is named', () => {
    const c = classifyParcel(
      { inside: [point('P8', { soil: { Cd: 0.8 } }), point('P5', { soil: { Cd: 0.5 } })], nearby: [] },
      RULES,
    )
    expect(c.basis.summary).toContain('最不利样点 P8 镉 0.8')
  })

  it('when several metals exceed, then the main pollutants are listed by ratio, largest first', () => {
    const c = classifyParcel({ inside: [point('P1', { soil: { Cd: 0.5, Pb: 150, As: 10 } })], nearby: [] }, RULES)
    expect(c.mainPollutants).toEqual(['Pb', 'Cd'])
  })

  it('when the rule set averages ratios, then a high and a low sample can average below screening', () => {
    const inside = [point('P1', { soil: { Cd: 0.6 } }), point('P2', { soil: { Cd: 0.12 } })]
    expect(classifyParcel({ inside, nearby: [] }, RULES).soilGrade).toBe('B')
    const c = classifyParcel({ inside, nearby: [] }, { ...RULES, aggregation: 'mean-ratio' })
    expect(c.soilGrade).toBe('A')
    expect(c.class).toBe('priority')
    expect(c.basis.aggregation).toBe('mean-ratio')
    expect(c.basis.estimates?.find((e) => e.element === 'Cd')?.screeningRatio).toBeCloseTo(0.9, 10)
  })

  it('when every sample inside is 待复核, then the parcel is 未划定 with the reason, and nearby samples are not used', () => {
    const c = classifyParcel(
      {
        inside: [point('P1', { ph: null }), point('P2', { ph: null })],
        nearby: [point('P3', { distanceM: 10, soil: { Cd: 0.1 } })],
      },
      RULES,
    )
    expect(c).toMatchObject({ class: 'unclassified', method: 'samples', soilGrade: 'review', sampleCount: 2 })
    expect(c.basis.summary).toContain('均待复核')
    expect(c.basis.summary).toContain('pH')
  })

  it('when one sample inside is 待复核 and another is graded, then the graded one decides and the summary says one was left out', () => {
    const c = classifyParcel(
      { inside: [point('P1', { ph: null }), point('P2', { soil: { Cd: 0.5 } })], nearby: [] },
      RULES,
    )
    expect(c).toMatchObject({ class: 'safe_use', soilGrade: 'B', sampleCount: 1 })
    expect(c.basis.summary).toContain('1 个待复核未计入')
    expect(c.basis.samples.map((s) => s.grade)).toEqual(['review', 'B'])
  })
})

describe('parcels without samples', () => {
  it('when two samples are within reach, then IDW weights (1/d²) estimate the ratio and the basis lists samples, distances and weights', () => {
    const c = classifyParcel(
      {
        inside: [],
        nearby: [
          point('N2', { distanceM: 150, soil: { Cd: 1.2 } }),
          point('N1', { distanceM: 100, soil: { Cd: 0.2 } }),
        ],
      },
      RULES,
    )
    const w1 = 1 / 100 ** 2
    const w2 = 1 / 150 ** 2
    const expectedRatio = (w1 * 0.5 + w2 * 3) / (w1 + w2)
    expect(c).toMatchObject({
      method: 'interpolated',
      soilGrade: 'B',
      class: 'safe_use',
      sampleCount: 2,
      mainPollutants: ['Cd'],
    })
    expect(c.basis.estimates?.find((e) => e.element === 'Cd')?.screeningRatio).toBeCloseTo(expectedRatio, 10)
    expect(c.basis.samples.map((s) => [s.pointCode, s.distanceM])).toEqual([
      ['N1', 100],
      ['N2', 150],
    ])
    expect(c.basis.samples[0].weight).toBeCloseTo(w1 / (w1 + w2), 10)
    expect(c.basis.samples[1].weight).toBeCloseTo(w2 / (w1 + w2), 10)
    expect(c.basis).toMatchObject({ method: 'interpolated', methodLabel: '插值推断', aggregation: 'idw' })
    expect(c.basis.summary).toContain('反距离加权')
    expect(c.basis.summary).toContain('N1 100 米、N2 150 米')
  })

  it('when the rule set says nearest, then the nearest sample decides alone', () => {
    const evidence = {
      inside: [],
      nearby: [point('N2', { distanceM: 150, soil: { Cd: 1.2 } }), point('N1', { distanceM: 100, soil: { Cd: 0.2 } })],
    }
    const c = classifyParcel(evidence, { ...RULES, interpolation: { ...RULES.interpolation, method: 'nearest' } })
    expect(c).toMatchObject({ method: 'interpolated', soilGrade: 'A', class: 'priority', sampleCount: 1 })
    expect(c.basis.aggregation).toBe('nearest')
    expect(c.basis.samples).toHaveLength(1)
    expect(c.basis.samples[0]).toMatchObject({ pointCode: 'N1', distanceM: 100, weight: 1 })
    expect(c.basis.summary).toContain('最近样点 N1 100 米')
  })

  it('when a sample is exactly at the reach, then it counts; one metre beyond, the parcel is 未划定（数据不足）', () => {
    const at = classifyParcel({ inside: [], nearby: [point('N1', { distanceM: 1000 })] }, RULES)
    expect(at.method).toBe('interpolated')
    const beyond = classifyParcel({ inside: [], nearby: [point('N1', { distanceM: 1001 })] }, RULES)
    expect(beyond).toMatchObject({ class: 'unclassified', method: 'no_data', soilGrade: null, sampleCount: 0 })
    expect(beyond.basis.methodLabel).toBe('未划定（数据不足）')
    expect(beyond.basis.summary).toContain('1000 米内也没有样点')
  })

  it('when more samples than maxSamples are within reach, then only the nearest ones are used', () => {
    const nearby = [600, 100, 500, 200, 400, 300].map((d) => point(`N${d}`, { distanceM: d }))
    const c = classifyParcel({ inside: [], nearby }, RULES)
    expect(c.sampleCount).toBe(5)
    expect(c.basis.samples.map((s) => s.distanceM)).toEqual([100, 200, 300, 400, 500])
    expect(c.basis.samples.reduce((s, x) => s + (x.weight ?? 0), 0)).toBeCloseTo(1, 12)
  })

  it('when nothing is inside or nearby, then the parcel is 未划定（数据不足）', () => {
    const c = classifyParcel({ inside: [], nearby: [] }, RULES)
    expect(c).toMatchObject({
      class: 'unclassified',
      method: 'no_data',
      soilGrade: null,
      mainPollutants: [],
      sampleCount: 0,
    })
    expect(c.basis.samples).toEqual([])
    expect(c.basis.summary).toBe('图斑内无可用样点，1000 米内也没有样点 → 未划定（数据不足）（规则 default-2026.1）')
  })

  it('when the only samples in reach are 待复核, then the parcel is 未划定（数据不足） and says why', () => {
    const c = classifyParcel({ inside: [], nearby: [point('N1', { distanceM: 200, ph: null })] }, RULES)
    expect(c.method).toBe('no_data')
    expect(c.basis.summary).toContain('1000 米内的 1 个样点待复核')
    expect(c.basis.samples[0]).toMatchObject({ pointCode: 'N1', grade: 'review' })
  })

  it('when a crop-only point is inside and soil samples are nearby, then the inside crop result joins the interpolated grade', () => {
    const c = classifyParcel(
      {
        inside: [point('C1', { soil: null, crop: CROP_OF_RESULT.serious })],
        nearby: [point('N1', { distanceM: 100, soil: { Cd: 0.5 } })],
      },
      RULES,
    )
    expect(c).toMatchObject({ method: 'interpolated', soilGrade: 'B', class: 'strict' })
    expect(c.basis.cropResult).toBe('serious')
    expect(c.basis.samples.map((s) => s.pointCode)).toEqual(['N1', 'C1'])
  })
})

describe('basis and labels', () => {
  it('when a basis is stored as JSON and read back, then nothing is lost', () => {
    const c = classifyParcel(
      { inside: [], nearby: [point('N1', { distanceM: 120, soil: { Cd: 0.5, Cu: 80 }, crop: CROP_OF_RESULT.slight })] },
      RULES,
    )
    expect(JSON.parse(JSON.stringify(c.basis))).toEqual(c.basis)
  })

  it('when labels are shown, then they are the Chinese names the bureaus use', () => {
    expect(SOIL_GRADE_LABEL).toEqual({ A: 'A 类', B: 'B 类', C: 'C 类', review: '待复核' })
    expect(CLASS_LABEL).toEqual({
      priority: '优先保护类',
      safe_use: '安全利用类',
      strict: '严格管控类',
      unclassified: '未划定',
    })
    expect(METHOD_LABEL).toEqual({
      samples: '样点判定',
      interpolated: '插值推断',
      no_data: '未划定（数据不足）',
      override: '人工调整',
    })
  })
})

describe('rule sets', () => {
  it('when the default rule set is checked, then it is usable, versioned and its notes say the rules are local settings', () => {
    expect(checkRuleSet(RULES, Object.keys(GB2762_EDITIONS))).toEqual([])
    expect(RULES.version).toBe('default-2026.1')
    expect(RULES.aggregation).toBe('worst')
    expect(RULES.interpolation).toEqual({ method: 'idw', maxDistanceM: 1000, maxSamples: 5, power: 2 })
    expect(RULES.cropSeriousRatio).toBe(2)
    expect(RULES.notes.join('')).toContain('地方设置')
    expect(RULES.matrix).toEqual(EXPECTED_MATRIX)
  })

  it('when a stored rule set is broken, then each problem is named in Chinese', () => {
    const broken = {
      ...RULES,
      cropSeriousRatio: 0.5,
      aggregation: 'median',
      gb2762Edition: 'GB 2762-1999',
      interpolation: { method: 'kriging', maxDistanceM: -1, maxSamples: 0, power: 0 },
      matrix: { ...RULES.matrix, B: { ...RULES.matrix.B, serious: 'closed' } },
    } as unknown as ClassRuleSet
    const problems = checkRuleSet(broken, Object.keys(GB2762_EDITIONS))
    expect(problems).toHaveLength(8)
    expect(problems[0]).toContain('B 类土壤')
  })

  it("when a rule set's numbers sit on their upper bounds, then it is usable; just above each (or 1e308), each is named", () => {
    const at = {
      ...RULES,
      cropSeriousRatio: 100,
      interpolation: { method: 'idw', maxDistanceM: 100_000, maxSamples: 100, power: 10 },
    } as ClassRuleSet
    expect(checkRuleSet(at, Object.keys(GB2762_EDITIONS))).toEqual([])
    const above = {
      ...RULES,
      cropSeriousRatio: 100.01,
      interpolation: { method: 'idw', maxDistanceM: 100_000.5, maxSamples: 101, power: 1e308 },
    } as ClassRuleSet
    expect(checkRuleSet(above, Object.keys(GB2762_EDITIONS))).toEqual([
      '农产品严重超标倍数应在 1–100 倍之间',
      '插值最大距离应在 0–100000 米之间',
      '插值样点数应为 1–100 的整数',
      '反距离加权的幂应大于 0、不超过 10',
    ])
  })
})
