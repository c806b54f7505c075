import { LAND_CLASS_NAME, type LandClass } from './gb50137.ts'
import type { BackgroundSettings, PollutantAssessment } from './gb36600.ts'
import { ENTERPRISE_STATUS, FARMLAND_CLASS, PLOT_STATUS, industryNameOf, labelOf } from './labels.ts'
import { UNRELATED_CONSTRUCTION, negativeListOf, type NegativeUse } from './negative-list.ts'
import type { PrecheckSettings } from './precheck.ts'
import { assessMonitoringValues, isUseForbidden } from './precheck-use.ts'
import { PUBLIC_LISTS, listOfPlotStatus } from './public-fields.ts'
import { m2ToMu } from './units.ts'
import {
  DEFAULT_WATER_SOURCE_SEVERITY,
  SOURCE_TYPE,
  ZONE_LEVEL,
  type SourceType,
  type ZoneLevel,
} from './water-source.ts'

/**
 * 用地准入核查: what each feature the overlaps SQL found means for the plot and its planned use, as a reason with its
 * severity and its legal or standard basis, and what was checked and found clean. Pure rules, no I/O.
 */

/** How much a reason weighs: refuse → 不得; investigate → 须调查; note and clear leave the verdict alone. */
export const SEVERITIES = ['clear', 'note', 'investigate', 'refuse'] as const
export type Severity = (typeof SEVERITIES)[number]
export const SEVERITY_NAME: Record<Severity, string> = {
  clear: '未发现问题',
  note: '提示',
  investigate: '须调查评估',
  refuse: '禁止',
}

export const FEATURE_TYPE_NAME = {
  plot: '污染地块（已发布）',
  'control-zone': '管控区域（已发布）',
  enterprise: '土壤污染重点监管单位',
  farmland: '耕地（已发布分类清单）',
  'monitoring-point': '土壤监测点位',
  'basic-farmland': '永久基本农田',
  'water-source': '饮用水水源保护区',
} as const
export type FeatureType = keyof typeof FEATURE_TYPE_NAME

/** Legal and standard bases cited by the reasons. Article numbers marked **R** in docs/domain-notes.md §5.3 are recalled. */
export const PRECHECK_BASIS = {
  law59: '《中华人民共和国土壤污染防治法》第五十九条',
  law59to60: '《中华人民共和国土壤污染防治法》第五十九条、第六十条；《土壤污染防治行动计划》（十六）',
  suspected: '《污染地块土壤环境管理办法（试行）》（环境保护部令第42号）；《中华人民共和国土壤污染防治法》第五十九条',
  controlZone: '《土壤污染防治行动计划》（十六）；《中华人民共和国土壤污染防治法》第六十三条',
  law66: '《中华人民共和国土壤污染防治法》第六十六条',
  law67: '《中华人民共和国土壤污染防治法》第六十七条',
  strictFarmland: '《中华人民共和国土壤污染防治法》第四十九条、第五十四条、第五十九条（判定口径为系统设置，待核实）',
  safeUseFarmland: '《中华人民共和国土壤污染防治法》第四十九条、第五十三条',
  priorityFarmland:
    '《中华人民共和国土壤污染防治法》第四十九条、第五十条；《中华人民共和国土地管理法》第三十五条（待核实）',
  law50: '《中华人民共和国土壤污染防治法》第五十条',
  gb36600Screening: 'GB 36600-2018 第5.3.2、5.3.3条',
  gb36600Intervention: 'GB 36600-2018 第5.3.5条',
  gb36600LandClass: 'GB 36600-2018 第3.4、5.3.1条',
  waterLevel1: '《中华人民共和国水污染防治法》（2017年修正）第六十五条',
  waterLevel2: '《中华人民共和国水污染防治法》（2017年修正）第六十六条',
  waterQuasi: '《中华人民共和国水污染防治法》（2017年修正）第六十七条',
} as const

/** What the overlap SQL found, one row per feature. */
export type PrecheckHit =
  | {
      type: 'plot'
      id: number
      code: string
      name: string
      version: number
      status: string
      negativeUses: { useCode: string; basis: string }[]
      overlapM2: number
    }
  | {
      type: 'control-zone'
      id: number
      code: string
      name: string
      version: number
      announcementNo: string | null
      overlapM2: number
    }
  | {
      type: 'enterprise'
      id: number
      code: string
      name: string
      version: number
      industry: string
      status: string
      overlapM2: number
    }
  | {
      type: 'farmland'
      id: number
      code: string
      name: string
      version: number
      farmlandClass: string
      listId: number
      overlapM2: number
    }
  | {
      type: 'basic-farmland'
      id: number
      code: string
      name: string
      version: number
      overlapM2: number
    }
  | {
      type: 'water-source'
      id: number
      code: string
      name: string
      version: number
      level: ZoneLevel
      sourceType: SourceType
      overlapM2: number
    }
  | {
      type: 'monitoring-point'
      id: number
      code: string
      name: string
      version: number
      distanceM: number
      sampledOn: string | null
      valuesMgKg: Record<string, number>
    }

export interface PrecheckReason {
  code: string
  severity: Severity
  severityName: string
  message: string
  basis: string
  featureType: FeatureType | null
  featureTypeName: string | null
  featureId: number | null
  featureCode: string | null
  featureName: string | null
  overlapM2: number | null
  overlapMu: number | null
  /** Distance of a monitoring point from the plot (0 inside), m. */
  distanceM?: number
}

const round1 = (n: number) => Math.round(n * 10) / 10
const fmtM2 = (m2: number) =>
  `${round1(m2).toLocaleString('zh-CN', { maximumFractionDigits: 1 })} 平方米（${m2ToMu(m2).toFixed(2)} 亩）`

export function reason(
  code: string,
  severity: Severity,
  message: string,
  basis: string,
  hit?: PrecheckHit,
): PrecheckReason {
  const overlapM2 = hit && 'overlapM2' in hit ? round1(hit.overlapM2) : null
  return {
    code,
    severity,
    severityName: SEVERITY_NAME[severity],
    message,
    basis,
    featureType: hit?.type ?? null,
    featureTypeName: hit ? FEATURE_TYPE_NAME[hit.type] : null,
    featureId: hit?.id ?? null,
    featureCode: hit?.code ?? null,
    featureName: hit?.name ?? null,
    overlapM2,
    overlapMu: overlapM2 === null ? null : Number(m2ToMu(overlapM2).toFixed(2)),
    ...(hit?.type === 'monitoring-point' ? { distanceM: round1(hit.distanceM) } : {}),
  }
}

function plotReason(hit: Extract<PrecheckHit, { type: 'plot' }>, use: { code: string; name: string }): PrecheckReason {
  const list = listOfPlotStatus(hit.status)
  const listName = PUBLIC_LISTS[list].name
  const what = `与${listName}中的地块 ${hit.code}（${hit.name}，${labelOf(PLOT_STATUS, hit.status)}）重叠 ${fmtM2(hit.overlapM2)}`
  const negative: NegativeUse[] = negativeListOf(
    hit.status,
    hit.negativeUses.map((n) => ({ useCode: n.useCode, basis: n.basis, reason: null })),
  )
  const forbidding = negative.find((n) => isUseForbidden(use.code, n.useCode))
  if (forbidding) {
    return reason(
      'NEGATIVE_LIST',
      'refuse',
      `${what}；该地块负面清单禁止“${forbidding.useName}${forbidding.useCode === UNRELATED_CONSTRUCTION ? '' : `（${forbidding.useCode}）`}”，规划用途“${use.name}（${use.code}）”不得进入用地程序`,
      forbidding.basis,
      hit,
    )
  }
  if (list === 'suspected') {
    return reason(
      'SUSPECTED_PLOT',
      'investigate',
      `${what}；疑似污染地块须先完成土壤污染状况初步调查，确认不超过标准后方可进入用地程序`,
      PRECHECK_BASIS.suspected,
      hit,
    )
  }
  if (list === 'contaminated') {
    return reason(
      'CONTAMINATED_PLOT',
      'investigate',
      `${what}；污染地块须完成详细调查和风险评估，证明符合规划用途“${use.name}（${use.code}）”的土壤环境质量要求后方可进入用地程序`,
      PRECHECK_BASIS.law59to60,
      hit,
    )
  }
  if (list === 'control') {
    return reason(
      'CONTROL_LIST_PLOT',
      'refuse',
      `${what}；未达到风险管控、修复目标并移出名录前不得进入用地程序`,
      PRECHECK_BASIS.law66,
      hit,
    )
  }
  return reason(
    'REMOVED_PLOT',
    'note',
    `${what}；该地块状态为“${labelOf(PLOT_STATUS, hit.status)}”，可按规划用途利用（请核对调查评估或移出时的规划用途与本次用途一致）`,
    PRECHECK_BASIS.law66,
    hit,
  )
}

function monitoringReason(
  hit: Extract<PrecheckHit, { type: 'monitoring-point' }>,
  landClass: LandClass,
  settings: PrecheckSettings,
  backgrounds: BackgroundSettings,
): PrecheckReason | null {
  const assessments = assessMonitoringValues(hit.valuesMgKg, landClass, backgrounds)
  const exceeding = assessments.filter((a) => a.isExceedance)
  const withinBackground = assessments.filter((a) => a.exceedsScreening && !a.isExceedance)
  const where = hit.distanceM <= 0 ? '位于地块内' : `距地块 ${round1(hit.distanceM)} 米`
  const point = `监测点位 ${hit.code}（${hit.name}，${where}）${hit.sampledOn ? `${hit.sampledOn} ` : ''}土壤监测结果`
  const className = LAND_CLASS_NAME[landClass]
  const list = (items: PollutantAssessment[], value: 'screening' | 'intervention') =>
    items
      .map(
        (a) =>
          `${a.name} ${a.valueMgKg} mg/kg（${value === 'screening' ? '筛选值' : '管制值'} ${a[value]}，${a.table}）`,
      )
      .join('、')
  const intervention = exceeding.filter((a) => a.exceedsIntervention)
  if (intervention.length) {
    const severity: Severity =
      hit.distanceM <= 0 ? (settings.interventionInsideSeverity === 'refuse' ? 'refuse' : 'investigate') : 'investigate'
    const then =
      severity === 'refuse'
        ? '超过管制值通常存在不可接受风险，须采取风险管控或修复措施后方可进入用地程序（判定口径为系统设置，待核实）'
        : hit.distanceM > 0
          ? '点位在地块外，须开展土壤污染状况调查确认地块本身的污染情况'
          : '须开展详细调查和风险评估'
    const screeningOnly = exceeding.filter((a) => !a.exceedsIntervention)
    const also = screeningOnly.length ? `；另超过风险筛选值：${list(screeningOnly, 'screening')}` : ''
    return reason(
      'MONITORING_INTERVENTION',
      severity,
      `${point}超过 GB 36600 ${className}风险管制值：${list(intervention, 'intervention')}${also}；${then}`,
      `${PRECHECK_BASIS.gb36600Intervention}；${intervention[0].table}${severity === 'refuse' ? '（不得进入用地程序的判定口径为系统设置，待核实）' : ''}`,
      hit,
    )
  }
  if (exceeding.length) {
    return reason(
      'MONITORING_SCREENING',
      'investigate',
      `${point}超过 GB 36600 ${className}风险筛选值：${list(exceeding, 'screening')}；须开展土壤污染状况调查`,
      `${PRECHECK_BASIS.gb36600Screening}；${exceeding[0].table}；${PRECHECK_BASIS.law59}`,
      hit,
    )
  }
  if (withinBackground.length) {
    return reason(
      'MONITORING_BACKGROUND',
      'note',
      `${point}：${withinBackground.map((a) => a.background?.note).join('；')}`,
      `${withinBackground[0].table} 注`,
      hit,
    )
  }
  return null
}

/** The reason `hit` gives for `use` on land of `landClass`; null when it has nothing to say. */
export function hitReason(
  hit: PrecheckHit,
  use: { code: string; name: string },
  landClass: LandClass,
  settings: PrecheckSettings,
  backgrounds: BackgroundSettings,
): PrecheckReason | null {
  switch (hit.type) {
    case 'plot':
      return plotReason(hit, use)
    case 'monitoring-point':
      return monitoringReason(hit, landClass, settings, backgrounds)
    case 'farmland':
      return farmlandReason(hit, settings)
    case 'control-zone':
      return reason(
        'CONTROL_ZONE',
        'refuse',
        `与管控区域 ${hit.code}（${hit.name}${hit.announcementNo ? `，公告 ${hit.announcementNo}` : ''}）重叠 ${fmtM2(hit.overlapM2)}；管控区域内的地块暂不开发利用，不得进入用地程序`,
        PRECHECK_BASIS.controlZone,
        hit,
      )
    case 'enterprise':
      return reason(
        'ENTERPRISE_SITE',
        'investigate',
        `与土壤污染重点监管单位 ${hit.name}（${industryNameOf(hit.industry)}，${labelOf(ENTERPRISE_STATUS, hit.status)}）的用地重叠 ${fmtM2(hit.overlapM2)}；重点监管单位生产经营用地在用途变更或土地使用权收回、转让前，应当进行土壤污染状况调查`,
        PRECHECK_BASIS.law67,
        hit,
      )
    case 'water-source':
      return waterSourceReason(hit, settings)
    case 'basic-farmland':
      return reason(
        'BASIC_FARMLAND',
        'note',
        `与永久基本农田图斑 ${hit.code} 重叠 ${fmtM2(hit.overlapM2)}；永久基本农田实行严格保护，优先保护类耕地应纳入其中，占用须依法另行审批，本核查不代替该审查`,
        PRECHECK_BASIS.law50,
        hit,
      )
  }
}

function farmlandReason(
  hit: Extract<PrecheckHit, { type: 'farmland' }>,
  settings: PrecheckSettings,
): PrecheckReason | null {
  const className = labelOf(FARMLAND_CLASS, hit.farmlandClass)
  const what = `与${className}耕地图斑 ${hit.code} 重叠 ${fmtM2(hit.overlapM2)}（已发布分类清单）`
  if (hit.farmlandClass === 'strict')
    return reason(
      'STRICT_FARMLAND',
      settings.strictFarmlandSeverity,
      settings.strictFarmlandSeverity === 'refuse'
        ? `${what}；严格管控类耕地土壤污染严重，按系统设置不得进入用地程序`
        : `${what}；严格管控类耕地土壤污染风险高，转为建设用地前须开展土壤污染状况调查评估`,
      PRECHECK_BASIS.strictFarmland,
      hit,
    )
  if (hit.farmlandClass === 'safe_use')
    return reason(
      'SAFE_USE_FARMLAND',
      'note',
      `${what}；安全利用类耕地存在一定土壤污染风险，建议在用地前开展土壤污染状况调查`,
      PRECHECK_BASIS.safeUseFarmland,
      hit,
    )
  if (hit.farmlandClass === 'priority')
    return reason(
      'PRIORITY_FARMLAND',
      'note',
      `${what}；优先保护类耕地应纳入永久基本农田实行严格保护，占用须另行履行耕地保护审查，本核查不代替该审查`,
      PRECHECK_BASIS.priorityFarmland,
      hit,
    )
  return null
}

/** What was checked and found clean, one reason per check without a finding. */
export function clearReasons(
  found: PrecheckReason[],
  hits: PrecheckHit[],
  o: { isChange: boolean; landClass: LandClass; settings: PrecheckSettings; monitoringPointsRead: number },
): PrecheckReason[] {
  const hitOf = (type: FeatureType) => hits.some((h) => h.type === type)
  const out: PrecheckReason[] = []
  if (!hitOf('plot'))
    out.push(
      reason(
        'CLEAR_PLOTS',
        'clear',
        '未与已发布的疑似污染地块名单、污染地块名录、建设用地土壤污染风险管控和修复名录中的地块重叠',
        PRECHECK_BASIS.law59to60,
      ),
    )
  if (!hitOf('control-zone'))
    out.push(reason('CLEAR_CONTROL_ZONES', 'clear', '未与已发布的管控区域重叠', PRECHECK_BASIS.controlZone))
  if (!hitOf('enterprise'))
    out.push(reason('CLEAR_ENTERPRISES', 'clear', '未与土壤污染重点监管单位的用地重叠', PRECHECK_BASIS.law67))
  if (!hitOf('farmland'))
    out.push(
      reason(
        'CLEAR_FARMLAND',
        'clear',
        '未与已发布分类清单中的优先保护类、安全利用类、严格管控类耕地重叠',
        PRECHECK_BASIS.safeUseFarmland,
      ),
    )
  const radius = o.settings.monitoringRadiusM
  const className = LAND_CLASS_NAME[o.landClass]
  if (!found.some((r) => r.code.startsWith('MONITORING_'))) {
    out.push(
      o.monitoringPointsRead > 0
        ? reason(
            'CLEAR_MONITORING',
            'clear',
            `地块内及周边 ${radius} 米内 ${o.monitoringPointsRead} 个土壤监测点位的最近一次监测结果均未超过 GB 36600 ${className}风险筛选值`,
            `${PRECHECK_BASIS.gb36600Screening}；${PRECHECK_BASIS.gb36600LandClass}`,
          )
        : reason(
            'NO_MONITORING',
            'note',
            `地块内及周边 ${radius} 米内没有土壤监测点位，未能以监测数据判断土壤污染状况（半径为系统设置，待核实）`,
            PRECHECK_BASIS.gb36600LandClass,
          ),
    )
  }
  if (!found.some((r) => r.code === 'LAW59_USE_CHANGE')) {
    out.push(
      reason(
        'CLEAR_LAW59',
        'clear',
        o.isChange
          ? '规划用途属于住宅或公共管理与公共服务用地，但未发现土壤污染风险线索，无须因用途变更先行调查'
          : '规划用途不属于住宅、公共管理与公共服务用地，不适用用途变更前的调查要求',
        PRECHECK_BASIS.law59,
      ),
    )
  }
  return out
}

/** What each zone level forbids, and the article that says so. */
const WATER_SOURCE_RULE: Record<ZoneLevel, { code: string; forbids: string; basis: string }> = {
  level1: {
    code: 'WATER_SOURCE_LEVEL1',
    forbids: '一级保护区内禁止新建、改建、扩建与供水设施和保护水源无关的建设项目',
    basis: PRECHECK_BASIS.waterLevel1,
  },
  level2: {
    code: 'WATER_SOURCE_LEVEL2',
    forbids: '二级保护区内禁止新建、改建、扩建排放污染物的建设项目，须核实规划项目是否排放污染物',
    basis: PRECHECK_BASIS.waterLevel2,
  },
  quasi: {
    code: 'WATER_SOURCE_QUASI',
    forbids: '准保护区内禁止新建、扩建对水体污染严重的建设项目，改建项目不得增加排污量',
    basis: PRECHECK_BASIS.waterQuasi,
  },
}

function waterSourceReason(
  hit: Extract<PrecheckHit, { type: 'water-source' }>,
  settings: PrecheckSettings,
): PrecheckReason {
  const rule = WATER_SOURCE_RULE[hit.level]
  const severity = (settings.waterSourceSeverity ?? DEFAULT_WATER_SOURCE_SEVERITY)[hit.level]
  return reason(
    rule.code,
    severity,
    `与饮用水水源${ZONE_LEVEL[hit.level]}（${hit.name}，${SOURCE_TYPE[hit.sourceType]}）重叠 ${fmtM2(hit.overlapM2)}；${rule.forbids}`,
    rule.basis,
    hit,
  )
}
