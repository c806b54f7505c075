import { PLAN_CONTROLLED_INDUSTRIES, SITING_INDUSTRY, type SitingIndustry } from './siting-industries.ts'
import { ZONE_LEVEL, type ZoneLevel } from './water-source.ts'

/** Version of these rules; stored with every siting check. */
export const SITING_RULES_VERSION = 'siting-2026.1'

/** Verdicts, weakest first. */
export const SITING_VERDICTS = ['clear', 'assess', 'unsuited', 'controlled'] as const
export type SitingVerdict = (typeof SITING_VERDICTS)[number]
export const SITING_VERDICT_NAME: Record<SitingVerdict, string> = {
  clear: '未发现限制',
  assess: '须专项论证',
  unsuited: '不宜选址',
  controlled: '严格控制',
}

/** Severities of a reason, weakest first; each but 'note' gives the verdict of the same name. */
export const SITING_SEVERITIES = ['note', 'assess', 'unsuited', 'controlled'] as const
export type SitingSeverity = (typeof SITING_SEVERITIES)[number]
export const SITING_SEVERITY_NAME: Record<SitingSeverity, string> = {
  note: '提示',
  assess: '须专项论证',
  unsuited: '不宜选址',
  controlled: '严格控制',
}

/** The kinds of feature a siting reason names. */
export const SITING_FEATURE_TYPE_NAME = {
  'priority-area': '优先保护类耕地集中区域',
  'water-source': '饮用水水源保护区',
  'ban-zone': '特定农产品禁止生产区域',
  'control-zone': '管控区域',
} as const
export type SitingFeatureType = keyof typeof SITING_FEATURE_TYPE_NAME

/** Legal and plan bases the siting reasons cite. */
export const SITING_BASIS = {
  priorityArea:
    '《土壤污染防治行动计划》（八）“严格控制在优先保护类耕地集中区域新建有色金属冶炼、石油加工、化工、焦化、电镀、制革等行业企业”；《中华人民共和国土壤污染防治法》第五十条',
  priorityAreaNote: '《中华人民共和国土壤污染防治法》第五十条；《土壤污染防治行动计划》（八）',
  waterLevel1: '《饮用水水源保护区污染防治管理规定》第十二条；《中华人民共和国水污染防治法》（2017年修正）第六十五条',
  waterLevel2: '《饮用水水源保护区污染防治管理规定》第十二条；《中华人民共和国水污染防治法》（2017年修正）第六十六条',
  waterQuasi: '《饮用水水源保护区污染防治管理规定》第十二条；《中华人民共和国水污染防治法》（2017年修正）第六十七条',
  waterNear: '《饮用水水源保护区污染防治管理规定》第十一条、第十二条；《中华人民共和国环境影响评价法》',
  banZone:
    '《中华人民共和国土壤污染防治法》第十八条、第四十九条；《土壤污染防治行动计划》（十八）（排放重点污染物的建设项目在环境影响评价中增加土壤环境影响评价内容）',
  controlZone: '《中华人民共和国土壤污染防治法》第六十六条；《土壤污染防治行动计划》（十六）',
  controlZoneNear: '《中华人民共和国土壤污染防治法》第十八条；《土壤污染防治行动计划》（十八）',
  clear: '《中华人民共和国土壤污染防治法》第十八条（选址不受本核查限制，仍须依法开展环境影响评价）',
} as const

/** Settings of the siting check (config.siting); every distance is a local choice, not a standard value. */
export interface SitingSettings {
  /** A 优先保护类耕地集中区域 within this distance of the site counts as near (SITING_PRIORITY_AREA_M), m. */
  priorityAreaM: number
  /** A published 饮用水水源保护区 within this distance counts as near (SITING_WATER_SOURCE_M), m. */
  waterSourceM: number
  /** A published 特定农产品禁止生产区域 within this distance counts as near (SITING_BAN_ZONE_M), m. */
  banZoneM: number
  /** A published 管控区域 within this distance counts as near (SITING_CONTROL_ZONE_M), m. */
  controlZoneM: number
  /** Monitoring points within this distance are listed (SITING_MONITORING_M), m. */
  monitoringM: number
  /** At most this many of the nearest points are listed (SITING_MONITORING_POINTS). */
  monitoringPoints: number
  /** Industries 严格控制 near a 优先保护类耕地集中区域 (SITING_CONTROLLED_INDUSTRIES). */
  controlledIndustries: readonly SitingIndustry[]
  /** The verdict of a site inside a 一级 / 二级保护区 (SITING_WATER_LEVEL1, SITING_WATER_LEVEL2). */
  waterSourceInside: { level1: 'controlled' | 'unsuited'; level2: 'controlled' | 'unsuited' }
}

export const DEFAULT_SITING_SETTINGS: SitingSettings = {
  priorityAreaM: 1000,
  waterSourceM: 1000,
  banZoneM: 500,
  controlZoneM: 500,
  monitoringM: 2000,
  monitoringPoints: 5,
  controlledIndustries: PLAN_CONTROLLED_INDUSTRIES,
  waterSourceInside: { level1: 'controlled', level2: 'controlled' },
}

/** A feature the siting SQL found within its distance of the site. */
export interface SitingHit {
  type: SitingFeatureType
  id: number
  code: string
  name: string
  /** Shortest distance from the site on the spheroid, m (0 touching or overlapping). */
  distanceM: number
  /** Area of the site inside the feature, m². */
  overlapM2: number
  /** Zone level of a 饮用水水源保护区. */
  level?: ZoneLevel | null
}

export interface SitingReasonOut {
  code: string
  severity: SitingSeverity
  severityName: string
  message: string
  basis: string
  featureType: SitingFeatureType | null
  featureTypeName: string | null
  featureId: number | null
  featureCode: string | null
  featureName: string | null
  distanceM: number | null
  overlapM2: number | null
}

export interface SitingDecision {
  verdict: SitingVerdict
  verdictName: string
  isControlledIndustry: boolean
  reasons: SitingReasonOut[]
}

const round1 = (n: number) => Math.round(n * 10) / 10
const where = (h: SitingHit) =>
  h.overlapM2 > 0 ? `拟选址与其重叠 ${round1(h.overlapM2)} 平方米` : `距拟选址 ${round1(h.distanceM)} 米`
const local = (m: number, setting: string) => `${m} 米内（${setting}，本地设置）`

function reasonOf(
  code: string,
  severity: SitingSeverity,
  message: string,
  basis: string,
  hit: SitingHit | null,
): SitingReasonOut {
  return {
    code,
    severity,
    severityName: SITING_SEVERITY_NAME[severity],
    message,
    basis,
    featureType: hit?.type ?? null,
    featureTypeName: hit ? SITING_FEATURE_TYPE_NAME[hit.type] : null,
    featureId: hit?.id ?? null,
    featureCode: hit?.code ?? null,
    featureName: hit?.name ?? null,
    distanceM: hit ? round1(hit.distanceM) : null,
    overlapM2: hit ? round1(hit.overlapM2) : null,
  }
}

/** Whether a hit lies within a distance of the site: inside, touching, or at most `limitM` away (inclusive). */
export const isWithin = (hit: Pick<SitingHit, 'distanceM' | 'overlapM2'>, limitM: number) =>
  hit.overlapM2 > 0 || hit.distanceM <= limitM

function priorityAreaReason(hit: SitingHit, industry: SitingIndustry, s: SitingSettings): SitingReasonOut | null {
  if (!isWithin(hit, s.priorityAreaM)) return null
  const area = `优先保护类耕地集中区域 ${hit.code}（${where(hit)}，在 ${local(s.priorityAreaM, '选址距离')}）`
  if (s.controlledIndustries.includes(industry))
    return reasonOf(
      'PRIORITY_AREA_CONTROLLED',
      'controlled',
      `拟建${SITING_INDUSTRY[industry]}行业企业，选址位于${area}，属严格控制新建的行业`,
      SITING_BASIS.priorityArea,
      hit,
    )
  return reasonOf(
    'PRIORITY_AREA_NEAR',
    'note',
    `选址位于${area}；${SITING_INDUSTRY[industry]}不在严格控制行业名单中，但在永久基本农田集中区域不得新建可能造成土壤污染的建设项目，环境影响评价中应论证对周边耕地的影响`,
    SITING_BASIS.priorityAreaNote,
    hit,
  )
}

const WATER_RULE: Record<ZoneLevel, { code: string; forbids: string; basis: string }> = {
  level1: {
    code: 'WATER_SOURCE_LEVEL1',
    forbids: '一级保护区内禁止新建、扩建与供水设施和保护水源无关的建设项目',
    basis: SITING_BASIS.waterLevel1,
  },
  level2: {
    code: 'WATER_SOURCE_LEVEL2',
    forbids: '二级保护区内禁止新建、改建、扩建排放污染物的建设项目',
    basis: SITING_BASIS.waterLevel2,
  },
  quasi: {
    code: 'WATER_SOURCE_QUASI',
    forbids: '准保护区内禁止新建、扩建对水体污染严重的建设项目，须专项论证项目对水源的影响',
    basis: SITING_BASIS.waterQuasi,
  },
}

function waterSourceReason(hit: SitingHit, s: SitingSettings): SitingReasonOut | null {
  if (!isWithin(hit, s.waterSourceM)) return null
  const level = hit.level ?? 'quasi'
  const zone = `饮用水水源${ZONE_LEVEL[level]}（${hit.name}）`
  if (hit.overlapM2 > 0) {
    const rule = WATER_RULE[level]
    const severity = level === 'quasi' ? 'assess' : s.waterSourceInside[level]
    return reasonOf(rule.code, severity, `选址位于${zone}内（${where(hit)}）；${rule.forbids}`, rule.basis, hit)
  }
  return reasonOf(
    'WATER_SOURCE_NEAR',
    'assess',
    `选址${where(hit)}处有${zone}（在 ${local(s.waterSourceM, '选址距离')}），须专项论证项目对饮用水水源的影响`,
    SITING_BASIS.waterNear,
    hit,
  )
}

function banZoneReason(hit: SitingHit, s: SitingSettings): SitingReasonOut | null {
  if (!isWithin(hit, s.banZoneM)) return null
  return reasonOf(
    hit.overlapM2 > 0 ? 'BAN_ZONE_INSIDE' : 'BAN_ZONE_NEAR',
    'assess',
    `选址${hit.overlapM2 > 0 ? '位于' : '邻近'}特定农产品禁止生产区域 ${hit.code} ${hit.name}（${where(hit)}，在 ${local(s.banZoneM, '选址距离')}），该区域土壤已严重污染，须专项论证项目对土壤环境的影响`,
    SITING_BASIS.banZone,
    hit,
  )
}

function controlZoneReason(hit: SitingHit, s: SitingSettings): SitingReasonOut | null {
  if (hit.overlapM2 > 0)
    return reasonOf(
      'CONTROL_ZONE_INSIDE',
      'controlled',
      `选址位于已发布的管控区域 ${hit.code} ${hit.name} 内（${where(hit)}）；未达到风险管控、修复目标的地块禁止开工建设与风险管控、修复无关的项目`,
      SITING_BASIS.controlZone,
      hit,
    )
  if (!isWithin(hit, s.controlZoneM)) return null
  return reasonOf(
    'CONTROL_ZONE_NEAR',
    'assess',
    `选址${where(hit)}处有已发布的管控区域 ${hit.code} ${hit.name}（在 ${local(s.controlZoneM, '选址距离')}），须专项论证`,
    SITING_BASIS.controlZoneNear,
    hit,
  )
}

function hitReason(hit: SitingHit, industry: SitingIndustry, s: SitingSettings): SitingReasonOut | null {
  if (hit.type === 'priority-area') return priorityAreaReason(hit, industry, s)
  if (hit.type === 'water-source') return waterSourceReason(hit, s)
  if (hit.type === 'ban-zone') return banZoneReason(hit, s)
  return controlZoneReason(hit, s)
}

/** The verdict of the strongest severity among the reasons (a note leaves it 未发现限制). */
export function verdictOf(reasons: readonly Pick<SitingReasonOut, 'severity'>[]): SitingVerdict {
  const worst = reasons.reduce((w, r) => Math.max(w, SITING_SEVERITIES.indexOf(r.severity)), 0)
  return worst === 0 ? 'clear' : SITING_VERDICTS[worst]
}

/**
 * 建设项目选址核查: what the features near a site mean for a new enterprise of an industry, strongest first.
 * - 优先保护类耕地集中区域 inside or within `priorityAreaM`: 严格控制 for an industry of the controlled list, a note for
 *   any other;
 * - 饮用水水源保护区 (published): inside 一级 / 二级 by setting (严格控制 or 不宜选址), inside 准保护区 or within
 *   `waterSourceM` of any level 须专项论证;
 * - 特定农产品禁止生产区域 (published) inside or within `banZoneM`: 须专项论证;
 * - 管控区域 (published): inside 严格控制, within `controlZoneM` 须专项论证;
 * - nothing found: one note saying what was looked for and within which distances.
 * Distances are inclusive: a feature exactly at the distance counts as near.
 */
export function decideSiting(input: {
  industry: SitingIndustry
  hits: readonly SitingHit[]
  settings: SitingSettings
}): SitingDecision {
  const { industry, hits, settings } = input
  const reasons = hits
    .map((h) => hitReason(h, industry, settings))
    .filter((r): r is SitingReasonOut => r !== null)
    .sort(
      (a, b) =>
        SITING_SEVERITIES.indexOf(b.severity) - SITING_SEVERITIES.indexOf(a.severity) ||
        (a.distanceM ?? 0) - (b.distanceM ?? 0),
    )
  const verdict = verdictOf(reasons)
  if (verdict === 'clear')
    reasons.push(
      reasonOf(
        'NO_LIMIT_FOUND',
        'note',
        `${reasons.length ? '除上列提示外，拟选址内及周边未发现其他限制' : '拟选址内及周边未发现限制'}：优先保护类耕地集中区域（${settings.priorityAreaM} 米内）、饮用水水源保护区（${settings.waterSourceM} 米内）、特定农产品禁止生产区域（${settings.banZoneM} 米内）、管控区域（${settings.controlZoneM} 米内）；距离为本地设置`,
        SITING_BASIS.clear,
        null,
      ),
    )
  return {
    verdict,
    verdictName: SITING_VERDICT_NAME[verdict],
    isControlledIndustry: settings.controlledIndustries.includes(industry),
    reasons,
  }
}

/** The pattern of a siting check's number for SQL `format()`: the year, then the county's check sequence of the year. */
export const SITING_NUMBER_FORMAT = '选址核查〔%s〕%s号'
