import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SITING_SETTINGS,
  decideSiting,
  verdictOf,
  type SitingHit,
  type SitingSettings,
} from '../../server/src/domain/siting.ts'

const S = DEFAULT_SITING_SETTINGS
const hit = (over: Partial<SitingHit> & Pick<SitingHit, 'type'>): SitingHit => ({
  id: 1,
  code: 'X-1',
  name: '测试要素',
  distanceM: 0,
  overlapM2: 0,
  ...over,
})
const decide = (
  hits: SitingHit[],
  industry: 'chemical' | 'pharmaceutical' = 'chemical',
  settings: SitingSettings = S,
) => decideSiting({ industry, hits, settings })
const codes = (d: ReturnType<typeof decide>) => d.reasons.map((r) => r.code)

describe('优先保护类耕地集中区域 at the distance edge', () => {
  it.each([
    ['inside', { overlapM2: 500 }, 'controlled'],
    ['exactly at the distance', { distanceM: S.priorityAreaM }, 'controlled'],
    ['just inside the distance', { distanceM: S.priorityAreaM - 0.1 }, 'controlled'],
    ['just outside the distance', { distanceM: S.priorityAreaM + 0.1 }, 'clear'],
  ])('when a controlled industry is sited %s (%o), then the verdict is %s', (_label, at, verdict) => {
    const d = decide([hit({ type: 'priority-area', ...at })])
    expect(d.verdict).toBe(verdict)
    if (verdict === 'controlled') {
      expect(d.reasons[0]).toMatchObject({ code: 'PRIORITY_AREA_CONTROLLED', severity: 'controlled' })
      expect(d.reasons[0].basis).toContain('《土壤污染防治行动计划》（八）')
      expect(d.reasons[0].message).toContain('本地设置')
    } else expect(codes(d)).toEqual(['NO_LIMIT_FOUND'])
  })

  it('when an industry outside the controlled list is sited just inside the distance, then it is a note only', () => {
    const d = decide([hit({ type: 'priority-area', distanceM: S.priorityAreaM - 0.1 })], 'pharmaceutical')
    expect(d).toMatchObject({ verdict: 'clear', isControlledIndustry: false })
    expect(codes(d)).toEqual(['PRIORITY_AREA_NEAR', 'NO_LIMIT_FOUND'])
    // the closing line does not contradict the note above it
    expect(d.reasons[1]!.message).toMatch(/^除上列提示外，拟选址内及周边未发现其他限制：/)
    expect(decide([], 'pharmaceutical').reasons[0]!.message).toMatch(/^拟选址内及周边未发现限制：/)
  })

  it('when the setting adds an industry to the controlled list, then that industry is 严格控制', () => {
    const settings = { ...S, controlledIndustries: [...S.controlledIndustries, 'pharmaceutical' as const] }
    const d = decide([hit({ type: 'priority-area', distanceM: 10 })], 'pharmaceutical', settings)
    expect(d).toMatchObject({ verdict: 'controlled', isControlledIndustry: true })
  })
})

describe('饮用水水源保护区', () => {
  it.each([
    ['level1', 'controlled', 'WATER_SOURCE_LEVEL1'],
    ['level2', 'controlled', 'WATER_SOURCE_LEVEL2'],
    ['quasi', 'assess', 'WATER_SOURCE_QUASI'],
  ] as const)('when the site lies inside a %s zone, then the verdict is %s', (level, verdict, code) => {
    const d = decide([hit({ type: 'water-source', level, overlapM2: 20 })])
    expect(d.verdict).toBe(verdict)
    expect(d.reasons[0].code).toBe(code)
    expect(d.reasons[0].basis).toContain('《饮用水水源保护区污染防治管理规定》')
  })

  it('when the setting makes a 一级保护区 不宜选址, then a site inside one is 不宜选址', () => {
    const settings = { ...S, waterSourceInside: { level1: 'unsuited' as const, level2: 'controlled' as const } }
    expect(decide([hit({ type: 'water-source', level: 'level1', overlapM2: 1 })], 'chemical', settings).verdict).toBe(
      'unsuited',
    )
  })

  it.each([
    [S.waterSourceM - 0.1, 'assess'],
    [S.waterSourceM, 'assess'],
    [S.waterSourceM + 0.1, 'clear'],
  ])('when a 一级保护区 lies %s m from the site, then the verdict is %s', (distanceM, verdict) => {
    const d = decide([hit({ type: 'water-source', level: 'level1', distanceM })])
    expect(d.verdict).toBe(verdict)
    if (verdict === 'assess') expect(codes(d)).toEqual(['WATER_SOURCE_NEAR'])
  })
})

describe('禁止生产区域 and 管控区域', () => {
  it.each([
    [{ overlapM2: 1 }, 'BAN_ZONE_INSIDE'],
    [{ distanceM: S.banZoneM - 0.1 }, 'BAN_ZONE_NEAR'],
    [{ distanceM: S.banZoneM + 0.1 }, 'NO_LIMIT_FOUND'],
  ])('when a ban zone is at %o, then the reason is %s', (at, code) => {
    const d = decide([hit({ type: 'ban-zone', ...at })])
    expect(codes(d)).toEqual([code])
    expect(d.verdict).toBe(code === 'NO_LIMIT_FOUND' ? 'clear' : 'assess')
  })

  it.each([
    [{ overlapM2: 1 }, 'CONTROL_ZONE_INSIDE', 'controlled'],
    [{ distanceM: S.controlZoneM - 0.1 }, 'CONTROL_ZONE_NEAR', 'assess'],
    [{ distanceM: S.controlZoneM + 0.1 }, 'NO_LIMIT_FOUND', 'clear'],
  ])('when a control zone is at %o, then the reason is %s and the verdict %s', (at, code, verdict) => {
    const d = decide([hit({ type: 'control-zone', ...at })])
    expect(codes(d)).toEqual([code])
    expect(d.verdict).toBe(verdict)
  })
})

describe('the verdict of several reasons', () => {
  it('when reasons of several severities are found, then the strongest decides and comes first', () => {
    const d = decide([
      hit({ type: 'ban-zone', distanceM: 100 }),
      hit({ type: 'priority-area', id: 2, distanceM: 900 }),
      hit({ type: 'water-source', id: 3, level: 'quasi', distanceM: 50 }),
    ])
    expect(d.verdict).toBe('controlled')
    expect(d.verdictName).toBe('严格控制')
    expect(codes(d)).toEqual(['PRIORITY_AREA_CONTROLLED', 'WATER_SOURCE_NEAR', 'BAN_ZONE_NEAR'])
  })

  it('when only notes are found, then the verdict is 未发现限制', () => {
    expect(verdictOf([{ severity: 'note' }])).toBe('clear')
    expect(verdictOf([])).toBe('clear')
    expect(verdictOf([{ severity: 'note' }, { severity: 'unsuited' }])).toBe('unsuited')
  })
})
