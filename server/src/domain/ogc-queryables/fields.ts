import type { OgcCollectionQueryables, OgcProperty, OgcPropertyType } from '../ogc-queryables.ts'

/** The codes of a label table, as a property's `enum`. */
export const codes = (labels: Record<string, string>) => Object.keys(labels)

/** A label table as an officer reads it: `code 名称、code 名称`. */
export const meaning = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([code, label]) => `${code} ${label}`)
    .join('、')

const field = (
  type: OgcPropertyType,
  name: string,
  title: string,
  description: string,
  sql: string | null,
): OgcProperty => ({ name, title, description, type, sql })

/** A text property read from `sql`. */
export const text = (name: string, title: string, description: string, sql: string) =>
  field('string', name, title, description, sql)
/** A whole-number property read from `sql`. */
export const integer = (name: string, title: string, description: string, sql: string) =>
  field('integer', name, title, description, sql)
/** A number property read from `sql`. */
export const number = (name: string, title: string, description: string, sql: string) =>
  field('number', name, title, description, sql)
/** A yes/no property read from `sql`. */
export const flag = (name: string, title: string, description: string, sql: string) =>
  field('boolean', name, title, description, sql)
/** A property built outside SQL (a label, a list, a nested object): served, not queryable. */
export const served = (name: string, title: string, description: string, type: OgcPropertyType = 'string') =>
  field(type, name, title, description, null)

/** An instant (RFC 3339 date-time) read from `sql`. */
export const instant = (name: string, title: string, description: string, sql: string): OgcProperty => ({
  ...text(name, title, description, sql),
  format: 'date-time',
})
/** A calendar day read from `sql`. */
export const day = (name: string, title: string, description: string, sql: string): OgcProperty => ({
  ...text(name, title, description, sql),
  format: 'date',
})

/** A code read from `sql` that takes only `values`. */
export const coded = (
  name: string,
  title: string,
  description: string,
  values: readonly string[],
  sql: string,
): OgcProperty => ({ ...text(name, title, description, sql), enum: values })

/** A code of the label table `labels`, described as `lead`, the table's codes and names, then `tail`. */
export const labelled = (
  name: string,
  title: string,
  labels: Record<string, string>,
  sql: string,
  lead = '',
  tail = '',
) => coded(name, title, `${lead}${meaning(labels)}${tail}`, codes(labels), sql)

/** The area of `alias` in 亩 (1 亩 = 666.67 m²), two decimals. */
export const areaMu = (alias: string, name: string, description: string) =>
  number(name, '面积（亩）', description, `round((${alias}.area_m2 * 0.0015)::numeric, 2)::float8`)

/** The time `alias` was last changed. */
export const updatedAt = (alias: string, description: string) =>
  instant('updated_at', '更新时间', description, `${alias}.updated_at`)

/** The 三调 land-class code of `alias` (GB/T 21010-2017). */
export const dlbm = (alias: string, description: string) => text('dlbm', '地类编码', description, `${alias}.dlbm::text`)

export const adcode = (alias: string) =>
  text('adcode', '区县代码', '所在区县的 6 位行政区划代码（GB/T 2260）', `${alias}.adcode::text`)

/** Whether the row is generated sample data. */
export const isSample = (alias: string, name = 'isSample') =>
  flag(name, '示例数据', '为 true 时是系统生成的示例数据，不是真实记录', `${alias}.is_generated`)

/** The county as the public page names it. */
export const PUBLIC_COUNTY = text(
  'county',
  '所在区县',
  '所在的市和区县名称，如“益阳市 赫山区”',
  `c.city || ' ' || c.name`,
)
/** The county as staff name it. */
export const INTERNAL_COUNTY = text('county', '区县', '所在区县名称', 'c.name')

export const townshipCode = (alias: string, description = '所在乡镇（街道）的 9 位代码') =>
  text('township_code', '乡镇代码', description, `${alias}.township_code::text`)
export const TOWNSHIP = text('township', '乡镇', '所在乡镇（街道）名称', 't.name')

/** A collection of outlines read from `geometrySql`; `datetime` names the property the `datetime` parameter matches. */
export const outlines = (
  geometrySql: string,
  datetime: string | null,
  properties: OgcProperty[],
): OgcCollectionQueryables => ({ geometry: { sql: geometrySql, type: 'MultiPolygon' }, datetime, properties })

/** A collection of points read from `geometrySql`; `datetime` names the property the `datetime` parameter matches. */
export const points = (
  geometrySql: string,
  datetime: string | null,
  properties: OgcProperty[],
): OgcCollectionQueryables => ({ geometry: { sql: geometrySql, type: 'Point' }, datetime, properties })
