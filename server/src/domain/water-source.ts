/**
 * 饮用水水源保护区: the kinds of source and the zone levels of HJ 338-2018《饮用水水源保护区划分技术规范》, and how the
 * values of an imported file are read as them (docs/domain-notes.md, 饮用水水源保护区). Pure: no I/O.
 */

import type { Severity } from './precheck-reasons.ts'

/** HJ 338-2018: 河流型、湖泊水库型（湖库型）、地下水型饮用水水源. */
export const SOURCE_TYPE = {
  river: '河流型',
  lake_reservoir: '湖库型',
  groundwater: '地下水型',
} as const
export type SourceType = keyof typeof SOURCE_TYPE

/** HJ 338-2018: 一级保护区、二级保护区，必要时准保护区. */
export const ZONE_LEVEL = {
  level1: '一级保护区',
  level2: '二级保护区',
  quasi: '准保护区',
} as const
export type ZoneLevel = keyof typeof ZONE_LEVEL

/**
 * A plot in a zone, in the pre-check: 一级保护区 不得 (《水污染防治法》第六十五条 forbids projects unrelated to water
 * supply), 二级保护区 须调查评估 (第六十六条 forbids projects that discharge pollutants, which the check cannot tell),
 * 准保护区 a note (第六十七条). Local settings PRECHECK_WATER_SOURCE_LEVEL1/LEVEL2/QUASI.
 */
export const DEFAULT_WATER_SOURCE_SEVERITY: Record<ZoneLevel, Severity> = {
  level1: 'refuse',
  level2: 'investigate',
  quasi: 'note',
}

/** Field names of the source's name, kind and zone level that a file commonly uses, tried in this order. */
export const FIELD_CANDIDATES = {
  name: ['水源地名称', '水源地', '水源名称', '名称', 'SYDMC', 'SYMC', 'NAME', 'MC'],
  type: ['水源类型', '水源地类型', '类型', 'SYLX', 'SYDLX', 'TYPE', 'LX'],
  level: ['保护区级别', '保护区类别', '级别', 'BHQJB', 'BHQLB', 'JB', 'LEVEL'],
  approvalNo: ['批复文号', '文号', 'PFWH', 'WH'],
} as const
export type MappedField = keyof typeof FIELD_CANDIDATES

/** The fields of a file that hold each value: the officer's choice, else the first candidate the file has. */
export function mapFields(
  fieldNames: readonly string[],
  chosen: Partial<Record<MappedField, string>>,
): Partial<Record<MappedField, string>> {
  const upper = new Map(fieldNames.map((f) => [f.trim().toUpperCase(), f]))
  const result: Partial<Record<MappedField, string>> = {}
  for (const key of Object.keys(FIELD_CANDIDATES) as MappedField[]) {
    const found = chosen[key] ?? FIELD_CANDIDATES[key].map((c) => upper.get(c.toUpperCase())).find(Boolean)
    if (found !== undefined) result[key] = found
  }
  return result
}

const compact = (value: unknown) =>
  String(value ?? '')
    .replace(/[\s\u3000]/g, '')
    .toUpperCase()

/**
 * The zone level of a value: 一级/二级/准 with or without 保护区, 1/2/3 (codes in this order), Roman I/II/III;
 * null for anything else.
 */
export function readZoneLevel(value: unknown): ZoneLevel | null {
  const v = compact(value)
    .replace(/(饮用水)?(水源)?保护区$/, '')
    .replace(/区$/, '')
  if (['一级', '一', '1', 'I', '01'].includes(v)) return 'level1'
  if (['二级', '二', '2', 'II', '02'].includes(v)) return 'level2'
  if (['准', '准保护', '准级', '3', 'III', '03'].includes(v)) return 'quasi'
  return null
}

/** The kind of source of a value: 河流(型)、湖泊/水库/湖库(型)、地下水(型), or 1/2/3 in this order; null otherwise. */
export function readSourceType(value: unknown): SourceType | null {
  const v = compact(value)
    .replace(/(饮用水)?(水源地?)?$/, '')
    .replace(/型$/, '')
  if (['河流', '河道', '江河', '1', '01'].includes(v)) return 'river'
  if (['湖库', '湖泊', '水库', '湖泊水库', '湖泊、水库', '2', '02'].includes(v)) return 'lake_reservoir'
  if (['地下水', '3', '03'].includes(v)) return 'groundwater'
  return null
}

/** A feature's values as read, or why they are refused. */
export type ZoneValues =
  | { ok: true; sourceName: string; sourceType: SourceType; level: ZoneLevel; approvalNo: string | null }
  | { ok: false; code: ZoneValueRefusal; message: string }

export const ZONE_VALUE_REFUSALS = {
  NO_NAME: 'NO_SOURCE_NAME',
  UNKNOWN_TYPE: 'UNKNOWN_SOURCE_TYPE',
  UNKNOWN_LEVEL: 'UNKNOWN_ZONE_LEVEL',
} as const
type ZoneValueRefusal = (typeof ZONE_VALUE_REFUSALS)[keyof typeof ZONE_VALUE_REFUSALS]

/** Reads the values of one feature through the field mapping; `where` names the feature for the officer. */
export function readZoneValues(
  properties: Record<string, unknown>,
  fields: Partial<Record<MappedField, string>>,
  where: string,
): ZoneValues {
  const text = (key: MappedField) => {
    const field = fields[key]
    const raw = field === undefined ? null : properties[field]
    return raw === null || raw === undefined ? '' : String(raw).trim()
  }
  const sourceName = text('name')
  if (!sourceName)
    return {
      ok: false,
      code: ZONE_VALUE_REFUSALS.NO_NAME,
      message: `${where}没有水源地名称${fields.name ? `（字段“${fields.name}”为空）` : '（请指定水源地名称字段）'}`,
    }
  const sourceType = readSourceType(text('type'))
  if (!sourceType)
    return {
      ok: false,
      code: ZONE_VALUE_REFUSALS.UNKNOWN_TYPE,
      message: `${where}（${sourceName}）的水源类型“${text('type') || '空'}”无法识别，应为河流型、湖库型或地下水型`,
    }
  const level = readZoneLevel(text('level'))
  if (!level)
    return {
      ok: false,
      code: ZONE_VALUE_REFUSALS.UNKNOWN_LEVEL,
      message: `${where}（${sourceName}）的保护区级别“${text('level') || '空'}”无法识别，应为一级保护区、二级保护区或准保护区`,
    }
  return { ok: true, sourceName, sourceType, level, approvalNo: text('approvalNo') || null }
}

/** A monitoring point listed in a zone's info: inside it (distance 0) or near it. */
interface NearPoint {
  code: string
  name: string
  distanceM: number
  latestSoilOn: string | null
}

/** The info-panel content of a zone: name, kind, level, 批复文号, publication and the monitoring points near it. */
export function describeWaterSourceFeature(row: Record<string, any>): {
  title: string
  fields: { label: string; value: string }[]
} {
  const points = row.points as NearPoint[]
  const pointText = (p: NearPoint) =>
    `${p.name}（${p.code}，${Number(p.distanceM) === 0 ? '保护区内' : `距 ${p.distanceM} 米`}，最近土壤采样 ${p.latestSoilOn ?? '无'}）`
  return {
    title: `${row.source_name} ${ZONE_LEVEL[row.level as ZoneLevel]}`,
    fields: [
      { label: '水源地名称', value: row.source_name },
      { label: '水源类型', value: SOURCE_TYPE[row.source_type as SourceType] },
      { label: '保护区级别', value: ZONE_LEVEL[row.level as ZoneLevel] },
      { label: '批复文号', value: row.approval_no ?? '—' },
      { label: '所属区县', value: `${row.city} ${row.county}` },
      { label: '面积', value: `${(row.area_m2 / 1e4).toFixed(2)} 公顷` },
      { label: '公开', value: row.is_published ? '已在公众地图公布' : '未公布（仅内部可见）' },
      {
        label: `保护区内及 ${row.near_m} 米内的监测点位`,
        value: points.length ? `${points.length} 个：${points.map(pointText).join('；')}` : '无',
      },
    ],
  }
}
