import { isDate, isTimestamp, nextDay, startOfDay } from './ogc-datetime.ts'
import { refuseFilter, type FilterNode, type Literal, type Scalar, type Spatial } from './ogc-filter-tree.ts'
import { isQueryable, queryablesOf, type OgcCollectionQueryables, type OgcProperty } from './ogc-queryables.ts'

/**
 * The syntax tree of a filter written as one parameterised SQL condition over the SQL expressions of a collection's
 * property dictionary, each property name and value type checked against it. Values only ever travel as parameters.
 */

/** A condition as SQL: `$1`, `$2` … number `params` from one; the caller renumbers them after its own. */
export interface SqlFilter {
  sql: string
  params: unknown[]
}

type ValueKind = 'string' | 'number' | 'boolean' | 'timestamp' | 'date'

const KIND_NAME: Record<ValueKind, string> = {
  string: '文字',
  number: '数字',
  boolean: '是否（true/false）',
  timestamp: '时间',
  date: '日期',
}
const KIND_EXAMPLE: Record<ValueKind, string> = {
  string: "带单引号的文字，如 'strict'",
  number: '不带引号的数字，如 3',
  boolean: 'true 或 false',
  timestamp: "TIMESTAMP('2024-05-01T08:00:00Z') 或 DATE('2024-05-01')",
  date: "DATE('2024-05-01')",
}
const SQL_TYPE: Record<ValueKind, string> = {
  string: 'text',
  number: 'float8',
  boolean: 'boolean',
  timestamp: 'timestamptz',
  date: 'date',
}

export function kindOf(p: OgcProperty): ValueKind {
  if (p.type === 'boolean') return 'boolean'
  if (p.type === 'number' || p.type === 'integer') return 'number'
  if (p.format === 'date-time') return 'timestamp'
  if (p.format === 'date') return 'date'
  return 'string'
}

class FilterCompiler {
  readonly params: unknown[] = []
  /** The query parameter the node being compiled came from, named in a refusal. */
  field = 'filter'
  constructor(
    private readonly collection: string,
    private readonly queryables: OgcCollectionQueryables,
  ) {}

  private param(value: unknown, type: string) {
    this.params.push(value)
    return `$${this.params.length}::${type}`
  }

  private where(at: number) {
    return this.field === 'filter' ? `（第 ${at} 个字符处）` : ''
  }

  property(name: string, at: number): OgcProperty & { sql: string } {
    const found = this.queryables.properties.find((p) => p.name === name)
    const usable = this.queryables.properties.filter(isQueryable).map((p) => p.name)
    if (!found)
      refuseFilter(
        `数据集“${this.collection}”没有属性“${name}”${this.where(at)}，可筛选的属性：${usable.join('、')}`,
        this.field,
        at,
      )
    if (!isQueryable(found))
      refuseFilter(
        `属性“${name}”（${found.title}）不能用于筛选${this.where(at)}，可筛选的属性：${usable.join('、')}`,
        this.field,
        at,
      )
    return found
  }

  /** The SQL of a literal that must be of `kind`, or the refusal saying what was expected. */
  private literal(value: Literal, kind: ValueKind, subject: string, enumOf?: OgcProperty): string {
    const shown = value.kind === 'string' ? `'${value.value}'` : String(value.value)
    const mismatch = (): never =>
      refuseFilter(
        `${subject}是${KIND_NAME[kind]}，不能与“${shown}”${this.where(value.at)}比较，应写成${KIND_EXAMPLE[kind]}`,
        this.field,
        value.at,
      )
    switch (kind) {
      case 'string':
        if (value.kind !== 'string') mismatch()
        if (enumOf?.enum && !enumOf.enum.includes(value.value as string))
          refuseFilter(
            `${subject}没有取值“${value.value}”${this.where(value.at)}；${enumOf.description}`,
            this.field,
            value.at,
          )
        return this.param(value.value, 'text')
      case 'number':
      case 'boolean':
        if (value.kind !== kind) mismatch()
        return this.param(value.value, SQL_TYPE[kind])
      case 'timestamp':
        if (value.kind === 'timestamp' || (value.kind === 'string' && isTimestamp(value.value)))
          return this.param(value.value, 'timestamptz')
        if (value.kind === 'date' || (value.kind === 'string' && isDate(value.value)))
          return this.param(startOfDay(value.value as string), 'timestamptz')
        return mismatch()
      case 'date':
        if (value.kind === 'date' || (value.kind === 'string' && isDate(value.value)))
          return this.param(value.value, 'date')
        return mismatch()
    }
  }

  /** The SQL of an operand whose kind the other side decides; a property decides before a literal. */
  private operands(scalars: Scalar[], useEnum: boolean): { sql: string[]; kind: ValueKind } {
    const first = scalars.find((s) => s.kind === 'property')
    let kind: ValueKind
    let owner: (OgcProperty & { sql: string }) | undefined
    if (first && first.kind === 'property') {
      owner = this.property(first.name, first.at)
      kind = kindOf(owner)
    } else kind = (scalars[0] as Literal).kind === 'date' ? 'date' : ((scalars[0] as Literal).kind as ValueKind)
    const subject = owner ? `属性“${owner.name}”（${owner.title}）` : '左边的值'
    const sql = scalars.map((s) => {
      if (s.kind !== 'property') return this.literal(s, kind, subject, useEnum ? owner : undefined)
      const p = this.property(s.name, s.at)
      if (kindOf(p) !== kind)
        refuseFilter(
          `属性“${p.name}”是${KIND_NAME[kindOf(p)]}，不能与${KIND_NAME[kind]}比较${this.where(s.at)}`,
          this.field,
          s.at,
        )
      return `(${p.sql})`
    })
    return { sql, kind }
  }

  private spatial(s: Spatial): string {
    if (s.kind === 'property') {
      if (s.name !== 'geometry')
        refuseFilter(`S_INTERSECTS 的图形属性应为 geometry，收到“${s.name}”${this.where(s.at)}`, this.field, s.at)
      return this.queryables.geometry.sql
    }
    if (s.kind === 'bbox') {
      const [a, b, c, d] = s.box
      return `ST_MakeEnvelope(${this.param(a, 'float8')}, ${this.param(b, 'float8')}, ${this.param(c, 'float8')}, ${this.param(d, 'float8')}, 4490)`
    }
    return `ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${this.param(JSON.stringify(s.geojson), 'text')}), 4490))`
  }

  compile(node: FilterNode): string {
    switch (node.op) {
      case 'and':
      case 'or':
        return node.args.map((a) => `(${this.compile(a)})`).join(node.op === 'and' ? ' AND ' : ' OR ')
      case 'not':
        return `NOT (${this.compile(node.arg)})`
      case 'literal':
        return node.value ? 'TRUE' : 'FALSE'
      case '=':
      case '<>':
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const { sql, kind } = this.operands([node.left, node.right], node.op === '=')
        if (kind === 'boolean' && node.op !== '=' && node.op !== '<>')
          refuseFilter(`是否（true/false）只能用 = 或 <> 比较`, this.field, node.left.at)
        return `${sql[0]} ${node.op} ${sql[1]}`
      }
      case 'like': {
        const { sql, kind } = this.operands([node.arg, node.pattern], false)
        if (kind !== 'string') refuseFilter(`LIKE 只能用于文字属性${this.where(node.arg.at)}`, this.field, node.arg.at)
        return `${sql[0]} LIKE ${sql[1]}`
      }
      case 'between': {
        const { sql, kind } = this.operands([node.arg, node.low, node.high], false)
        if (kind === 'boolean' || kind === 'string')
          refuseFilter(`BETWEEN 只能用于数字、日期或时间属性${this.where(node.arg.at)}`, this.field, node.arg.at)
        return `${sql[0]} BETWEEN ${sql[1]} AND ${sql[2]}`
      }
      case 'in': {
        const { sql } = this.operands([node.arg, ...node.list], true)
        return `${sql[0]} IN (${sql.slice(1).join(', ')})`
      }
      case 'isNull': {
        if (node.arg.kind !== 'property') return 'FALSE'
        return `(${this.property(node.arg.name, node.arg.at).sql}) IS NULL`
      }
      case 's_intersects': {
        const [a, b] = node.args
        if ((a.kind === 'property') === (b.kind === 'property'))
          refuseFilter('S_INTERSECTS 的两个参数应为属性 geometry 和一个图形', this.field, a.at)
        return `ST_Intersects(${this.spatial(a)}, ${this.spatial(b)})`
      }
      case 'datetime':
        return this.datetime(node)
    }
  }

  private datetime(node: Extract<FilterNode, { op: 'datetime' }>): string {
    const p = this.property(node.property, 0)
    const column = `(${p.sql})`
    const kind = kindOf(p)
    const bound = (value: Literal, edge: 'from' | 'to' | 'at') => {
      if (kind === 'date') return this.param(value.value.toString().slice(0, 10), 'date')
      if (value.kind === 'timestamp') return this.param(value.value, 'timestamptz')
      const day = value.value as string
      return this.param(startOfDay(edge === 'to' ? nextDay(day) : day), 'timestamptz')
    }
    const { from, to } = node
    const parts: string[] = []
    const isDayRange = (v: Literal | null) => v !== null && v.kind === 'date' && kind === 'timestamp'
    if (from && to && from === to) {
      if (isDayRange(from)) return `${column} >= ${bound(from, 'from')} AND ${column} < ${bound(from, 'to')}`
      return `${column} = ${bound(from, 'at')}`
    }
    if (from) parts.push(`${column} >= ${bound(from, 'from')}`)
    if (to) parts.push(isDayRange(to) ? `${column} < ${bound(to, 'to')}` : `${column} <= ${bound(to, 'to')}`)
    return parts.length ? parts.join(' AND ') : `${column} IS NOT NULL`
  }
}

/**
 * The conditions as one SQL condition (all must hold) over the dictionary's expressions of `collection`, values as
 * `$1`, `$2` …; each condition comes with the query parameter it was given in, which a refusal names.
 */
export function compileFilter(conditions: readonly [FilterNode, string][], collection: string): SqlFilter {
  const queryables = queryablesOf(collection)
  if (!queryables) refuseFilter(`数据集“${collection}”不支持筛选`, conditions[0]?.[1] ?? 'filter')
  const compiler = new FilterCompiler(collection, queryables)
  const sql = conditions.map(([node, field]) => {
    compiler.field = field
    return `(${compiler.compile(node)})`
  })
  return { sql: sql.join(' AND '), params: compiler.params }
}

/** The line of each items statement the filter takes the place of. */
export const FILTER_PLACEHOLDER = 'AND TRUE -- filter'

/** `statement` with `filter` in place of its placeholder and the filter's parameters numbered after `values`. */
export function withFilter(statement: string, values: unknown[], filter: SqlFilter | null): [string, unknown[]] {
  if (!filter) return [statement, values]
  if (!statement.includes(FILTER_PLACEHOLDER)) throw new Error('statement has no filter placeholder')
  const offset = values.length
  const sql = filter.sql.replace(/\$(\d+)::/g, (_, n: string) => `$${Number(n) + offset}::`)
  return [statement.replace(FILTER_PLACEHOLDER, `AND (${sql})`), [...values, ...filter.params]]
}
