import { describe, expect, it } from 'vitest'
import { PRECHECK_BASIS, type PrecheckHit } from '../../server/src/domain/precheck-reasons.ts'
import { DEFAULT_PRECHECK_SETTINGS, decidePrecheck, type PrecheckSettings } from '../../server/src/domain/precheck.ts'
import { assessMonitoringValues, checkPlannedUse, isUseForbidden } from '../../server/src/domain/precheck-use.ts'
import { compareChecks, precheckNumber, type DataVersion } from '../../server/src/domain/precheck-rerun.ts'

const use = (code: string) => {
  const c = checkPlannedUse(code)
  if (!c.ok) throw new Error(c.message)
  return { code: c.code, name: c.name }
}
const decide = (
  plannedUse: string,
  hits: PrecheckHit[],
  settings: Partial<PrecheckSettings> = {},
  monitoringPointsRead = hits.filter((h) => h.type === 'monitoring-point').length,
) =>
  decidePrecheck({
    plannedUse: use(plannedUse),
    hits,
    settings: { ...DEFAULT_PRECHECK_SETTINGS, ...settings },
    monitoringPointsRead,
  })

const plot = (
  status: string,
  overlapM2 = 500,
  negativeUses: { useCode: string; basis: string }[] = [],
): PrecheckHit => ({
  type: 'plot',
  id: 11,
  code: '430903-DK0011',
  name: '原化工厂地块',
  version: 2,
  status,
  negativeUses,
  overlapM2,
})
const zone = (overlapM2 = 800): PrecheckHit => ({
  type: 'control-zone',
  id: 21,
  code: '430903-GK001',
  name: '原冶炼厂管控区域',
  version: 1,
  announcementNo: '赫环公告〔2026〕7号',
  overlapM2,
})
const enterprise = (status: string, overlapM2 = 300): PrecheckHit => ({
  type: 'enterprise',
  id: 31,
  code: '91430903MA4L000001',
  name: '益阳某电镀有限公司',
  version: 1,
  industry: 'electroplating',
  status,
  overlapM2,
})
const farmland = (farmlandClass: string, overlapM2 = 400): PrecheckHit => ({
  type: 'farmland',
  id: 41,
  code: '430903-0001',
  name: '430903-0001',
  version: 1,
  farmlandClass,
  listId: 5,
  overlapM2,
})
const point = (valuesMgKg: Record<string, number>, distanceM = 120): PrecheckHit => ({
  type: 'monitoring-point',
  id: 51,
  code: 'JC-001',
  name: '赫山区1号点',
  version: 1,
  distanceM,
  sampledOn: '2025-10-01',
  valuesMgKg,
})

const codes = (d: ReturnType<typeof decide>) =>
  d.reasons.filter((r) => r.severity !== 'clear').map((r) => `${r.code}/${r.severity}`)

describe('planned use', () => {
  it.each([
    ['R2', true, 'first'],
    ['r2', true, 'first'],
    ['A33', true, 'first'],
    ['A1', true, 'second'],
    ['A', true, 'first'],
    ['M1', true, 'second'],
    ['G1', true, 'first'],
    ['X9', false, null],
    ['', false, null],
    ['R22', false, null],
  ])('when the planned use is “%s”, then it is accepted: %s (land class %s)', (code, ok, landClass) => {
    const c = checkPlannedUse(code)
    expect(c.ok).toBe(ok)
    if (c.ok) expect(c.landClass).toBe(landClass)
    else expect(c.message).toMatch(/GB 50137-2011/)
  })
})

describe('negative list match', () => {
  it.each([
    ['R2', 'R', true],
    ['R', 'R', true],
    ['A', 'A33', true],
    ['A33', 'A', true],
    ['A1', 'A33', false],
    ['M1', 'R', false],
    ['B1', '*', true],
    ['U2', '*', true],
    ['B', 'B1', true],
  ])('when the planned use is %s and the list forbids %s, then it is forbidden: %s', (planned, forbidden, expected) => {
    expect(isUseForbidden(planned, forbidden)).toBe(expected)
  })
})

describe('verdict from the reasons', () => {
  it('when nothing is hit and monitoring is clean, then the plot may enter the land-supply process with what was checked', () => {
    const d = decide('M1', [point({ cd: 0.3, pb: 30, as: 10, cr: 80, zn: 90 })])
    expect(d.verdict).toBe('allowed')
    expect(d.verdictName).toBe('可进入用地程序')
    expect(d.reasons.map((r) => r.code)).toEqual([
      'CLEAR_PLOTS',
      'CLEAR_CONTROL_ZONES',
      'CLEAR_ENTERPRISES',
      'CLEAR_FARMLAND',
      'CLEAR_MONITORING',
      'CLEAR_LAW59',
    ])
    expect(d.reasons.every((r) => r.basis.length > 0)).toBe(true)
    expect(d.reasons.find((r) => r.code === 'CLEAR_MONITORING')!.message).toContain('第二类用地')
  })

  it('when no monitoring point lies within the radius, then a note says so and the verdict is unchanged', () => {
    const d = decide('M1', [])
    expect(d.verdict).toBe('allowed')
    expect(codes(d)).toEqual(['NO_MONITORING/note'])
  })

  it('when the plot overlaps a published control zone, then it may not enter, citing the zone, its area and the basis', () => {
    const d = decide('R2', [zone(800)])
    expect(d.verdict).toBe('refused')
    const r = d.reasons[0]
    expect(r).toMatchObject({
      code: 'CONTROL_ZONE',
      severity: 'refuse',
      featureType: 'control-zone',
      featureId: 21,
      featureCode: '430903-GK001',
      overlapM2: 800,
      overlapMu: 1.2,
      basis: PRECHECK_BASIS.controlZone,
    })
    expect(r.message).toContain('原冶炼厂管控区域')
  })

  it('when the overlap is no larger than the drawing tolerance, then the feature is not counted', () => {
    expect(decide('R2', [zone(1)]).verdict).toBe('allowed')
    expect(decide('R2', [zone(1.01)]).verdict).toBe('refused')
  })

  it.each([
    ['suspected', 'M1', 'SUSPECTED_PLOT/investigate', 'investigate'],
    ['preliminary_investigation', 'R2', 'SUSPECTED_PLOT/investigate', 'investigate'],
    ['contaminated', 'M1', 'CONTAMINATED_PLOT/investigate', 'investigate'],
    ['contaminated', 'R2', 'NEGATIVE_LIST/refuse', 'refused'],
    ['risk_assessment', 'A33', 'NEGATIVE_LIST/refuse', 'refused'],
    ['listed', 'M1', 'NEGATIVE_LIST/refuse', 'refused'],
    ['remediation', 'S1', 'NEGATIVE_LIST/refuse', 'refused'],
    ['removed', 'M1', 'REMOVED_PLOT/note', 'allowed'],
    ['cleared', 'B1', 'REMOVED_PLOT/note', 'allowed'],
  ])(
    'when the plot overlaps a published plot in state %s and the planned use is %s, then %s → %s',
    (status, plannedUse, reason, verdict) => {
      const d = decide(plannedUse, [plot(status)])
      expect(codes(d)[0]).toBe(reason)
      expect(d.verdict).toBe(verdict)
    },
  )

  it('when a removed plot keeps a use officers added to its negative list, then that use is still refused with the stored basis', () => {
    const d = decide('B1', [plot('removed', 500, [{ useCode: 'B', basis: '生态环境主管部门增列' }])])
    expect(d.verdict).toBe('refused')
    expect(d.reasons[0]).toMatchObject({ code: 'NEGATIVE_LIST', basis: '生态环境主管部门增列' })
    expect(d.reasons[0].message).toContain('商业服务业设施用地（B）')
  })

  it('when a listed plot is hit, then the residential use is refused by art. 61 and other uses by the ban on unrelated construction (art. 66)', () => {
    expect(decide('R2', [plot('listed')]).reasons[0].basis).toBe('《中华人民共和国土壤污染防治法》第六十一条')
    expect(decide('M1', [plot('listed')]).reasons[0].basis).toBe('《中华人民共和国土壤污染防治法》第六十六条')
  })

  it.each(['operating', 'closed', 'relocated'])(
    'when the plot overlaps the site of a supervised enterprise that is %s, then an investigation is required (art. 67)',
    (status) => {
      const d = decide('M1', [enterprise(status)])
      expect(d.verdict).toBe('investigate')
      expect(d.reasons[0]).toMatchObject({ code: 'ENTERPRISE_SITE', basis: PRECHECK_BASIS.law67 })
    },
  )

  it.each([
    ['strict', {}, 'STRICT_FARMLAND/investigate', 'investigate'],
    ['strict', { strictFarmlandSeverity: 'refuse' as const }, 'STRICT_FARMLAND/refuse', 'refused'],
    ['safe_use', {}, 'SAFE_USE_FARMLAND/note', 'allowed'],
    ['priority', {}, 'PRIORITY_FARMLAND/note', 'allowed'],
  ])(
    'when the plot overlaps %s farmland (settings %j) and the use is industrial, then %s → %s',
    (cls, settings, reason, verdict) => {
      const d = decide('M1', [farmland(cls)], settings)
      expect(codes(d)).toContain(reason)
      expect(d.verdict).toBe(verdict)
    },
  )

  it('when the strict-class verdict is a setting, then its basis says it is to be verified', () => {
    expect(decide('M1', [farmland('strict')]).reasons[0].basis).toContain('待核实')
  })
})

describe('monitoring results against GB 36600', () => {
  it.each([
    // Cd: S1 20, C1 47 (first class); S2 65, C2 172 (second class) — GB 36600-2018 表1 第2项
    ['R2', { cd: 20 }, 120, null, 'allowed'],
    ['R2', { cd: 20.01 }, 120, 'MONITORING_SCREENING/investigate', 'investigate'],
    ['M1', { cd: 20.01 }, 120, null, 'allowed'],
    ['M1', { cd: 65.01 }, 120, 'MONITORING_SCREENING/investigate', 'investigate'],
    ['R2', { cd: 47 }, 0, 'MONITORING_SCREENING/investigate', 'investigate'],
    ['R2', { cd: 47.01 }, 0, 'MONITORING_INTERVENTION/refuse', 'refused'],
    ['R2', { cd: 47.01 }, 80, 'MONITORING_INTERVENTION/investigate', 'investigate'],
    ['M1', { pb: 2500.1 }, 0, 'MONITORING_INTERVENTION/refuse', 'refused'],
    ['M1', { cr: 5000, zn: 9000 }, 0, null, 'allowed'],
  ])(
    'when the use is %s and the latest result is %j at %s m, then %s → %s',
    (plannedUse, values, distanceM, reason, verdict) => {
      const d = decide(plannedUse, [point(values, distanceM)])
      const found = codes(d).filter((c) => c.startsWith('MONITORING_'))
      expect(found).toEqual(reason ? [reason] : [])
      expect(d.verdict).toBe(verdict)
    },
  )

  it('when one item is above the intervention value and another only above screening, then the reason names both and says the refusal is a setting', () => {
    const r = decide('R2', [point({ cd: 50, pb: 450 }, 0)]).reasons[0]
    expect(r.code).toBe('MONITORING_INTERVENTION')
    expect(r.message).toContain('镉 Cd 50 mg/kg（管制值 47')
    expect(r.message).toContain('另超过风险筛选值：铅 Pb 450 mg/kg（筛选值 400')
    expect(r.basis).toContain('待核实')
  })

  it('when a result above the intervention value lies inside the plot and the setting says investigate, then the verdict is investigate', () => {
    expect(decide('R2', [point({ cd: 50 }, 0)], { interventionInsideSeverity: 'investigate' }).verdict).toBe(
      'investigate',
    )
  })

  it('when arsenic is above screening but within the local background value, then only a note is given (表注)', () => {
    const d = decidePrecheck({
      plannedUse: use('M1'),
      hits: [point({ as: 70 }, 0)],
      settings: DEFAULT_PRECHECK_SETTINGS,
      backgrounds: { As: 80 },
      monitoringPointsRead: 1,
    })
    expect(codes(d)).toEqual(['MONITORING_BACKGROUND/note'])
    expect(d.verdict).toBe('allowed')
  })

  it('when arsenic within the background value is the only finding of a residential plot, then it is no soil-risk hint for art. 59', () => {
    const d = decidePrecheck({
      plannedUse: use('R2'),
      hits: [point({ as: 30 }, 0)],
      settings: DEFAULT_PRECHECK_SETTINGS,
      backgrounds: { As: 80 },
      monitoringPointsRead: 1,
    })
    expect(codes(d)).toEqual(['MONITORING_BACKGROUND/note'])
    expect(d.verdict).toBe('allowed')
  })

  it('when the local background value of arsenic is not set, then arsenic above screening counts as an exceedance', () => {
    const d = decide('R2', [point({ as: 30 }, 0)])
    expect(codes(d)).toEqual(['MONITORING_SCREENING/investigate', 'LAW59_USE_CHANGE/investigate'])
  })

  it('when values use the stored element keys, then they are read as GB 36600 items (total Cr and Zn have no value there)', () => {
    expect(
      assessMonitoringValues({ as: 1, cd: 1, cu: 1, pb: 1, hg: 1, ni: 1, cr: 1, zn: 1 }, 'first')
        .map((a) => a.substance)
        .sort(),
    ).toEqual(['As', 'Cd', 'Cu', 'Hg', 'Ni', 'Pb'])
  })
})

describe('law art. 59: change to residential or public use', () => {
  it('when a residential use meets a soil-risk hint, then an investigation before the change is required', () => {
    const d = decide('R2', [enterprise('closed')])
    expect(codes(d)).toEqual(['ENTERPRISE_SITE/investigate', 'LAW59_USE_CHANGE/investigate', 'NO_MONITORING/note'])
    expect(d.reasons.find((r) => r.code === 'LAW59_USE_CHANGE')!.basis).toBe(PRECHECK_BASIS.law59)
  })

  it('when a public-service use meets only safe-use farmland, then art. 59 turns the note into an investigation', () => {
    expect(decide('A1', [farmland('safe_use')]).verdict).toBe('investigate')
    expect(decide('M1', [farmland('safe_use')]).verdict).toBe('allowed')
  })

  it('when a residential use meets no hint, then art. 59 is noted as checked, unless the setting asks for every change', () => {
    expect(decide('R2', []).verdict).toBe('allowed')
    expect(decide('R2', []).reasons.map((r) => r.code)).toContain('CLEAR_LAW59')
    expect(decide('R2', [], { law59Scope: 'always' }).verdict).toBe('investigate')
    expect(decide('M1', [], { law59Scope: 'always' }).verdict).toBe('allowed')
  })
})

describe('永久基本农田 under the plot', () => {
  const basicFarmland = (overlapM2 = 1200): PrecheckHit => ({
    type: 'basic-farmland',
    id: 61,
    code: '430903JBNT00012',
    name: '430903JBNT00012',
    version: 1,
    overlapM2,
  })

  it('when the plot overlaps 永久基本农田, then a note names the patch and the overlap in m² and 亩, citing law art. 50, and the verdict is unchanged', () => {
    const d = decide('M1', [basicFarmland(1200)], {}, 1)
    expect(d.verdict).toBe('allowed')
    const r = d.reasons.find((x) => x.code === 'BASIC_FARMLAND')!
    expect(r.severity).toBe('note')
    expect(r.severityName).toBe('提示')
    expect(r.basis).toBe('《中华人民共和国土壤污染防治法》第五十条')
    expect(r.featureType).toBe('basic-farmland')
    expect(r.featureTypeName).toBe('永久基本农田')
    expect(r.featureCode).toBe('430903JBNT00012')
    expect(r.overlapM2).toBe(1200)
    expect(r.overlapMu).toBe(1.8)
    expect(r.message).toContain('430903JBNT00012')
    expect(r.message).toContain('1,200 平方米（1.80 亩）')
  })

  it('when the overlap is no larger than the drawing tolerance, then no note is given', () => {
    expect(decide('M1', [basicFarmland(0.5)], {}, 1).reasons.map((r) => r.code)).not.toContain('BASIC_FARMLAND')
  })

  it('when a residential plot overlaps only 永久基本农田, then it is no soil-risk hint for art. 59', () => {
    expect(decide('R2', [basicFarmland()], {}, 1).verdict).toBe('allowed')
  })
})

describe('the strictest reason decides', () => {
  it('when reasons of every weight are present, then the verdict is refused and reasons run strictest first', () => {
    const d = decide('R2', [farmland('priority'), enterprise('closed'), zone(), plot('suspected')])
    expect(d.verdict).toBe('refused')
    expect(d.reasons.map((r) => r.severity)).toEqual(
      [...d.reasons.map((r) => r.severity)].sort(
        (a, b) =>
          ['refuse', 'investigate', 'note', 'clear'].indexOf(a) - ['refuse', 'investigate', 'note', 'clear'].indexOf(b),
      ),
    )
    expect(d.reasons[0].code).toBe('CONTROL_ZONE')
  })

  it('when only investigations and notes are present, then the verdict is investigate', () => {
    expect(decide('M1', [farmland('priority'), plot('suspected')]).verdict).toBe('investigate')
  })
})

describe('number and re-run comparison', () => {
  it.each([
    [2026, 1, '准入核查〔2026〕0001号'],
    [2026, 123, '准入核查〔2026〕0123号'],
    [2027, 10000, '准入核查〔2027〕10000号'],
  ])('when year %s and sequence %s, then the number is %s', (y, s, n) => {
    expect(precheckNumber(y, s)).toBe(n)
  })

  const version = (over: Partial<DataVersion> = {}): DataVersion => ({
    rules: { version: 'precheck-2026.1', settings: DEFAULT_PRECHECK_SETTINGS, backgrounds: {} },
    publishedPlots: { count: 3, lastPublishedAt: '2026-01-01T00:00:00.000Z' },
    publishedControlZones: { count: 1, lastPublishedAt: '2026-01-01T00:00:00.000Z' },
    classList: null,
    registryLists: [],
    enterprises: { count: 5, lastUpdatedAt: null },
    monitoring: { results: 40, lastSampledOn: '2025-10-01' },
    features: {},
    ...over,
  })

  it('when nothing changed, then the re-run says the answer is the same', () => {
    const d = decide('R2', [plot('suspected')])
    const c = compareChecks({ ...d, dataVersion: version() }, { ...d, dataVersion: version() })
    expect(c).toMatchObject({
      isDifferent: false,
      isVerdictChanged: false,
      added: [],
      removed: [],
      changed: [],
      dataChanges: [],
    })
    expect(c.summary).toContain('相同')
  })

  it('when the earlier data version was read back with its keys reordered (jsonb), then no data change is reported', () => {
    const d = decide('R2', [plot('suspected')])
    const reorder = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reorder)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reorder(x)]),
            )
          : v
    const c = compareChecks({ ...d, dataVersion: reorder(version()) as DataVersion }, { ...d, dataVersion: version() })
    expect(c.dataChanges).toEqual([])
    expect(
      compareChecks(
        { ...d, dataVersion: reorder(version()) as DataVersion },
        { ...d, dataVersion: version({ monitoring: { results: 41, lastSampledOn: '2025-10-01' } }) },
      ).dataChanges,
    ).toEqual(['土壤监测数据已更新'])
  })

  it('when a control zone was published since, then the re-run names the new reason, the reason gone and the data that changed', () => {
    const before = decide('R2', [])
    const after = decide('R2', [zone()])
    const c = compareChecks(
      { ...before, dataVersion: version() },
      {
        ...after,
        dataVersion: version({ publishedControlZones: { count: 2, lastPublishedAt: '2026-03-01T00:00:00.000Z' } }),
      },
    )
    expect(c.isVerdictChanged).toBe(true)
    expect(c.added.map((r) => r.code)).toEqual(['CONTROL_ZONE', 'LAW59_USE_CHANGE'])
    expect(c.removed.map((r) => r.code)).toEqual(['CLEAR_CONTROL_ZONES', 'CLEAR_LAW59'])
    expect(c.dataChanges).toEqual(['已发布的管控区域已更新'])
    expect(c.summary).toContain('结论由“可进入用地程序”变为“不得进入用地程序”')
  })

  it('when the same feature now weighs differently, then it is listed as changed', () => {
    const before = decide('M1', [farmland('strict')])
    const after = decide('M1', [farmland('strict')], { strictFarmlandSeverity: 'refuse' })
    const c = compareChecks(
      { ...before, dataVersion: version() },
      {
        ...after,
        dataVersion: version({
          rules: {
            version: 'precheck-2026.1',
            settings: { ...DEFAULT_PRECHECK_SETTINGS, strictFarmlandSeverity: 'refuse' },
            backgrounds: {},
          },
        }),
      },
    )
    expect(c.changed.map((x) => [x.before.severity, x.after.severity])).toEqual([['investigate', 'refuse']])
    expect(c.dataChanges).toEqual(['核查规则或系统设置已更新'])
  })
})
