import { describeInvalidity, formatM2 } from './outline-checks.ts'

/**
 * The provincial units of GB/T 2260 (中华人民共和国行政区划代码): the first two digits of every county code and
 * the province's name as the county table keeps it.
 */
export const PROVINCE_OF_CODE: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
}

/** Tolerances of the township checks (config.adminUnits; R 待核实, a choice of this system, not a standard). */
export interface AdminUnitCheckSettings {
  /** A township may reach this far outside its county (digitising noise along the shared border), m². */
  outsideToleranceM2: number
  /** Two townships may overlap this much (snapping noise along a shared border), m². */
  overlapToleranceM2: number
  /** Land of the county no township covers is reported from this area up, m². */
  minGapM2: number
}

/** Field names of the code and the name, tried in this order when the administrator chose none (三调 XZQ, 乡镇 layers). */
export const CODE_FIELDS = ['XZQDM', 'XZDM', 'XJXZQDM', 'QXDM', 'ADCODE', 'CODE', 'DM'] as const
export const NAME_FIELDS = ['XZQMC', 'XZMC', 'XJXZQMC', 'QXMC', 'NAME', 'MC'] as const

/** The field of `fields` named like one of `candidates` (case ignored), in the candidates' order. */
export function defaultField(fields: readonly string[], candidates: readonly string[]): string | undefined {
  for (const c of candidates) {
    const hit = fields.find((f) => f.toUpperCase() === c)
    if (hit) return hit
  }
  return undefined
}

export type UnitLevel = 'county' | 'township'

/** Problems found in a file of administrative units; `error` blocks the apply, `warning` and `note` do not. */
export const UNIT_PROBLEM = {
  BAD_CODE: 'BAD_CODE',
  CITY_CODE: 'CITY_CODE',
  UNKNOWN_PROVINCE: 'UNKNOWN_PROVINCE',
  MISSING_NAME: 'MISSING_NAME',
  NOT_POLYGON: 'NOT_POLYGON',
  OTHER_COUNTY: 'OTHER_COUNTY',
  TOWNSHIP_WRONG_COUNTY: 'TOWNSHIP_WRONG_COUNTY',
  CODE_CUT: 'CODE_CUT',
  VILLAGE_MERGED: 'VILLAGE_MERGED',
  INVALID_GEOMETRY: 'INVALID_GEOMETRY',
  TOWNSHIP_OUTSIDE_COUNTY: 'TOWNSHIP_OUTSIDE_COUNTY',
  TOWNSHIP_OVERLAP: 'TOWNSHIP_OVERLAP',
  GAP: 'GAP',
  NO_TOWNSHIP: 'NO_TOWNSHIP',
  NO_UNIT: 'NO_UNIT',
  TOWNSHIP_STILL_USED: 'TOWNSHIP_STILL_USED',
  TOWNSHIP_REMOVED: 'TOWNSHIP_REMOVED',
  OUT_OF_SCOPE: 'OUT_OF_SCOPE',
} as const

export type Severity = 'error' | 'warning' | 'note'

/** One problem of the preview, with the feature it belongs to (index in the file, 1-based; code; name) and its place. */
export interface UnitProblem {
  code: string
  severity: Severity
  message: string
  /** 1-based position of the feature in its layer. */
  index?: number
  layer?: string
  unitCode?: string
  unitName?: string
  location?: [number, number]
  areaM2?: number
}

/** A feature as read from the file: its raw code and name, and its position. */
export interface RawUnit {
  layer: string
  /** 1-based position in its layer. */
  index: number
  code: string
  name: string
  isPolygon: boolean
}

/** A feature accepted into the set, with its level and its code as the database keeps it (6 or 9 digits). */
export interface MappedUnit extends RawUnit {
  level: UnitLevel
  unitCode: string
}

const featureWords = (u: Pick<RawUnit, 'layer' | 'index' | 'code' | 'name'>) =>
  `图层“${u.layer}”第 ${u.index} 个要素（代码 ${u.code || '空'}，名称 ${u.name || '空'}）`

/**
 * The code of one feature as the database keeps it: 6 digits for a county, 9 for a township; a 12-digit statistics
 * code (统计用区划代码) is cut to its first 9 digits (a village code thereby names its township).
 */
export function normaliseUnitCode(
  raw: string,
): { ok: true; code: string; level: UnitLevel; cut: 'none' | 'township' | 'village' } | { ok: false; why: string } {
  const code = raw.trim()
  if (!/^\d+$/.test(code)) return { ok: false, why: code ? '含数字以外的字符' : '为空' }
  if (code.length === 6) {
    if (code.endsWith('00')) return { ok: false, why: '末两位为 00，是地级市或省的代码，不是区县代码' }
    return { ok: true, code, level: 'county', cut: 'none' }
  }
  if (code.length === 9) return { ok: true, code, level: 'township', cut: 'none' }
  if (code.length === 12)
    return { ok: true, code: code.slice(0, 9), level: 'township', cut: code.endsWith('000') ? 'township' : 'village' }
  return { ok: false, why: `有 ${code.length} 位；区县代码应为 6 位，乡镇代码应为 9 位（12 位统计用代码取前 9 位）` }
}

/** The outcome of mapping the features of a file: the units of one county, and the problems of the features. */
export interface MappedSet {
  adcode: string | null
  /** County codes found in the file (several: the administrator must choose one). */
  countiesFound: string[]
  units: MappedUnit[]
  problems: UnitProblem[]
}

/**
 * Checks the codes and names of the features (pure): each code 6 or 9 digits (12 cut to 9), a township's first 6
 * digits its county's, a known province, a name, a polygon; decides the county the file is about (`chosen`, or the
 * only one found).
 */
export function mapUnits(raw: readonly RawUnit[], chosen: string | undefined): MappedSet {
  const problems: UnitProblem[] = []
  const accepted: MappedUnit[] = []
  const at = (u: RawUnit) => ({ index: u.index, layer: u.layer, unitCode: u.code, unitName: u.name })
  let villages = 0
  let cut = 0
  for (const u of raw) {
    const n = normaliseUnitCode(u.code)
    if (!n.ok) {
      const code =
        u.code.trim().length === 6 && u.code.trim().endsWith('00') ? UNIT_PROBLEM.CITY_CODE : UNIT_PROBLEM.BAD_CODE
      problems.push({ code, severity: 'error', message: `${featureWords(u)}的代码${n.why}`, ...at(u) })
      continue
    }
    if (!PROVINCE_OF_CODE[n.code.slice(0, 2)]) {
      problems.push({
        code: UNIT_PROBLEM.UNKNOWN_PROVINCE,
        severity: 'error',
        message: `${featureWords(u)}的代码前两位 ${n.code.slice(0, 2)} 不是 GB/T 2260 中的省级代码`,
        ...at(u),
      })
      continue
    }
    if (!u.name.trim()) {
      problems.push({
        code: UNIT_PROBLEM.MISSING_NAME,
        severity: 'error',
        message: `${featureWords(u)}没有名称`,
        ...at(u),
      })
      continue
    }
    if (!u.isPolygon) {
      problems.push({
        code: UNIT_PROBLEM.NOT_POLYGON,
        severity: 'error',
        message: `${featureWords(u)}不是面要素（行政区范围应为多边形）`,
        ...at(u),
      })
      continue
    }
    if (n.cut === 'township') cut++
    if (n.cut === 'village') villages++
    accepted.push({ ...u, level: n.level, unitCode: n.code })
  }
  const countiesFound = [...new Set(accepted.map((u) => u.unitCode.slice(0, 6)))].sort()
  const countyFeatures = [...new Set(accepted.filter((u) => u.level === 'county').map((u) => u.unitCode))]
  const isOneCountyFile = countyFeatures.length === 1
  const adcode = chosen ?? (isOneCountyFile ? countyFeatures[0] : countiesFound.length === 1 ? countiesFound[0] : null)
  const units = adcode ? accepted.filter((u) => u.unitCode.startsWith(adcode)) : []
  const others = adcode ? accepted.filter((u) => !u.unitCode.startsWith(adcode)) : []
  if (isOneCountyFile && countyFeatures[0] === adcode) {
    for (const u of others)
      problems.push({
        code: UNIT_PROBLEM.TOWNSHIP_WRONG_COUNTY,
        severity: 'error',
        message: `${featureWords(u)}的乡镇代码前 6 位 ${u.unitCode.slice(0, 6)} 不是本文件的区县 ${adcode}`,
        ...at(u),
      })
  } else if (others.length) {
    problems.push({
      code: UNIT_PROBLEM.OTHER_COUNTY,
      severity: 'note',
      message: `文件中另有 ${others.length} 个要素属于其他区县（${[...new Set(others.map((u) => u.unitCode.slice(0, 6)))].join('、')}），本次只导入 ${adcode}`,
    })
  }
  if (cut)
    problems.push({
      code: UNIT_PROBLEM.CODE_CUT,
      severity: 'note',
      message: `${cut} 个要素的代码为 12 位统计用区划代码，已取前 9 位作为乡镇代码`,
    })
  if (villages)
    problems.push({
      code: UNIT_PROBLEM.VILLAGE_MERGED,
      severity: 'warning',
      message: `${villages} 个要素是村级代码（12 位，末 3 位不为 000），已按前 9 位合并为乡镇；乡镇名称取已有乡镇的名称，没有时取其中一个村的名称，请核对`,
    })
  if (adcode && !units.some((u) => u.level === 'township'))
    problems.push({
      code: UNIT_PROBLEM.NO_TOWNSHIP,
      severity: 'warning',
      message: `文件中没有区县 ${adcode} 的乡镇（9 位代码），只更新区县范围；已有乡镇保持不变`,
    })
  return { adcode, countiesFound, units, problems }
}

/** What PostGIS measured of one county's units (sql/queries/admin-units/measure-units.sql). */
export interface UnitMeasures {
  invalid: {
    layer: string
    index: number
    code: string
    name: string
    reason: string
    lon: number | null
    lat: number | null
  }[]
  outside: { code: string; name: string; areaM2: number; lon: number; lat: number }[]
  overlaps: {
    code: string
    name: string
    otherCode: string
    otherName: string
    areaM2: number
    lon: number
    lat: number
  }[]
  gaps: { areaM2: number; lon: number; lat: number }[]
  /** Existing townships of the county that the file leaves out, with the records that name them. */
  leftOut: { code: string; name: string; records: number }[]
}

const lonLat = (lon: number, lat: number) => `${lon.toFixed(5)}°E, ${lat.toFixed(5)}°N`

/** Turns the measures into problems (pure): invalid outlines, townships outside the county or overlapping, gaps, townships left out. */
export function judgeUnitMeasures(m: UnitMeasures, settings: AdminUnitCheckSettings): UnitProblem[] {
  const problems: UnitProblem[] = []
  for (const f of m.invalid) {
    const [finding] = describeInvalidity(
      { valid: false, reason: f.reason, lon: f.lon, lat: f.lat },
      `${featureWords(f)}的边界`,
    )
    problems.push({
      code: UNIT_PROBLEM.INVALID_GEOMETRY,
      severity: 'error',
      message: finding.message,
      index: f.index,
      layer: f.layer,
      unitCode: f.code,
      unitName: f.name,
      location: finding.location,
    })
  }
  for (const o of m.outside.filter((x) => x.areaM2 > settings.outsideToleranceM2))
    problems.push({
      code: UNIT_PROBLEM.TOWNSHIP_OUTSIDE_COUNTY,
      severity: 'error',
      message: `乡镇 ${o.name}（${o.code}）有 ${formatM2(o.areaM2)} 在区县范围之外（允许 ${formatM2(settings.outsideToleranceM2)}），位置约 ${lonLat(o.lon, o.lat)}`,
      unitCode: o.code,
      unitName: o.name,
      location: [o.lon, o.lat],
      areaM2: o.areaM2,
    })
  for (const o of m.overlaps.filter((x) => x.areaM2 > settings.overlapToleranceM2))
    problems.push({
      code: UNIT_PROBLEM.TOWNSHIP_OVERLAP,
      severity: 'error',
      message: `乡镇 ${o.name}（${o.code}）与 ${o.otherName}（${o.otherCode}）重叠 ${formatM2(o.areaM2)}（允许 ${formatM2(settings.overlapToleranceM2)}），位置约 ${lonLat(o.lon, o.lat)}`,
      unitCode: o.code,
      unitName: o.name,
      location: [o.lon, o.lat],
      areaM2: o.areaM2,
    })
  for (const g of m.gaps.filter((x) => x.areaM2 >= settings.minGapM2))
    problems.push({
      code: UNIT_PROBLEM.GAP,
      severity: 'warning',
      message: `区县内有 ${formatM2(g.areaM2)} 不属于任何乡镇（缝隙），位置约 ${lonLat(g.lon, g.lat)}`,
      location: [g.lon, g.lat],
      areaM2: g.areaM2,
    })
  for (const t of m.leftOut)
    problems.push(
      t.records > 0
        ? {
            code: UNIT_PROBLEM.TOWNSHIP_STILL_USED,
            severity: 'error',
            message: `已有乡镇 ${t.name}（${t.code}）不在文件中，但仍有 ${t.records} 条图斑或监测点记录属于它，不能删除；请在文件中保留该乡镇，或先把这些记录改到其他乡镇`,
            unitCode: t.code,
            unitName: t.name,
          }
        : {
            code: UNIT_PROBLEM.TOWNSHIP_REMOVED,
            severity: 'warning',
            message: `已有乡镇 ${t.name}（${t.code}）不在文件中，导入后将删除（没有记录属于它）`,
            unitCode: t.code,
            unitName: t.name,
          },
    )
  return problems
}
