import { assessCropSample, fmt, landUseOfDlbm, type Element } from './assess-sample.ts'
import type { ClassRuleSet } from './class-rules.ts'
import { interventionValue, otherItemScreeningValue, screeningValue, type LandUse } from './gb15618.ts'
import { CROP_CONTAMINANTS, type CropContaminant } from './gb2762.ts'
import { findSubstance } from './gb36600.ts'
import { LAND_CLASS_NAME, type LandClass } from './gb50137.ts'
import { DLBM, POINT_LEVEL, POINT_TYPE, labelOf } from './labels.ts'
import type { Role } from './roles.ts'
import { can } from './rights.ts'
import type { ResultLimits } from './monitoring-entry.ts'

/**
 * Soil monitoring points and their results (docs/domain-notes.md §8): which standard judges a result at a point, the flag of
 * each measured value with the threshold, its table and the ratio, and who may enter results (the checks of one
 * entered result are in monitoring-entry.ts).
 * Pure rules: no I/O.
 */

export const POINT_LEVELS = ['national', 'provincial', 'city', 'county'] as const
export type PointLevel = (typeof POINT_LEVELS)[number]
export const POINT_TYPES = ['basic', 'risk', 'background', 'produce'] as const
export type PointType = (typeof POINT_TYPES)[number]
export const POINT_STATUSES = ['active', 'planned', 'retired'] as const
export type PointStatus = (typeof POINT_STATUSES)[number]
export const POINT_STATUS: Record<PointStatus, string> = { active: '在用', planned: '规划', retired: '已撤销' }
export const MEDIA = ['soil', 'crop'] as const
export type Medium = (typeof MEDIA)[number]
export const MEDIUM_NAME: Record<Medium, string> = { soil: '土壤', crop: '农产品' }

export { POINT_LEVEL, POINT_TYPE }

/** The eight metals of GB 15618 表1 as stored in monitoring_result.values_mg_kg. */
export const SOIL_METAL_KEYS = ['cd', 'hg', 'as', 'pb', 'cr', 'cu', 'ni', 'zn'] as const
/** The other items of GB 15618 表2 (选测) a soil result may carry. */
export const SOIL_OTHER_KEYS = ['hch', 'ddt', 'bap'] as const
export const SOIL_VALUE_KEYS = [...SOIL_METAL_KEYS, ...SOIL_OTHER_KEYS] as const
export type SoilValueKey = (typeof SOIL_VALUE_KEYS)[number]
/** The GB 2762 contaminants a crop result may carry. */
export const CROP_VALUE_KEYS = ['cd', 'pb', 'as', 'hg', 'cr'] as const
export type ValueKey = SoilValueKey

export const VALUE_NAME: Record<ValueKey, string> = {
  cd: '镉',
  hg: '汞',
  as: '砷',
  pb: '铅',
  cr: '铬',
  cu: '铜',
  ni: '镍',
  zn: '锌',
  hch: '六六六总量',
  ddt: '滴滴涕总量',
  bap: '苯并[a]芘',
}

const ELEMENT_OF: Record<(typeof SOIL_METAL_KEYS)[number], Element> = {
  cd: 'Cd',
  hg: 'Hg',
  as: 'As',
  pb: 'Pb',
  cr: 'Cr',
  cu: 'Cu',
  ni: 'Ni',
  zn: 'Zn',
}
const TABLE2_OF: Record<(typeof SOIL_OTHER_KEYS)[number], 'HCH' | 'DDT' | 'BaP'> = {
  hch: 'HCH',
  ddt: 'DDT',
  bap: 'BaP',
}
/** GB 36600 items for the stored keys; total Cr and Zn have none (GB 36600 lists 六价铬 only, and no zinc). */
const GB36600_OF: Partial<Record<ValueKey, string>> = {
  cd: 'Cd',
  hg: 'Hg',
  as: 'As',
  pb: 'Pb',
  cu: 'Cu',
  ni: 'Ni',
  bap: 'benzo_a_pyrene',
}

/**
 * 三调 codes of construction land (建设用地 of the 三大类 reading of the 工作分类): 05, 06 (0601, 0602), 07, 08, 09,
 * 10 except 1006 农村道路, 1109 水工建筑用地, 1201 空闲地. **R** 待核实 (docs/domain-notes.md §6.2 lists the codes, not the 三大类).
 */
const CONSTRUCTION_PREFIXES = [
  '05',
  '0601',
  '0602',
  '07',
  '08',
  '09',
  '1001',
  '1002',
  '1003',
  '1004',
  '1005',
  '1007',
  '1008',
  '1009',
  '1109',
  '1201',
]

/** Settings of the judgement; the values come from config (`config.monitoring`). */
export interface MonitoringJudgeSettings {
  /** GB 36600 class for points on construction land: no planned use is known, so 第一类 by 5.3.1 (setting). */
  constructionLandClass: LandClass
  /** GB 2762 edition and the 轻微/严重 ratio of crop results (the classification rule set). */
  cropRules: Pick<ClassRuleSet, 'gb2762Edition' | 'cropSeriousRatio'>
}

/** Which standard judges soil at a point, decided by its 三调 land code. */
export type PointStandard =
  | { kind: 'gb15618'; landUse: LandUse; label: string }
  | { kind: 'gb36600'; landClass: LandClass; label: string }
  | { kind: 'none'; label: string }

export function isFarmlandCode(code: string): boolean {
  return /^0[12]/.test(code)
}

export function isConstructionCode(code: string): boolean {
  return CONSTRUCTION_PREFIXES.some((p) => code.startsWith(p))
}

/**
 * The soil standard of a point: 耕地 (01xx) and 园地 (02xx) → GB 15618-2018 with its land-type column
 * (docs/domain-notes.md §6.2 mapping); construction land → GB 36600-2018 in the class of the setting; any other land (林地, 草地, 水域,
 * 其他土地) or no land code → none, said so (never a default standard).
 */
export function standardOfPoint(
  landUse: string | null,
  settings: Pick<MonitoringJudgeSettings, 'constructionLandClass'>,
): PointStandard {
  const code = (landUse ?? '').trim()
  if (!code) return { kind: 'none', label: '点位未登记土地利用类型，无法选择评价标准（只列出检测值）' }
  const name = labelOf(DLBM, code.slice(0, 4))
  if (isFarmlandCode(code)) {
    const use = landUseOfDlbm(code)
    const column =
      use === '水田' ? '按表1“水田”列' : use === '果园' ? '铜按表1“果园”列、其余按“其他”列' : '按表1“其他”列'
    return {
      kind: 'gb15618',
      landUse: use,
      label: `GB 15618-2018 农用地（${code} ${name}，${column}；pH 按每次采样分档）`,
    }
  }
  if (isConstructionCode(code)) {
    const cls = settings.constructionLandClass
    return {
      kind: 'gb36600',
      landClass: cls,
      label: `GB 36600-2018 建设用地${LAND_CLASS_NAME[cls]}（${code}${name === code.slice(0, 4) ? '' : ` ${name}`}；点位无规划用途，按设置取${LAND_CLASS_NAME[cls]}）`,
    }
  }
  return {
    kind: 'none',
    label: `地类 ${code}${name === code.slice(0, 4) ? '' : ` ${name}`} 不属于耕地、园地或建设用地，无适用的土壤风险管控标准（只列出检测值）`,
  }
}

export type FlagLevel = 'ok' | 'screening' | 'intervention' | 'limit' | 'no-ph' | 'no-standard'
export const FLAG_LABEL: Record<FlagLevel, string> = {
  ok: '未超标',
  screening: '超筛选值',
  intervention: '超管制值',
  limit: '超限量',
  'no-ph': '缺少 pH，无法判定',
  'no-standard': '无适用标准',
}

/** A threshold a value was compared with, and the table row it comes from. */
export interface FlagThreshold {
  kind: 'screening' | 'intervention' | 'limit'
  valueMgKg: number
  basis: string
}

/** One measured value of a result with its judgement. */
export interface ValueFlag {
  key: string
  name: string
  valueMgKg: number
  level: FlagLevel
  label: string
  /** The screening value (or the GB 2762 limit) first, then the intervention value when there is one. */
  thresholds: FlagThreshold[]
  /** value ÷ screening value (or ÷ limit), three significant digits; null without a threshold. */
  ratio: number | null
  message: string
}

export interface ResultToJudge {
  medium: Medium
  crop: string | null
  ph: number | null
  values: Record<string, number>
}

const sig3 = (v: number) => Number(v.toPrecision(3))
const nameOf = (key: string) => VALUE_NAME[key as ValueKey] ?? key

function sortedEntries(values: Record<string, number>, order: readonly string[]): [string, number][] {
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length)
  return Object.entries(values)
    .filter(([, v]) => typeof v === 'number' && Number.isFinite(v))
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
}

function withoutThreshold(key: string, value: number, level: 'no-ph' | 'no-standard', message: string): ValueFlag {
  return {
    key,
    name: nameOf(key),
    valueMgKg: value,
    level,
    label: FLAG_LABEL[level],
    thresholds: [],
    ratio: null,
    message,
  }
}

function judged(key: string, value: number, screening: FlagThreshold, intervention: FlagThreshold | null): ValueFlag {
  const name = nameOf(key)
  const level: FlagLevel =
    intervention && value > intervention.valueMgKg ? 'intervention' : value > screening.valueMgKg ? 'screening' : 'ok'
  const thresholds = intervention ? [screening, intervention] : [screening]
  const message =
    level === 'intervention'
      ? `${name} ${fmt(value)} mg/kg 超过管制值 ${fmt(intervention!.valueMgKg)}（${intervention!.basis}）`
      : level === 'screening'
        ? `${name} ${fmt(value)} mg/kg 超过筛选值 ${fmt(screening.valueMgKg)}（${screening.basis}）${intervention ? `，未超过管制值 ${fmt(intervention.valueMgKg)}` : '，该项无管制值'}`
        : `${name} ${fmt(value)} mg/kg 未超过筛选值 ${fmt(screening.valueMgKg)}（${screening.basis}）`
  return {
    key,
    name,
    valueMgKg: value,
    level,
    label: FLAG_LABEL[level],
    thresholds,
    ratio: sig3(value / screening.valueMgKg),
    message,
  }
}

function flagGb15618(key: string, value: number, landUse: LandUse, ph: number | null): ValueFlag {
  if (ph === null)
    return withoutThreshold(
      key,
      value,
      'no-ph',
      `${nameOf(key)}：缺少 pH，无法判定（GB 15618-2018 的筛选值按 pH 分档，不按默认 pH 判定）`,
    )
  if (key in TABLE2_OF) {
    const s = otherItemScreeningValue(TABLE2_OF[key as keyof typeof TABLE2_OF])
    return judged(key, value, { kind: 'screening', valueMgKg: s.value, basis: s.basis }, null)
  }
  const element = ELEMENT_OF[key as keyof typeof ELEMENT_OF]
  if (!element) return withoutThreshold(key, value, 'no-standard', `${nameOf(key)}：GB 15618-2018 无此项目`)
  const s = screeningValue(element, landUse, false, ph)
  const i = interventionValue(element, ph)
  return judged(
    key,
    value,
    { kind: 'screening', valueMgKg: s.value, basis: s.basis },
    i && { kind: 'intervention', valueMgKg: i.value, basis: i.basis },
  )
}

function flagGb36600(key: string, value: number, landClass: LandClass): ValueFlag {
  const substance = GB36600_OF[key as ValueKey]
  const s = substance ? findSubstance(substance) : undefined
  if (!s) {
    const why = key === 'cr' ? 'GB 36600-2018 只有六价铬，总铬不与之比较' : `GB 36600-2018 无${nameOf(key)}`
    return withoutThreshold(key, value, 'no-standard', `${nameOf(key)}：${why}`)
  }
  const column = LAND_CLASS_NAME[landClass]
  return judged(
    key,
    value,
    { kind: 'screening', valueMgKg: s.screening[landClass], basis: `${s.table} ${s.name} ${column}筛选值` },
    { kind: 'intervention', valueMgKg: s.intervention[landClass], basis: `${s.table} ${s.name} ${column}管制值` },
  )
}

function flagCrop(result: ResultToJudge, rules: MonitoringJudgeSettings['cropRules']): ValueFlag[] {
  const crop = result.crop ?? ''
  const known: Partial<Record<CropContaminant, number>> = {}
  for (const [key, value] of Object.entries(result.values)) {
    const c = CROP_CONTAMINANTS.find((x) => x.toLowerCase() === key)
    if (c) known[c] = value
  }
  const assessment = assessCropSample({ crop, values: known }, { ...rules } as ClassRuleSet)
  return sortedEntries(result.values, CROP_VALUE_KEYS).map(([key, value]) => {
    const item = assessment.items.find((i) => i.element.toLowerCase() === key)
    if (!item) {
      const why = assessment.group
        ? `${assessment.edition} 无${nameOf(key)}的限量`
        : `作物“${crop}”不在 ${assessment.edition} 限量表的分组中`
      return withoutThreshold(key, value, 'no-standard', `${nameOf(key)}：${why}，无法判定`)
    }
    const level: FlagLevel = value > item.limit ? 'limit' : 'ok'
    const name = nameOf(key)
    return {
      key,
      name,
      valueMgKg: value,
      level,
      label: FLAG_LABEL[level],
      thresholds: [{ kind: 'limit', valueMgKg: item.limit, basis: item.basis }],
      ratio: sig3(value / item.limit),
      message:
        level === 'limit'
          ? `${crop}${name} ${fmt(value)} mg/kg 超过限量 ${fmt(item.limit)}（${item.basis}）`
          : `${crop}${name} ${fmt(value)} mg/kg 未超过限量 ${fmt(item.limit)}（${item.basis}）`,
    }
  })
}

/** Every value of a result judged: soil by the point's standard (pH band and land use for GB 15618), crops by GB 2762. */
export function flagResult(
  result: ResultToJudge,
  standard: PointStandard,
  settings: MonitoringJudgeSettings,
): ValueFlag[] {
  if (result.medium === 'crop') return flagCrop(result, settings.cropRules)
  return sortedEntries(result.values, SOIL_VALUE_KEYS).map(([key, value]) => {
    if (standard.kind === 'gb15618') return flagGb15618(key, value, standard.landUse, result.ph)
    if (standard.kind === 'gb36600') return flagGb36600(key, value, standard.landClass)
    return withoutThreshold(key, value, 'no-standard', `${nameOf(key)}：${standard.label}`)
  })
}

const SEVERITY: FlagLevel[] = ['ok', 'no-standard', 'no-ph', 'screening', 'limit', 'intervention']

/** The worst flag of a result, for its row colour ('ok' for a result without values). */
export function worstFlag(flags: readonly ValueFlag[]): FlagLevel {
  return flags.reduce<FlagLevel>((w, f) => (SEVERITY.indexOf(f.level) > SEVERITY.indexOf(w) ? f.level : w), 'ok')
}

/** Who may do what with a point: environment officers keep the network; farmland officers enter 农产品产地 results. */
export interface PointRights {
  canEdit: boolean
  canEnterResults: boolean
}

/**
 * Rights on a point by role and type, from the rights table: `monitoring.edit` registers and edits points,
 * `monitoring.enterAllResults` enters every result, `monitoring.enterResults` only those of 农产品产地 points (the
 * agricultural network of 农办科〔2018〕19号, a decision of this system said in the README); every other role reads.
 */
export function pointRights(role: Role, pointType: PointType): PointRights {
  return {
    canEdit: can(role, 'monitoring.edit'),
    canEnterResults:
      can(role, 'monitoring.enterAllResults') || (pointType === 'produce' && can(role, 'monitoring.enterResults')),
  }
}

/** The one-line reason a role may not enter results at a point (for row errors and 403 messages). */
export function resultRefusal(role: Role, pointType: PointType, code: string): string | null {
  if (pointRights(role, pointType).canEnterResults) return null
  if (can(role, 'monitoring.enterResults'))
    return `点位「${code}」是${POINT_TYPE[pointType]}，耕地管理员只能录入农产品产地点位的结果`
  return '当前角色不能录入监测结果'
}

/** Display name of a 三调 code: `0101 水田`, or the code alone when unknown. */
export function landUseName(code: string | null): string {
  if (!code) return '—'
  const name = labelOf(DLBM, code.slice(0, 4))
  return name === code.slice(0, 4) ? code : `${code} ${name}`
}

/**
 * Settings of the monitoring feature (config `monitoring`). Not standard values: the construction-land class
 * follows GB 36600 5.3.1; the caps, the earliest date and the import limits are R 待核实.
 */
export interface MonitoringSettings extends ResultLimits {
  constructionLandClass: LandClass
  /** Largest import file, bytes. */
  importMaxBytes: number
  /** Most data rows of one import file. */
  importMaxRows: number
  /** Most points one list answer holds. */
  listLimit: number
}
