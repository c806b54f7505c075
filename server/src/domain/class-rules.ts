import { DEFAULT_GB2762_EDITION } from './gb2762.ts'

/** Soil grades that can enter the class matrix (待复核 never does). */
export type MatrixSoilGrade = 'A' | 'B' | 'C'
/** Crop co-monitoring result as the matrix sees it: 'none' = no usable crop data for the parcel. */
export type MatrixCropResult = 'none' | 'ok' | 'slight' | 'serious'
export type MatrixClass = 'priority' | 'safe_use' | 'strict'

export type ClassMatrix = Readonly<Record<MatrixSoilGrade, Readonly<Record<MatrixCropResult, MatrixClass>>>>

/**
 * How several samples of one parcel are combined:
 * - 'worst': the least favourable sample decides (soil grade and crop result each take the worst);
 * - 'mean-ratio': per metal the mean of the samples' ratios to the screening and the intervention value gives
 *   the grade (A if every mean screening ratio ≤ 1, C if any mean intervention ratio > 1, else B); the crop
 *   result takes the mean of each sample's largest crop ratio.
 */
export type Aggregation = 'worst' | 'mean-ratio'

/**
 * How a parcel without samples gets its grade from samples nearby:
 * - 'idw': inverse-distance weighting (weight 1/d^power, d at least 1 m) of each metal's ratio to its
 *   screening and intervention value, over at most maxSamples samples within maxDistanceM;
 * - 'nearest': the nearest usable sample within maxDistanceM decides.
 */
export interface InterpolationRule {
  method: 'idw' | 'nearest'
  maxDistanceM: number
  maxSamples: number
  power: number
}

/**
 * A classification rule set (docs/domain-notes.md §3.2). None of it is fixed by GB 15618: every field is a local setting
 * (R), stored as JSON in class_rule_set.rules, and the version is written with every class.
 */
export interface ClassRuleSet {
  version: string
  name: string
  /** Soil grade × crop result → class. */
  matrix: ClassMatrix
  /** A crop exceedance with largest ratio value/limit ≤ this is 轻微超标, above it 严重超标. */
  cropSeriousRatio: number
  aggregation: Aggregation
  interpolation: InterpolationRule
  /** GB 2762 edition whose limits judge the crop samples (a key of GB2762_EDITIONS). */
  gb2762Edition: string
  /** Shown to users beside every class made with this rule set: which rules are local settings. */
  notes: string[]
}

/**
 * The default rule set. Every value is a setting recalled from practice (docs/domain-notes.md §3.2, R), not the standard:
 * - matrix A/ok → 优先保护, B/any-but-serious → 安全利用, B/serious → 严格管控, C/exceeding crop → 严格管控
 *   (the rows the method gives without a provincial choice);
 * - A + crop exceeding (slight or serious) → 安全利用类: soil is clean, so the source (irrigation water,
 *   air deposition) is checked first rather than closing the land (setting);
 * - C + crop ok → 安全利用类: the produce co-monitoring shows the crop stays within GB 2762 (setting; a province
 *   may choose 严格管控类);
 * - C without crop data → 严格管控类: above the intervention value GB 15618 §6.3 says 原则上严格管控, and
 *   nothing shows otherwise (setting);
 * - A/B without crop data → 优先保护类 / 安全利用类 (the soil grade alone, setting);
 * - crop 轻微超标 up to 2 × the limit (setting);
 * - several samples in a parcel: worst (setting);
 * - parcels without samples: IDW, power 2, the 5 nearest samples within 1000 m (setting).
 */
export const DEFAULT_RULE_SET: ClassRuleSet = {
  version: 'default-2026.1',
  name: '默认规则（2026.1，地方可调整）',
  matrix: {
    /** A: 优先保护 with crop ok or no crop data; 安全利用 when the crop exceeds (R setting). */
    A: { none: 'priority', ok: 'priority', slight: 'safe_use', serious: 'safe_use' },
    /** B: 安全利用, 严格管控 only when the crop exceeds seriously (R). */
    B: { none: 'safe_use', ok: 'safe_use', slight: 'safe_use', serious: 'strict' },
    /** C: 严格管控 unless crop co-monitoring shows the crop within the limit (R setting). */
    C: { none: 'strict', ok: 'safe_use', slight: 'strict', serious: 'strict' },
  },
  /** R setting: ratio to the GB 2762 limit up to 2 is 轻微超标. */
  cropSeriousRatio: 2,
  /** R setting. */
  aggregation: 'worst',
  /** R setting. */
  interpolation: { method: 'idw', maxDistanceM: 1000, maxSamples: 5, power: 2 },
  gb2762Edition: DEFAULT_GB2762_EDITION,
  notes: [
    '本规则集为地方设置，不是国家标准：土壤等级 × 农产品结果 → 类别的对应关系按《农用地土壤环境质量类别划分技术指南》的通行做法整理，省级可调整。',
    '土壤 A 类但农产品超标：划为安全利用类，并核实污染来源（地方设置）。',
    '土壤 C 类且农产品协同监测未超标：划为安全利用类；无农产品数据：划为严格管控类（地方设置）。',
    '农产品超标倍数（检测值 / 限量）不超过 2 为轻微超标，超过 2 为严重超标（地方设置）。',
    '图斑内有多个样点：取最不利样点（地方设置）。',
    '图斑内无样点：用 1000 米内最近 5 个样点按反距离加权（幂 2）推断，标注为插值（地方设置）。',
    '农产品限量按 GB 2762-2022（版次与数值未与官方文本核对）。',
    '水旱轮作地取水田与其他中较严的筛选值（GB 15618-2018 表1 注，按记忆整理，待核对）。',
  ],
}

/**
 * Upper bounds of a rule set's numbers: far beyond any sensible setting (the default is 2 ×, 1000 m, 5 samples,
 * power 2), they only catch typing errors and values such as 1e308 that no computation should meet.
 */
export const RULE_LIMITS = { maxCropSeriousRatio: 100, maxDistanceM: 100_000, maxSamples: 100, maxPower: 10 } as const

/** Problems that make a stored rule set unusable (empty when it is fine); messages in Chinese. */
export function checkRuleSet(rules: ClassRuleSet, knownEditions: readonly string[]): string[] {
  const problems: string[] = []
  const classes: readonly string[] = ['priority', 'safe_use', 'strict']
  for (const grade of ['A', 'B', 'C'] as const) {
    for (const crop of ['none', 'ok', 'slight', 'serious'] as const) {
      if (!classes.includes(rules.matrix?.[grade]?.[crop]))
        problems.push(`类别矩阵缺少 ${grade} 类土壤 × ${crop} 的类别`)
    }
  }
  if (!(rules.cropSeriousRatio >= 1 && rules.cropSeriousRatio <= RULE_LIMITS.maxCropSeriousRatio)) {
    problems.push(`农产品严重超标倍数应在 1–${RULE_LIMITS.maxCropSeriousRatio} 倍之间`)
  }
  if (!['worst', 'mean-ratio'].includes(rules.aggregation)) problems.push('多样点合并方式应为 worst 或 mean-ratio')
  const i = rules.interpolation
  if (!i || !['idw', 'nearest'].includes(i.method)) problems.push('插值方法应为 idw 或 nearest')
  if (!(i?.maxDistanceM >= 0 && i.maxDistanceM <= RULE_LIMITS.maxDistanceM))
    problems.push(`插值最大距离应在 0–${RULE_LIMITS.maxDistanceM} 米之间`)
  if (!(Number.isInteger(i?.maxSamples) && i.maxSamples >= 1 && i.maxSamples <= RULE_LIMITS.maxSamples))
    problems.push(`插值样点数应为 1–${RULE_LIMITS.maxSamples} 的整数`)
  if (!(i?.power > 0 && i.power <= RULE_LIMITS.maxPower))
    problems.push(`反距离加权的幂应大于 0、不超过 ${RULE_LIMITS.maxPower}`)
  if (!knownEditions.includes(rules.gb2762Edition)) problems.push(`未知的 GB 2762 版本：${rules.gb2762Edition}`)
  return problems
}
