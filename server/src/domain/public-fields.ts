import type { CoverageCheckCode, CoverageVerdict } from './coverage.ts'
import { PLOT_STATUS, POINT_LEVEL, RISK_LEVEL, industryNameOf, labelOf } from './labels.ts'
import { LAND_USE_2023 } from './land-use-2023.ts'
import { searchMatch, type SearchMatch } from './search.ts'
import { m2ToMu } from './units.ts'

export type Bbox = [number, number, number, number]

/**
 * The public lists a plot can be on (《土壤污染防治法》第五十九条至第六十六条; 《污染地块土壤环境管理办法（试行）》):
 * the suspected list, the contaminated-plot registry, the provincial risk-control and remediation list, or removed.
 */
export const PUBLIC_LISTS = {
  suspected: { name: '疑似污染地块名单', color: '#fdae61', statuses: ['suspected', 'preliminary_investigation'] },
  contaminated: {
    name: '污染地块名录',
    color: '#f46d43',
    statuses: ['contaminated', 'detailed_investigation', 'risk_assessment'],
  },
  control: {
    name: '建设用地土壤污染风险管控和修复名录',
    color: '#a50026',
    statuses: ['listed', 'risk_control', 'remediation', 'effect_evaluation', 'removal_applied', 'control_zone'],
  },
  removed: { name: '已移出名录', color: '#4575b4', statuses: ['removed', 'cleared'] },
} as const satisfies Record<string, { name: string; color: string; statuses: readonly (keyof typeof PLOT_STATUS)[] }>

export type PublicListCode = keyof typeof PUBLIC_LISTS

/** The list a plot in `status` is on; an unknown status counts as suspected (the most cautious reading). */
export function listOfPlotStatus(status: string): PublicListCode {
  for (const [code, list] of Object.entries(PUBLIC_LISTS) as [
    PublicListCode,
    (typeof PUBLIC_LISTS)[PublicListCode],
  ][]) {
    if ((list.statuses as readonly string[]).includes(status)) return code
  }
  return 'suspected'
}

/** GB 50137-2011 城市用地分类 names of the uses a negative list may forbid. */
export const GB50137_USE = {
  R: '居住用地',
  A: '公共管理与公共服务设施用地',
  A1: '行政办公用地',
  A3: '教育科研用地',
  A33: '中小学用地',
  A5: '医疗卫生用地',
  A6: '社会福利用地',
  B: '商业服务业设施用地',
  M: '工业用地',
  W: '物流仓储用地',
  S: '道路与交通设施用地',
  U: '公用设施用地',
  G: '绿地与广场用地',
  G1: '公园绿地',
} as const

const round = (value: number, digits: number) => Number(value.toFixed(digits))

/** Area in 亩 (two decimals) and m² (whole). */
export function publicArea(areaM2: number): { areaMu: number; areaM2: number } {
  return { areaMu: round(m2ToMu(areaM2), 2), areaM2: Math.round(areaM2) }
}

/** The columns a published plot row must carry (from `published_plot` and `county`). */
export interface PublishedPlotRow {
  id: number
  adcode: string
  county: string
  city: string
  code: string
  name: string
  status: string
  risk_level: string | null
  former_industry: string | null
  /** The officer's words for 原行业类别 其他, as published. */
  former_industry_note: string | null
  address: string | null
  negative_uses: { useCode: string; basis: string }[]
  area_m2: number
  published_at: Date | string
  bbox: Bbox
  is_generated: boolean
}

export interface PublicNegativeUse {
  useCode: string
  useName: string
  basis: string
}

export interface PublicPlot {
  id: number
  adcode: string
  county: string
  code: string
  name: string
  address: string | null
  formerIndustry: string | null
  status: string
  statusName: string
  list: PublicListCode
  listName: string
  riskLevel: string | null
  riskLevelName: string | null
  negativeUses: PublicNegativeUse[]
  areaMu: number
  areaM2: number
  publishedAt: string
  bbox: Bbox
  isSample: boolean
}

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString())

/**
 * A published plot as the public sees it, built field by field (never a row passed through), so a column added
 * to a table cannot reach the public by accident: no contact, no land user, no review notes.
 */
export function toPublicPlot(row: PublishedPlotRow): PublicPlot {
  const list = listOfPlotStatus(row.status)
  return {
    id: Number(row.id),
    adcode: row.adcode,
    county: `${row.city} ${row.county}`,
    code: row.code,
    name: row.name,
    address: row.address,
    // 其他 reads 其他（木材加工） as on the staff pages; the note is the published copy's, never the plot's own
    formerIndustry: row.former_industry ? industryNameOf(row.former_industry, row.former_industry_note) : null,
    status: row.status,
    statusName: labelOf(PLOT_STATUS, row.status),
    list,
    listName: PUBLIC_LISTS[list].name,
    riskLevel: row.risk_level,
    riskLevelName: row.risk_level ? labelOf(RISK_LEVEL, row.risk_level) : null,
    negativeUses: row.negative_uses.map((n) => ({
      useCode: n.useCode,
      useName:
        n.useCode === '*'
          ? '与风险管控、修复无关的建设项目'
          : (LAND_USE_2023.get(n.useCode)?.name ?? labelOf(GB50137_USE, n.useCode)),
      basis: n.basis,
    })),
    ...publicArea(row.area_m2),
    publishedAt: iso(row.published_at),
    bbox: row.bbox,
    isSample: row.is_generated,
  }
}

/** The columns a published control-zone row must carry (from `published_control_zone` and `county`). */
export interface PublishedZoneRow {
  id: number
  adcode: string
  county: string
  city: string
  code: string
  name: string
  announcement_no: string | null
  announcement_date: string | null
  announcement_text: string | null
  monitor_soil: boolean
  monitor_surface_water: boolean
  monitor_groundwater: boolean
  monitor_air: boolean
  plot_codes: string[]
  signs: { label: string; lon: number; lat: number }[]
  area_m2: number
  published_at: Date | string
  bbox: Bbox
  is_generated: boolean
}

export interface PublicControlZone {
  id: number
  adcode: string
  county: string
  code: string
  name: string
  announcement: { number: string | null; date: string | null; text: string | null }
  monitoring: string[]
  plotCodes: string[]
  signs: { label: string; lon: number; lat: number }[]
  areaMu: number
  areaM2: number
  publishedAt: string
  bbox: Bbox
  isSample: boolean
}

/** The media a control zone's announcement requires to be monitored, in the order of the announcement. */
export function monitoringOf(
  row: Pick<PublishedZoneRow, 'monitor_soil' | 'monitor_surface_water' | 'monitor_groundwater' | 'monitor_air'>,
): string[] {
  return [
    row.monitor_soil && '土壤',
    row.monitor_surface_water && '地表水',
    row.monitor_groundwater && '地下水',
    row.monitor_air && '环境空气',
  ].filter((m): m is string => typeof m === 'string')
}

/** A published control zone with its announcement, as the public sees it. */
export function toPublicControlZone(row: PublishedZoneRow): PublicControlZone {
  return {
    id: Number(row.id),
    adcode: row.adcode,
    county: `${row.city} ${row.county}`,
    code: row.code,
    name: row.name,
    announcement: { number: row.announcement_no, date: row.announcement_date, text: row.announcement_text },
    monitoring: monitoringOf(row),
    plotCodes: [...row.plot_codes],
    signs: row.signs.map((s) => ({ label: s.label, lon: round(s.lon, 6), lat: round(s.lat, 6) })),
    ...publicArea(row.area_m2),
    publishedAt: iso(row.published_at),
    bbox: row.bbox,
    isSample: row.is_generated,
  }
}

/** The counts of a county's monitoring network and its farmland (no point names or coordinates). */
export interface CountyCoverageRow {
  adcode: string
  name: string
  city: string
  province: string
  bbox: Bbox
  points: number
  national_points: number
  provincial_points: number
  city_points: number
  county_points: number
  farmland_m2: number
}

export interface PublicCounty {
  adcode: string
  name: string
  city: string
  province: string
  bbox: Bbox
  coverage: {
    points: number
    byLevel: { level: keyof typeof POINT_LEVEL; levelName: string; points: number }[]
    farmlandMu: number
    /** 亩 of farmland per monitoring point; null when the county has no point. */
    farmlandMuPerPoint: number | null
    /** 是否覆盖 by the coverage rule of the staff view, read from active points only. */
    isCovered: boolean
    verdictName: string
    /** Why a county is not covered (counts, point levels and 三调 class names only). */
    reasons: string[]
  }
}

/**
 * The coverage lines the public may read: those worded from fixed lists only (point levels, 三调 first-level
 * classes). A soil type is typed freely by staff at each point, so no soil-type line is ever public.
 */
export const PUBLIC_COVERAGE_CHECKS: readonly CoverageCheckCode[] = ['MIN_POINTS', 'MAIN_LAND_USE']

/** A county and the coverage of its monitoring network, as counts only, with the failing lines of its verdict. */
export function toPublicCounty(
  row: CountyCoverageRow,
  verdict: Pick<CoverageVerdict, 'isCovered' | 'verdictName' | 'checks'>,
): PublicCounty {
  const points = Number(row.points)
  const farmlandMu = round(m2ToMu(Number(row.farmland_m2)), 0)
  const byLevel = {
    national: row.national_points,
    provincial: row.provincial_points,
    city: row.city_points,
    county: row.county_points,
  }
  return {
    adcode: row.adcode,
    name: row.name,
    city: row.city,
    province: row.province,
    bbox: row.bbox,
    coverage: {
      points,
      byLevel: (Object.keys(POINT_LEVEL) as (keyof typeof POINT_LEVEL)[]).map((level) => ({
        level,
        levelName: POINT_LEVEL[level],
        points: Number(byLevel[level]),
      })),
      farmlandMu,
      farmlandMuPerPoint: points > 0 ? round(farmlandMu / points, 0) : null,
      isCovered: verdict.isCovered,
      verdictName: verdict.verdictName,
      reasons: verdict.checks
        .filter((c) => c.isDeciding && !c.isMet && PUBLIC_COVERAGE_CHECKS.includes(c.code))
        .map((c) => c.message),
    },
  }
}

/** The joint extent of some extents, or null when there are none. */
export function unionBbox(boxes: Bbox[]): Bbox | null {
  if (!boxes.length) return null
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ]
}

export const PUBLIC_SEARCH_KINDS = {
  county: '区县',
  township: '乡镇（街道）',
  plot: '污染地块',
  'control-zone': '管控区域',
} as const
export type PublicSearchKind = keyof typeof PUBLIC_SEARCH_KINDS

export interface PublicSearchRow {
  kind: PublicSearchKind
  id: number | null
  code: string
  name: string
  context: string
  bbox: Bbox
  /** 0 exact, 1 prefix, 2 elsewhere. */
  match: number
  /** Hits of this kind in all, before the limit. */
  total: number
}

export interface PublicSearchResult {
  kind: PublicSearchKind
  kindName: string
  id?: number
  code: string
  name: string
  context: string
  bbox: Bbox
  match: SearchMatch
}

/** One search hit on the public side: places, published plots and published control zones only. */
export function toPublicSearchResult(row: PublicSearchRow): PublicSearchResult {
  return {
    kind: row.kind,
    kindName: PUBLIC_SEARCH_KINDS[row.kind],
    ...(row.id !== null ? { id: Number(row.id) } : {}),
    code: row.code,
    name: row.name,
    context: row.context,
    bbox: row.bbox,
    match: searchMatch(row.match),
  }
}
