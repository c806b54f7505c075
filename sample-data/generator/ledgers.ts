import type { Random } from './random.ts'
import { FIRM_WORDS, GENERATED_MARK, INDUSTRIES } from './names.ts'
import type { PlotRow } from './generate.ts'

/**
 * The sample's ledgers of a county (generated, marked so): the 受污染耕地安全利用 accounting of its parcels and the
 * redevelopment records of its contaminated plots.
 */

/** A contaminated parcel in one year's 受污染耕地安全利用 accounting, with the measures applied (bucket per measure). */
export interface AccountRow {
  parcelCode: string
  year: number
  degree: 'slight' | 'mild_moderate' | 'severe'
  measures: { name: string; bucket: 'priority' | 'safe_use' | 'strict' }[]
  produceCompliant: boolean | null
  produceBasis: string | null
}
/** A contaminated plot redeveloped in a year; `areaM2` null = the registered plot's own area. */
export interface RedevelopmentRow {
  plotCode: string
  plotName: string
  year: number
  plannedUse: string
  areaM2: number | null
  meetsRequirement: boolean
  basis: string
}

/** Accounting years of the sample (the 2020 and 2025 target years of the plans). */
export const ACCOUNT_YEARS = [2020, 2025] as const

const MEASURES = {
  priority: ['秸秆还田', '增施有机肥', '土壤环境质量监测'],
  safe_use: ['优化施肥', '水分调节', '低积累品种替代', '施用石灰调节酸度', '叶面阻控'],
  strict: ['种植结构调整', '划定特定农产品禁止生产区域', '退耕还林还草', '休耕'],
} as const
type Bucket = keyof typeof MEASURES

/**
 * The 受污染耕地 accounting of a county: 严格管控类 parcels are 重度, 安全利用类 轻中度, and half of the 优先保护类
 * parcels within 2.5 km of a source 轻微. About 90 % are safely used, the share drawn per county and year so that some
 * counties miss their target; the failures are spread over no measure, too weak a measure and produce over the limit.
 */
export function generateAccounts(
  xr: Random,
  parcels: { code: string; cls: string; sourceM: number }[],
  north: boolean,
): AccountRow[] {
  const degreeOf = (p: { cls: string; sourceM: number }): AccountRow['degree'] | null => {
    if (p.cls === 'strict') return 'severe'
    if (p.cls === 'safe_use') return 'mild_moderate'
    if (p.cls === 'priority' && p.sourceM < 2500) return xr.next() < 0.5 ? 'slight' : null
    return null
  }
  const contaminated = parcels.flatMap((p) => {
    const degree = degreeOf(p)
    return degree ? [{ code: p.code, degree }] : []
  })
  const crop = north ? '玉米' : '稻谷'
  const limit = north ? 0.1 : 0.2
  const pick = (bucket: Bucket, n = 1) => {
    const names = new Set<string>()
    while (names.size < n) names.add(xr.pick(MEASURES[bucket]))
    return [...names].map((name) => ({ name, bucket }))
  }
  const produce = (year: number, isCompliant: boolean) => {
    const v = Number((limit * (isCompliant ? xr.between(0.3, 0.95) : xr.between(1.05, 2))).toPrecision(2))
    return {
      produceCompliant: isCompliant,
      produceBasis: `${year} 年${crop}镉 ${v} mg/kg，${isCompliant ? '≤' : '>'} GB 2762-2022 限量 ${limit} mg/kg（示例）`,
    }
  }
  const rows: AccountRow[] = []
  const share2020 = xr.between(0.84, 0.99)
  for (const year of ACCOUNT_YEARS) {
    const share = year === 2020 ? share2020 : Math.min(0.995, share2020 + xr.between(0, 0.06))
    for (const { code, degree } of contaminated) {
      const base = { parcelCode: code, year, degree, produceCompliant: null, produceBasis: null }
      if (xr.next() < share) {
        if (degree === 'severe')
          rows.push({
            ...base,
            measures: [...pick('strict', xr.int(1, 2)), ...(xr.next() < 0.2 ? pick('safe_use') : [])],
          })
        else if (degree === 'slight') rows.push({ ...base, measures: pick('priority', xr.int(1, 2)) })
        else if (xr.next() < 0.15) rows.push({ ...base, measures: [...pick('strict'), ...pick('safe_use')] })
        else rows.push({ ...base, measures: pick('safe_use', xr.int(1, 3)), ...produce(year, true) })
        continue
      }
      const failure = xr.next()
      if (failure < 0.4 || degree === 'slight') rows.push({ ...base, measures: [] })
      else if (degree === 'severe') rows.push({ ...base, measures: pick('safe_use', xr.int(1, 2)) })
      else if (failure < 0.6) rows.push({ ...base, measures: pick('priority') })
      else if (failure < 0.9) rows.push({ ...base, measures: pick('safe_use', xr.int(1, 2)), ...produce(year, false) })
      else rows.push({ ...base, measures: pick('safe_use') })
    }
  }
  return rows
}

/** Statuses of a registered plot that has been redeveloped (移出名录, or found not contaminated). */
const REDEVELOPED_STATUSES = new Set(['removed', 'cleared'])
/** Planned uses of redeveloped plots: GB 36600 第一类 (住宅, 学校, 医院, 社区公园) and 第二类 (工业, 物流, 商业, 道路). */
const FIRST_CLASS_USES = ['R2', 'A33', 'A51', 'G1']
const SECOND_CLASS_USES = ['M1', 'W1', 'B1', 'S1']
const UNMET_BASES = [
  '未开展土壤污染状况调查即开工建设（示例）',
  '修复效果评估未通过评审，仍有点位超过规划用途筛选值（示例）',
  '风险管控措施未落实即投入使用（示例）',
]

/**
 * Redevelopment records of a county: every registered plot that was removed or cleared, and 3–8 earlier plots no
 * longer in the registry (codes …-ZK…), 2016–2025; about 92 % met the planned use's soil quality, varied by county.
 */
export function generateRedevelopments(
  xr: Random,
  adcode: string,
  short: string,
  plots: PlotRow[],
): RedevelopmentRow[] {
  const share = xr.between(0.8, 1)
  const record = (plotCode: string, plotName: string, areaM2: number | null): RedevelopmentRow => {
    const isFirstClass = xr.next() < 0.5
    const plannedUse = xr.pick(isFirstClass ? FIRST_CLASS_USES : SECOND_CLASS_USES)
    const meets = xr.next() < share
    const basis = meets
      ? `效果评估（或调查评估）表明土壤达到 GB 36600 ${isFirstClass ? '第一类' : '第二类'}用地筛选值（示例）`
      : xr.pick(UNMET_BASES)
    return { plotCode, plotName, year: xr.int(2016, 2025), plannedUse, areaM2, meetsRequirement: meets, basis }
  }
  const rows = plots.filter((p) => REDEVELOPED_STATUSES.has(p.status)).map((p) => record(p.code, p.name, null))
  const extra = xr.int(3, 8)
  for (let i = 1; i <= extra; i++) {
    const name = `${short}${xr.pick(FIRM_WORDS)}${xr.pick(INDUSTRIES)[1]}原厂区地块${GENERATED_MARK}`
    rows.push(record(`${adcode}-ZK${String(i).padStart(3, '0')}`, name, Math.round(xr.between(5_000, 60_000))))
  }
  return rows
}
