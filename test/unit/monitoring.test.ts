import { describe, expect, it } from 'vitest'
import { DEFAULT_RULE_SET } from '../../server/src/domain/class-rules.ts'
import {
  flagResult,
  pointRights,
  resultRefusal,
  standardOfPoint,
  worstFlag,
  type MonitoringJudgeSettings,
} from '../../server/src/domain/monitoring.ts'
import { checkResult, normaliseDate, resultKey, type RawResult } from '../../server/src/domain/monitoring-entry.ts'

const settings: MonitoringJudgeSettings = {
  constructionLandClass: 'first',
  cropRules: { gb2762Edition: DEFAULT_RULE_SET.gb2762Edition, cropSeriousRatio: DEFAULT_RULE_SET.cropSeriousRatio },
}
const soil = (landUse: string, ph: number | null, values: Record<string, number>) =>
  flagResult({ medium: 'soil', crop: null, ph, values }, standardOfPoint(landUse, settings), settings)

describe('standardOfPoint', () => {
  it.each([
    ['0101', 'gb15618', '水田'],
    ['0102', 'gb15618', '水浇地'],
    ['0103', 'gb15618', '旱地'],
    ['0201', 'gb15618', '果园'],
    ['0204', 'gb15618', '其他'],
    ['0601', 'gb36600', null],
    ['0701', 'gb36600', null],
    ['08H2', 'gb36600', null],
    ['1003', 'gb36600', null],
    ['1201', 'gb36600', null],
    ['0301', 'none', null],
    ['0404', 'none', null],
    ['1006', 'none', null],
    ['1101', 'none', null],
    ['1202', 'none', null],
  ])('when the 三调 code is %s, then the standard is %s', (code, kind, landUse) => {
    const s = standardOfPoint(code, settings)
    expect(s.kind).toBe(kind)
    if (s.kind === 'gb15618') expect(s.landUse).toBe(landUse)
    if (s.kind === 'gb36600') expect(s.landClass).toBe('first')
  })

  it('when the point has no land code, then no standard, and the label says the land use is missing', () => {
    const s = standardOfPoint(null, settings)
    expect(s).toMatchObject({ kind: 'none' })
    expect(s.label).toContain('未登记土地利用类型')
  })

  it('when construction land is set to 第二类, then the standard names 第二类用地', () => {
    expect(standardOfPoint('0601', { constructionLandClass: 'second' })).toMatchObject({
      kind: 'gb36600',
      landClass: 'second',
    })
  })
})

describe('flagResult, GB 15618 boundaries', () => {
  it.each([
    // pH band edges are closed on the right: 5.5 belongs to pH≤5.5, 5.51 to 5.5<pH≤6.5
    [5.5, 0.3, 'ok', 0.3],
    [5.5, 0.301, 'screening', 0.3],
    [5.51, 0.4, 'ok', 0.4],
    [6.5, 0.41, 'screening', 0.4],
    [7.5, 0.6, 'ok', 0.6],
    [7.51, 0.8, 'ok', 0.8],
    [7.51, 0.81, 'screening', 0.8],
  ])('when paddy soil of pH %s holds Cd %s, then %s against screening %s', (ph, cd, level, screening) => {
    const [flag] = soil('0101', ph, { cd })
    expect(flag.level).toBe(level)
    expect(flag.thresholds[0]).toMatchObject({ kind: 'screening', valueMgKg: screening })
  })

  it.each([
    [5.5, 1.5, 'screening'],
    [5.5, 1.51, 'intervention'],
    [6.0, 2.0, 'screening'],
    [6.0, 2.01, 'intervention'],
    [7.0, 3.0, 'screening'],
    [7.0, 3.01, 'intervention'],
    [8.0, 4.0, 'screening'],
    [8.0, 4.01, 'intervention'],
  ])('when dryland soil of pH %s holds Cd %s, then %s (表3 boundary)', (ph, cd, level) => {
    expect(soil('0103', ph, { cd })[0].level).toBe(level)
  })

  it('when As is measured, then the intervention value is the one of the pH band (strictest at high pH)', () => {
    expect(soil('0103', 8, { as: 100 })[0]).toMatchObject({
      level: 'screening',
      thresholds: [{ valueMgKg: 25 }, { valueMgKg: 100 }],
    })
    expect(soil('0103', 8, { as: 100.1 })[0].level).toBe('intervention')
  })

  it('when Cu is measured in an orchard and in a paddy, then the 果园 and 其他 columns apply and Cu has no intervention value', () => {
    const [orchard] = soil('0201', 7, { cu: 190 })
    expect(orchard).toMatchObject({
      level: 'ok',
      thresholds: [{ valueMgKg: 200, basis: 'GB 15618-2018 表1 铜 果园 6.5<pH≤7.5' }],
    })
    const [paddy] = soil('0101', 7, { cu: 190 })
    expect(paddy).toMatchObject({ level: 'screening', ratio: 1.9 })
    expect(paddy.thresholds).toHaveLength(1)
    expect(paddy.message).toContain('该项无管制值')
  })

  it('when 表2 items are measured, then their single screening value applies', () => {
    const flags = soil('0101', 6, { bap: 0.56, hch: 0.1 })
    expect(flags.map((f) => [f.key, f.level])).toEqual([
      ['hch', 'ok'],
      ['bap', 'screening'],
    ])
    expect(flags[1].thresholds[0].basis).toBe('GB 15618-2018 表2 苯并[a]芘')
  })

  it('when pH is missing, then every value is 缺少 pH，无法判定 with no threshold and the worst flag is no-ph', () => {
    const flags = soil('0101', null, { cd: 9, as: 1 })
    expect(
      flags.every(
        (f) => f.level === 'no-ph' && f.label === '缺少 pH，无法判定' && f.thresholds.length === 0 && f.ratio === null,
      ),
    ).toBe(true)
    expect(worstFlag(flags)).toBe('no-ph')
  })

  it('when values are flagged, then they come in the order Cd Hg As Pb Cr Cu Ni Zn with the ratio to the screening value', () => {
    const flags = soil('0101', 6, { zn: 100, cd: 0.2, pb: 50 })
    expect(flags.map((f) => f.key)).toEqual(['cd', 'pb', 'zn'])
    expect(flags.map((f) => f.ratio)).toEqual([0.5, 0.5, 0.5])
  })
})

describe('flagResult, GB 36600 and GB 2762', () => {
  it.each([
    ['pb', 400, 'ok'],
    ['pb', 400.1, 'screening'],
    ['pb', 800, 'screening'],
    ['pb', 800.1, 'intervention'],
    ['cd', 20.5, 'screening'],
    ['hg', 33.1, 'intervention'],
  ])('when construction soil holds %s %s, then %s (第一类用地)', (key, value, level) => {
    expect(soil('0601', 7, { [key]: value })[0].level).toBe(level)
  })

  it('when construction soil holds total Cr and Zn, then no standard applies and the reason is given', () => {
    const flags = soil('0701', 7, { cr: 500, zn: 500 })
    expect(flags.map((f) => f.level)).toEqual(['no-standard', 'no-standard'])
    expect(flags[0].message).toContain('六价铬')
  })

  it('when construction soil has no pH, then GB 36600 still judges it (no pH bands)', () => {
    expect(soil('0601', null, { pb: 500 })[0].level).toBe('screening')
  })

  it('when a rice sample is at and above the Cd limit 0.2, then ok and limit, with the ratio', () => {
    const crop = (cd: number) =>
      flagResult(
        { medium: 'crop', crop: '稻谷', ph: null, values: { cd } },
        standardOfPoint('0101', settings),
        settings,
      )[0]
    expect(crop(0.2)).toMatchObject({ level: 'ok', ratio: 1, thresholds: [{ kind: 'limit', valueMgKg: 0.2 }] })
    expect(crop(0.21)).toMatchObject({ level: 'limit', label: '超限量', ratio: 1.05 })
  })

  it('when the crop is unknown to GB 2762, then its values are not judged and the crop is named', () => {
    const [flag] = flagResult(
      { medium: 'crop', crop: '魔芋', ph: null, values: { cd: 1 } },
      standardOfPoint('0101', settings),
      settings,
    )
    expect(flag.level).toBe('no-standard')
    expect(flag.message).toContain('魔芋')
  })

  it('when flags are mixed, then the worst is intervention over limit over screening over no-ph', () => {
    const f = (level: string) => ({ level }) as never
    expect(worstFlag([f('ok'), f('screening'), f('no-ph')])).toBe('screening')
    expect(worstFlag([f('limit'), f('intervention')])).toBe('intervention')
    expect(worstFlag([])).toBe('ok')
  })
})

const raw = (over: Partial<RawResult> = {}): RawResult => ({
  sampledOn: '2024-05-01',
  medium: '土壤',
  crop: '',
  ph: '6.5',
  organicMatterGKg: '',
  ploughDepthCm: '',
  values: { cd: '0.2' },
  ...over,
})
const limits = { maxSoilMgKg: 10_000, maxCropMgKg: 100, earliestSampledOn: '1980-01-01' }

describe('checkResult', () => {
  it('when a complete soil result is typed, then it is accepted with numbers', () => {
    expect(checkResult(raw({ organicMatterGKg: '20', ploughDepthCm: '22' }), limits, '2026-01-01')).toEqual({
      ok: true,
      value: {
        sampledOn: '2024-05-01',
        medium: 'soil',
        crop: null,
        ph: 6.5,
        organicMatterGKg: 20,
        ploughDepthCm: 22,
        values: { cd: 0.2 },
      },
    })
  })

  it.each([
    ['ph', { ph: '14' }, true],
    ['ph', { ph: '14.01' }, false],
    ['ph', { ph: '0' }, true],
    ['ph', { ph: '-0.1' }, false],
    ['cd', { values: { cd: '0' } }, true],
    ['cd', { values: { cd: '-0.01' } }, false],
    ['cd', { values: { cd: '10000' } }, true],
    ['cd', { values: { cd: '10000.1' } }, false],
    ['cd', { values: { cd: '1e-3' } }, true],
    ['cd', { values: { cd: '0,3' } }, false],
    ['cd', { values: { cd: '<0.01' } }, false],
    ['sampledOn', { sampledOn: '2026-01-01' }, true],
    ['sampledOn', { sampledOn: '2026-01-02' }, false],
    ['sampledOn', { sampledOn: '1979-12-31' }, false],
    ['sampledOn', { sampledOn: '2023-02-29' }, false],
    ['sampledOn', { sampledOn: '2024/2/29' }, true],
    ['sampledOn', { sampledOn: '45052' }, true],
    ['ploughDepthCm', { ploughDepthCm: '200' }, true],
    ['ploughDepthCm', { ploughDepthCm: '201' }, false],
    ['organicMatterGKg', { organicMatterGKg: '1000.5' }, false],
    ['medium', { medium: '水' }, false],
  ])('when %s is %j, then accepted = %s', (field, over, isOk) => {
    const r = checkResult(raw(over as Partial<RawResult>), limits, '2026-01-01')
    expect(r.ok).toBe(isOk)
    if (!r.ok) expect(r.problems.map((p) => p.field)).toContain(field)
  })

  it('when a value is not a number, then the message names the column and the text as the report shows it', () => {
    const r = checkResult(raw({ values: { cd: 'abc' } }), limits, '2026-01-01')
    expect(r).toEqual({ ok: false, problems: [{ field: 'cd', column: '镉', message: '「镉」：数值「abc」不是数字' }] })
  })

  it('when a crop result has no crop, a pH and zinc, then each is a problem; a soil result with a crop is one too', () => {
    const r = checkResult(raw({ medium: '农产品', values: { zn: '1' } }), limits, '2026-01-01')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problems.map((p) => p.field).sort()).toEqual(['crop', 'ph', 'zn'])
    const s = checkResult(raw({ crop: '稻谷' }), limits, '2026-01-01')
    expect(!s.ok && s.problems[0].field).toBe('crop')
  })

  it('when a crop name has 30 characters, then it passes; with 31 (or a 1 MB cell), the column is named with the count', () => {
    expect(
      checkResult(raw({ medium: '农产品', crop: '稻'.repeat(30), ph: '', values: { cd: '0.1' } }), limits, '2026-01-01')
        .ok,
    ).toBe(true)
    const r = checkResult(
      raw({ medium: '农产品', crop: '稻'.repeat(31), ph: '', values: { cd: '0.1' } }),
      limits,
      '2026-01-01',
    )
    expect(r).toEqual({
      ok: false,
      problems: [
        { field: 'crop', column: '作物', message: '「作物」最多 30 个字（填了 31 个字），请只填作物名称，如 稻谷' },
      ],
    })
    const huge = checkResult(raw({ crop: '稻'.repeat(350_000) }), limits, '2026-01-01')
    expect(!huge.ok && huge.problems[0].message).toBe(
      '「作物」最多 30 个字（填了 350000 个字），请只填作物名称，如 稻谷',
    )
  })

  it('when a crop value is above the crop cap, then it is refused while the same soil value passes', () => {
    expect(
      checkResult(raw({ medium: '农产品', crop: '稻谷', ph: '', values: { cd: '150' } }), limits, '2026-01-01').ok,
    ).toBe(false)
    expect(checkResult(raw({ values: { cd: '150' } }), limits, '2026-01-01').ok).toBe(true)
  })

  it('when nothing is measured, then the row is refused', () => {
    const r = checkResult(raw({ ph: '', values: {} }), limits, '2026-01-01')
    expect(!r.ok && r.problems[0].message).toContain('没有任何检测值')
  })
})

describe('rights and identity', () => {
  it('when roles meet point types, then environment edits all, farmland enters produce results only, the rest read', () => {
    expect(pointRights('environment', 'basic')).toEqual({ canEdit: true, canEnterResults: true })
    expect(pointRights('farmland', 'produce')).toEqual({ canEdit: false, canEnterResults: true })
    expect(pointRights('farmland', 'risk')).toEqual({ canEdit: false, canEnterResults: false })
    for (const role of ['land', 'approver', 'admin'] as const)
      expect(pointRights(role, 'produce')).toEqual({ canEdit: false, canEnterResults: false })
    expect(resultRefusal('farmland', 'background', 'P1')).toBe(
      '点位「P1」是背景点位，耕地管理员只能录入农产品产地点位的结果',
    )
  })

  it('when two results share point, date, medium and crop, then their keys are equal; another crop differs', () => {
    const a = resultKey(1, { sampledOn: '2024-01-01', medium: 'crop', crop: '稻谷' })
    expect(resultKey(1, { sampledOn: '2024-01-01', medium: 'crop', crop: '稻谷' })).toBe(a)
    expect(resultKey(1, { sampledOn: '2024-01-01', medium: 'crop', crop: '玉米' })).not.toBe(a)
  })

  it('when dates are written the Chinese or slashed way or as an Excel day number, then they are normalised', () => {
    expect(normaliseDate('2024年5月3日')).toBe('2024-05-03')
    expect(normaliseDate('2024/5/3')).toBe('2024-05-03')
    expect(normaliseDate('45052')).toBe('2023-05-06')
    expect(normaliseDate('12345')).toBe('12345')
  })
})
