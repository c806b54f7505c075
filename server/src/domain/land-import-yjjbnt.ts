/**
 * 永久基本农田图斑 (YJJBNTTB) import: the attribute mapping over the vintages of the layer (the 三调 database's
 * YJJBNTTB with 永久基本农田图斑编号 YJJBNTTBBH and 图斑面积 TBMJ; the older 基本农田图斑 JBNTTB with JBNTTBBH and
 * 基本农田面积 JBNTMJ) and the attribute checks of one feature. Every valid feature becomes a 永久基本农田 patch;
 * there is no farmland / context split. Fields: TD/T 1055-2019 and docs/domain-notes.md §6. Pure: no I/O.
 */
import { isLandCode, type StoredProblem } from './land-import.ts'

/** The 永久基本农田 attributes an import fills, in the order of the table. */
export const YJJBNT_ATTRIBUTES = ['bsm', 'code', 'dlbm', 'tbmj', 'zldwdm', 'zldwmc'] as const

export type YjjbntAttribute = (typeof YJJBNT_ATTRIBUTES)[number]

/** Attribute → column of the file (null: the file has none). */
export type YjjbntFieldMap = Record<YjjbntAttribute, string | null>

/** The officer's names of the attributes. */
export const YJJBNT_ATTRIBUTE_LABELS: Readonly<Record<YjjbntAttribute, string>> = {
  bsm: '标识码',
  code: '永久基本农田图斑编号',
  dlbm: '地类编码',
  tbmj: '图斑面积',
  zldwdm: '坐落单位代码',
  zldwmc: '坐落单位名称',
}

/** Column names of each attribute over the vintages, the current standard's first. */
const COLUMN_NAMES: Readonly<Record<YjjbntAttribute, string[]>> = {
  bsm: ['BSM'],
  code: ['YJJBNTTBBH', 'JBNTTBBH'],
  dlbm: ['DLBM'],
  tbmj: ['TBMJ', 'JBNTMJ'],
  zldwdm: ['ZLDWDM'],
  zldwmc: ['ZLDWMC'],
}

/** The default mapping: each attribute to the first of its known column names the file has (case ignored). */
export function defaultYjjbntFieldMap(columns: readonly string[]): YjjbntFieldMap {
  const byUpper = new Map(columns.map((c) => [c.toUpperCase(), c]))
  const map = {} as YjjbntFieldMap
  for (const a of YJJBNT_ATTRIBUTES) map[a] = COLUMN_NAMES[a].map((n) => byUpper.get(n)).find(Boolean) ?? null
  return map
}

/** The officer's mapping over the defaults; a column the file does not have is an error naming it. */
export function mergeYjjbntFieldMap(
  columns: readonly string[],
  given: Partial<Record<string, string | null>> | undefined,
): { map: YjjbntFieldMap; problems: { field: string; message: string }[] } {
  const map = defaultYjjbntFieldMap(columns)
  const problems: { field: string; message: string }[] = []
  for (const [key, column] of Object.entries(given ?? {})) {
    if (!(YJJBNT_ATTRIBUTES as readonly string[]).includes(key)) {
      problems.push({ field: key, message: `“${key}”不是永久基本农田图斑可对应的属性` })
      continue
    }
    if (column !== null && column !== undefined && !columns.includes(column)) {
      problems.push({
        field: key,
        message: `${YJJBNT_ATTRIBUTE_LABELS[key as YjjbntAttribute]}对应的字段“${column}”在文件中不存在`,
      })
      continue
    }
    map[key as YjjbntAttribute] = column ?? null
  }
  return { map, problems }
}

/** The mapped attributes of a feature as cleaned text, absent when empty. */
export function mappedYjjbntValues(
  properties: Record<string, unknown>,
  map: YjjbntFieldMap,
): Partial<Record<YjjbntAttribute, string>> {
  const out: Partial<Record<YjjbntAttribute, string>> = {}
  for (const a of YJJBNT_ATTRIBUTES) {
    const column = map[a]
    const raw = column ? properties[column] : undefined
    if (raw === null || raw === undefined) continue
    const text = a === 'dlbm' ? String(raw).trim().toUpperCase() : String(raw).trim()
    if (text !== '') out[a] = text
  }
  return out
}

/**
 * The attribute checks of one 永久基本农田 feature: a land code, when given, must be a 三调 code; the 坐落单位代码 must
 * be of the county; the area a number ≥ 0. Geometry, place, duplicate 标识码 and overlaps are checked set-wise.
 */
export function checkYjjbntAttributes(
  v: Partial<Record<YjjbntAttribute, string>>,
  context: { adcode: string },
): StoredProblem[] {
  const problems: StoredProblem[] = []
  if (v.dlbm !== undefined && !isLandCode(v.dlbm))
    problems.push({ code: 'MISSING_DLBM', severity: 'error', value: v.dlbm })
  if (v.zldwdm && !v.zldwdm.startsWith(context.adcode))
    problems.push({ code: 'WRONG_COUNTY_CODE', severity: 'error', value: v.zldwdm })
  if (v.tbmj !== undefined && !(/^\d+(\.\d+)?$/.test(v.tbmj) && Number(v.tbmj) >= 0))
    problems.push({ code: 'BAD_ATTRIBUTE', severity: 'error', field: 'tbmj', value: v.tbmj })
  if ((v.dlbm?.length ?? 0) > 6)
    problems.push({ code: 'BAD_ATTRIBUTE', severity: 'error', field: 'dlbm', value: v.dlbm })
  return problems
}

/** The columns of the staging table the values go to: the 永久基本农田图斑编号 is kept in the 图斑编号 column. */
export function stagedYjjbntValues(v: Partial<Record<YjjbntAttribute, string>>): Record<string, string> {
  const { code, ...rest } = v
  return code === undefined ? rest : { ...rest, tbbh: code }
}

/** What a 永久基本农田 apply wrote and what it replaced, in the officer's words. */
export function describeReplaced(added: number, removed: { imported: number; generated: number }): string {
  const parts = [`导入永久基本农田图斑 ${added} 个`]
  if (removed.imported) parts.push(`替换了此前导入的 ${removed.imported} 个`)
  if (removed.generated) parts.push(`移除了示例数据生成的 ${removed.generated} 个`)
  return parts.join('，')
}
