import { AppError } from './errors.ts'
import { isQueryable, queryablesOf, type OgcCollectionQueryables, type OgcProperty } from './ogc-queryables.ts'

/**
 * Filtering the items of an OGC API - Features collection (OGC 19-079r2 Part 3, CQL2 text of OGC 21-065r2; the
 * `datetime` parameter of Part 1 §7.15.4; property filters of Part 3 §8): the text is read into a syntax tree, checked
 * against the collection's property dictionary (names and value types) and written as one parameterised SQL condition
 * over the dictionary's SQL expressions. Values only ever travel as parameters. Pure: no I/O.
 */

/** The conformance classes of filtering (Part 3; CQL2) this service implements. */
export const FILTER_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
  'http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions',
] as const

/** The query parameters of filtering (besides the queryable properties themselves). */
export const FILTER_PARAMETERS = ['filter', 'filter-lang', 'filter-crs', 'datetime'] as const

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
const CGCS2000 = 'http://www.opengis.net/def/crs/EPSG/0/4490'

/** A condition as SQL: `$1`, `$2` … number `params` from one; the caller renumbers them after its own. */
export interface SqlFilter {
  sql: string
  params: unknown[]
}

type Literal =
  | { kind: 'string'; value: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'boolean'; value: boolean; at: number }
  | { kind: 'date'; value: string; at: number }
  | { kind: 'timestamp'; value: string; at: number }
type TimeLiteral = Extract<Literal, { kind: 'date' | 'timestamp' }>
type Scalar = Literal | { kind: 'property'; name: string; at: number }
/** A geometry literal in CGCS2000 longitude/latitude, or the collection's geometry. */
type Spatial =
  | { kind: 'property'; name: string; at: number }
  | { kind: 'bbox'; box: [number, number, number, number]; at: number }
  | { kind: 'geometry'; geojson: { type: string; coordinates: unknown }; at: number }
type Comparison = '=' | '<>' | '<' | '<=' | '>' | '>='

/** The syntax tree of a filter (the operators of CQL2 basic, advanced comparison and basic spatial). */
export type FilterNode =
  | { op: 'and' | 'or'; args: FilterNode[] }
  | { op: 'not'; arg: FilterNode }
  | { op: Comparison; left: Scalar; right: Scalar }
  | { op: 'like'; arg: Scalar; pattern: Scalar }
  | { op: 'between'; arg: Scalar; low: Scalar; high: Scalar }
  | { op: 'in'; arg: Scalar; list: Scalar[] }
  | { op: 'isNull'; arg: Scalar }
  | { op: 's_intersects'; args: [Spatial, Spatial] }
  | { op: 'literal'; value: boolean }
  | { op: 'datetime'; property: string; from: TimeLiteral | null; to: TimeLiteral | null }

function refuseFilter(message: string, field: string, position?: number): never {
  throw new AppError('VALIDATION', message, {
    problems: [{ code: 'INVALID_FILTER', message, field }],
    ...(position === undefined ? {} : { position }),
  })
}

// ---------------------------------------------------------------------------------------------------------------
// CQL2 text → syntax tree

interface Token {
  type: 'word' | 'quoted' | 'string' | 'number' | 'op' | 'punct' | 'end'
  text: string
  /** 1-based character position in the filter text. */
  at: number
}

/** Limits that keep a filter's parsing and its statement small. */
const MAX_FILTER_LENGTH = 8000
const MAX_NESTING = 50

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'LIKE', 'BETWEEN', 'IN', 'IS', 'NULL', 'TRUE', 'FALSE'])
const COMPARISONS = new Set<string>(['=', '<>', '<', '<=', '>', '>='])

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  const pattern =
    /\s+|(?<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?<word>[\p{L}_][\p{L}\p{N}_.:]*)|"(?<quoted>[^"]*)"|'(?<string>(?:[^']|'')*)'|(?<op><>|<=|>=|=|<|>)|(?<punct>[(),\-+])/uy
  let index = 0
  while (index < text.length) {
    pattern.lastIndex = index
    const m = pattern.exec(text)
    if (!m) {
      const rest = text.slice(index)
      if (rest.startsWith("'"))
        refuseFilter(`筛选条件第 ${index + 1} 个字符处的文字缺少结尾的单引号`, 'filter', index + 1)
      refuseFilter(`筛选条件第 ${index + 1} 个字符处有不认识的字符“${rest[0]}”`, 'filter', index + 1)
    }
    const at = index + 1
    index = pattern.lastIndex
    const g = m.groups ?? {}
    if (g.number !== undefined) tokens.push({ type: 'number', text: g.number, at })
    else if (g.word !== undefined) tokens.push({ type: 'word', text: g.word, at })
    else if (g.quoted !== undefined) tokens.push({ type: 'quoted', text: g.quoted, at })
    else if (g.string !== undefined) tokens.push({ type: 'string', text: g.string.replaceAll("''", "'"), at })
    else if (g.op !== undefined) tokens.push({ type: 'op', text: g.op, at })
    else if (g.punct !== undefined) tokens.push({ type: 'punct', text: g.punct, at })
  }
  tokens.push({ type: 'end', text: '', at: text.length + 1 })
  return tokens
}

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/
const TIMESTAMP_TEXT = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/

/** Whether `text` is an RFC 3339 full-date that exists in the calendar. */
export function isDate(text: string): boolean {
  const m = DATE_TEXT.exec(text)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}

/** Whether `text` is an RFC 3339 date-time with its offset, on a day that exists. */
export function isTimestamp(text: string): boolean {
  const m = TIMESTAMP_TEXT.exec(text)
  if (!m || !isDate(`${m[1]}-${m[2]}-${m[3]}`)) return false
  return Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 61
}

class Cql2TextParser {
  private i = 0
  private depth = 0
  constructor(
    private readonly tokens: Token[],
    private readonly crs: string,
  ) {}

  private get token() {
    return this.tokens[this.i]
  }

  private isWord(word: string, offset = 0) {
    const t = this.tokens[this.i + offset]
    return t.type === 'word' && t.text.toUpperCase() === word
  }

  private fail(expected: string): never {
    const t = this.token
    if (t.type === 'end') refuseFilter(`筛选条件不完整：末尾应为${expected}`, 'filter', t.at)
    refuseFilter(`筛选条件第 ${t.at} 个字符处应为${expected}，实际是“${t.text}”`, 'filter', t.at)
  }

  private expectPunct(text: string, expected = `“${text}”`) {
    if (this.token.type !== 'punct' || this.token.text !== text) this.fail(expected)
    this.i++
  }

  parse(): FilterNode {
    const node = this.orExpression()
    if (this.token.type !== 'end') this.fail(' AND、OR 或条件的结尾')
    return node
  }

  private orExpression(): FilterNode {
    const args = [this.andExpression()]
    while (this.isWord('OR')) {
      this.i++
      args.push(this.andExpression())
    }
    return args.length === 1 ? args[0] : { op: 'or', args }
  }

  private andExpression(): FilterNode {
    const args = [this.factor()]
    while (this.isWord('AND')) {
      this.i++
      args.push(this.factor())
    }
    return args.length === 1 ? args[0] : { op: 'and', args }
  }

  private factor(): FilterNode {
    if (this.isWord('NOT')) {
      this.i++
      return { op: 'not', arg: this.nested(() => this.factor()) }
    }
    if (this.token.type === 'punct' && this.token.text === '(') {
      this.i++
      const inner = this.nested(() => this.orExpression())
      this.expectPunct(')', '右括号“)”')
      return inner
    }
    if (this.token.type === 'word' && this.tokens[this.i + 1].text === '(') {
      const name = this.token.text.toUpperCase()
      if (name === 'S_INTERSECTS') return this.intersects()
      if (name !== 'DATE' && name !== 'TIMESTAMP')
        refuseFilter(
          `筛选条件第 ${this.token.at} 个字符处的函数“${this.token.text}”不支持；可用的空间函数只有 S_INTERSECTS`,
          'filter',
          this.token.at,
        )
    }
    return this.predicate()
  }

  private predicate(): FilterNode {
    const left = this.scalar()
    const t = this.token
    if (t.type === 'op' && COMPARISONS.has(t.text)) {
      this.i++
      return { op: t.text as Comparison, left, right: this.scalar() }
    }
    let negated = false
    if (this.isWord('NOT') && (this.isWord('LIKE', 1) || this.isWord('BETWEEN', 1) || this.isWord('IN', 1))) {
      negated = true
      this.i++
    }
    const not = (node: FilterNode): FilterNode => (negated ? { op: 'not', arg: node } : node)
    if (this.isWord('LIKE')) {
      this.i++
      return not({ op: 'like', arg: left, pattern: this.scalar() })
    }
    if (this.isWord('BETWEEN')) {
      this.i++
      const low = this.scalar()
      if (!this.isWord('AND')) this.fail(' BETWEEN 的 AND')
      this.i++
      return not({ op: 'between', arg: left, low, high: this.scalar() })
    }
    if (this.isWord('IN')) {
      this.i++
      this.expectPunct('(', 'IN 后的左括号“(”')
      const list = [this.scalar()]
      while (this.token.text === ',' && this.token.type === 'punct') {
        this.i++
        list.push(this.scalar())
      }
      this.expectPunct(')', '逗号或右括号“)”')
      return not({ op: 'in', arg: left, list })
    }
    if (this.isWord('IS')) {
      this.i++
      const isNot = this.isWord('NOT')
      if (isNot) this.i++
      if (!this.isWord('NULL')) this.fail(' NULL')
      this.i++
      const node: FilterNode = { op: 'isNull', arg: left }
      return isNot ? { op: 'not', arg: node } : node
    }
    if (left.kind === 'boolean') return { op: 'literal', value: left.value }
    this.fail('比较运算符（=、<>、<、<=、>、>=）、LIKE、BETWEEN、IN 或 IS NULL')
  }

  private scalar(): Scalar {
    const t = this.token
    if (t.type === 'string') {
      this.i++
      return { kind: 'string', value: t.text, at: t.at }
    }
    if (t.type === 'number' || (t.type === 'punct' && (t.text === '-' || t.text === '+'))) {
      return { kind: 'number', value: this.number(), at: t.at }
    }
    if (t.type === 'quoted') {
      this.i++
      return { kind: 'property', name: t.text, at: t.at }
    }
    if (t.type === 'word') {
      const upper = t.text.toUpperCase()
      if (upper === 'TRUE' || upper === 'FALSE') {
        this.i++
        return { kind: 'boolean', value: upper === 'TRUE', at: t.at }
      }
      if ((upper === 'DATE' || upper === 'TIMESTAMP') && this.tokens[this.i + 1].text === '(') {
        this.i += 2
        const text = this.token
        if (text.type !== 'string') this.fail(`${upper} 中带单引号的${upper === 'DATE' ? '日期' : '时间'}`)
        this.i++
        this.expectPunct(')', '右括号“)”')
        const ok = upper === 'DATE' ? isDate(text.text) : isTimestamp(text.text)
        if (!ok)
          refuseFilter(
            upper === 'DATE'
              ? `筛选条件第 ${text.at} 个字符处的日期“${text.text}”无效，应写成 DATE('2024-05-01')`
              : `筛选条件第 ${text.at} 个字符处的时间“${text.text}”无效，应写成 TIMESTAMP('2024-05-01T08:00:00Z')`,
            'filter',
            text.at,
          )
        return { kind: upper === 'DATE' ? 'date' : 'timestamp', value: text.text, at: t.at }
      }
      if (KEYWORDS.has(upper)) this.fail('属性名或值')
      if (this.tokens[this.i + 1].text === '(')
        refuseFilter(`筛选条件第 ${t.at} 个字符处的函数“${t.text}”不支持`, 'filter', t.at)
      this.i++
      return { kind: 'property', name: t.text, at: t.at }
    }
    this.fail('属性名或值')
  }

  private number(): number {
    let sign = 1
    while (this.token.type === 'punct' && (this.token.text === '-' || this.token.text === '+')) {
      if (this.token.text === '-') sign = -sign
      this.i++
    }
    if (this.token.type !== 'number') this.fail('数字')
    const value = sign * Number(this.token.text)
    if (!Number.isFinite(value)) this.fail('有限的数字')
    this.i++
    return value
  }

  private intersects(): FilterNode {
    this.i += 2
    const a = this.spatial()
    this.expectPunct(',', '逗号“,”')
    const b = this.spatial()
    this.expectPunct(')', '右括号“)”')
    return { op: 's_intersects', args: [a, b] }
  }

  /** A position `x y` in the filter CRS, returned as [lon, lat]. */
  private position(): [number, number] {
    const at = this.token.at
    const x = this.number()
    const y = this.number()
    const [lon, lat] = this.crs === CGCS2000 ? [y, x] : [x, y]
    this.checkLonLat(lon, lat, at)
    return [lon, lat]
  }

  private checkLonLat(lon: number, lat: number, at: number) {
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
      refuseFilter(
        `筛选条件第 ${at} 个字符处的坐标超出经纬度范围${this.crs === CGCS2000 ? '（EPSG:4490 纬度在前）' : '（CRS84 经度在前）'}`,
        'filter',
        at,
      )
  }

  private positions(): [number, number][] {
    this.expectPunct('(')
    const list = [this.position()]
    while (this.token.type === 'punct' && this.token.text === ',') {
      this.i++
      list.push(this.position())
    }
    this.expectPunct(')', '逗号或右括号“)”')
    return list
  }

  /** A part nested in brackets or NOT, refused past `MAX_NESTING` levels. */
  private nested<T>(part: () => T): T {
    if (++this.depth > MAX_NESTING)
      refuseFilter(
        `筛选条件嵌套超过 ${MAX_NESTING} 层（第 ${this.tokens[this.i - 1].at} 个字符处），请简化`,
        'filter',
        this.tokens[this.i - 1].at,
      )
    const result = part()
    this.depth--
    return result
  }

  private line(): [number, number][] {
    const at = this.token.at
    const line = this.positions()
    if (line.length < 2) refuseFilter(`筛选条件第 ${at} 个字符处的线应至少有 2 个点`, 'filter', at)
    return line
  }

  private ring(): [number, number][] {
    const at = this.token.at
    const ring = this.positions()
    const [first, last] = [ring[0], ring[ring.length - 1]]
    if (ring.length < 4 || first[0] !== last[0] || first[1] !== last[1])
      refuseFilter(`筛选条件第 ${at} 个字符处的多边形环应至少有 4 个点且首尾相同`, 'filter', at)
    return ring
  }

  private list<T>(item: () => T): T[] {
    this.expectPunct('(')
    const items = [item()]
    while (this.token.type === 'punct' && this.token.text === ',') {
      this.i++
      items.push(item())
    }
    this.expectPunct(')', '逗号或右括号“)”')
    return items
  }

  private spatial(): Spatial {
    const t = this.token
    if (t.type === 'quoted' || (t.type === 'word' && this.tokens[this.i + 1].text !== '(')) {
      this.i++
      return { kind: 'property', name: t.text, at: t.at }
    }
    if (t.type !== 'word') this.fail('图形（如 BBOX(…)、POINT(…)、POLYGON((…))）或属性 geometry')
    const name = t.text.toUpperCase()
    this.i++
    const geometry = (type: string, coordinates: unknown): Spatial => ({
      kind: 'geometry',
      geojson: { type, coordinates },
      at: t.at,
    })
    switch (name) {
      case 'BBOX': {
        const n = this.list(() => this.number())
        if (n.length !== 4 && n.length !== 6)
          refuseFilter(`筛选条件第 ${t.at} 个字符处的 BBOX 应有 4 个数`, 'filter', t.at)
        const [a, b, c, d] = n.length === 4 ? n : [n[0], n[1], n[3], n[4]]
        const [minLon, minLat, maxLon, maxLat] = this.crs === CGCS2000 ? [b, a, d, c] : [a, b, c, d]
        this.checkLonLat(minLon, minLat, t.at)
        this.checkLonLat(maxLon, maxLat, t.at)
        if (minLon > maxLon || minLat > maxLat)
          refuseFilter(`筛选条件第 ${t.at} 个字符处的 BBOX 最小值大于最大值`, 'filter', t.at)
        return { kind: 'bbox', box: [minLon, minLat, maxLon, maxLat], at: t.at }
      }
      case 'POINT': {
        this.expectPunct('(')
        const p = this.position()
        this.expectPunct(')', '右括号“)”')
        return geometry('Point', p)
      }
      case 'MULTIPOINT':
        return geometry(
          'MultiPoint',
          this.list(() => (this.token.text === '(' ? this.positions()[0] : this.position())),
        )
      case 'LINESTRING':
        return geometry('LineString', this.line())
      case 'MULTILINESTRING':
        return geometry(
          'MultiLineString',
          this.list(() => this.line()),
        )
      case 'POLYGON':
        return geometry(
          'Polygon',
          this.list(() => this.ring()),
        )
      case 'MULTIPOLYGON':
        return geometry(
          'MultiPolygon',
          this.list(() => this.list(() => this.ring())),
        )
      default:
        refuseFilter(
          `筛选条件第 ${t.at} 个字符处的图形“${t.text}”不支持，可用：BBOX、POINT、MULTIPOINT、LINESTRING、MULTILINESTRING、POLYGON、MULTIPOLYGON`,
          'filter',
          t.at,
        )
    }
  }
}

/** The syntax tree of a CQL2 text filter; coordinates of `crs` (CRS84 or EPSG:4490) are read as longitude/latitude. */
export function parseCql2Text(text: string, crs: string = CRS84): FilterNode {
  if (text.trim() === '') refuseFilter("参数 filter 为空，请写出筛选条件，如 class = 'strict'", 'filter')
  if (text.length > MAX_FILTER_LENGTH)
    refuseFilter(
      `参数 filter 太长（${text.length} 个字符，最多 ${MAX_FILTER_LENGTH} 个），请简化或分几次查询`,
      'filter',
    )
  return new Cql2TextParser(tokenize(text), crs).parse()
}

// ---------------------------------------------------------------------------------------------------------------
// syntax tree → SQL

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

function kindOf(p: OgcProperty): ValueKind {
  if (p.type === 'boolean') return 'boolean'
  if (p.type === 'number' || p.type === 'integer') return 'number'
  if (p.format === 'date-time') return 'timestamp'
  if (p.format === 'date') return 'date'
  return 'string'
}

/** A day of the calendar as an instant: its start in China Standard Time (UTC+8), as officers read a date. */
const startOfDay = (date: string) => `${date}T00:00:00+08:00`
const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
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

// ---------------------------------------------------------------------------------------------------------------
// the query parameters

const badDatetime = (whole: string): never =>
  refuseFilter(
    `参数 datetime“${whole}”无效：应为日期（2024-05-01）、时间（2024-05-01T08:00:00Z）或区间（2024-01-01/2024-06-30、2024-01-01/..、../2024-06-30）`,
    'datetime',
  )

function parseTimeBound(text: string, whole: string): TimeLiteral | null {
  if (text === '..' || text === '') return null
  if (isDate(text)) return { kind: 'date', value: text, at: 0 }
  if (isTimestamp(text)) return { kind: 'timestamp', value: text, at: 0 }
  return badDatetime(whole)
}

/** The `datetime` parameter (Part 1 §7.15.4): an instant, or an interval closed or open at either end. */
export function parseDatetime(text: string, collection: string): FilterNode {
  const property = queryablesOf(collection)?.datetime
  if (!property) refuseFilter(`数据集“${collection}”没有时间属性，不能按 datetime 筛选`, 'datetime')
  const parts = text.split('/')
  if (parts.length > 2) badDatetime(text)
  if (parts.length === 1) {
    const at = parseTimeBound(parts[0], text) ?? badDatetime(text)
    return { op: 'datetime', property, from: at, to: at }
  }
  const from = parseTimeBound(parts[0], text)
  const to = parseTimeBound(parts[1], text)
  if (!from && !to) badDatetime(text)
  const instant = (b: TimeLiteral) => Date.parse(b.kind === 'date' ? startOfDay(b.value) : b.value)
  if (from && to && instant(from) > instant(to)) refuseFilter(`参数 datetime“${text}”的开始晚于结束`, 'datetime')
  return { op: 'datetime', property, from, to }
}

const single = (value: unknown, name: string): string | undefined => {
  if (value === undefined) return undefined
  if (typeof value !== 'string') refuseFilter(`参数 ${name} 只能给一次`, name)
  return value
}

/** A property filter's text value (`?class=strict`) as the literal its property's type takes. */
function propertyValue(p: OgcProperty, text: string): Literal {
  const kind = kindOf(p)
  if (kind === 'number') {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text))
      refuseFilter(`参数 ${p.name}（${p.title}）应为数字，收到“${text}”`, p.name)
    return { kind: 'number', value: Number(text), at: 0 }
  }
  if (kind === 'boolean') {
    if (text !== 'true' && text !== 'false')
      refuseFilter(`参数 ${p.name}（${p.title}）应为 true 或 false，收到“${text}”`, p.name)
    return { kind: 'boolean', value: text === 'true', at: 0 }
  }
  if (kind === 'date' && !isDate(text))
    refuseFilter(`参数 ${p.name}（${p.title}）应为日期，如 2024-05-01，收到“${text}”`, p.name)
  if (kind === 'timestamp' && !isDate(text) && !isTimestamp(text))
    refuseFilter(`参数 ${p.name}（${p.title}）应为时间（2024-05-01T08:00:00Z）或日期，收到“${text}”`, p.name)
  return { kind: 'string', value: text, at: 0 }
}

/** The names of the queryable properties of `collection` (each also a query parameter of its items). */
export function queryableNames(collection: string): string[] {
  return (queryablesOf(collection)?.properties ?? []).filter(isQueryable).map((p) => p.name)
}

/**
 * The filter of an items request of `collection`: `filter` (CQL2 text, `filter-lang` cql2-text, coordinates in
 * `filter-crs`), `datetime`, and a property filter per queryable property given (`?class=strict`), all of which must
 * hold; null when none is given. Refused in the officer's words, with the character position of a syntax error.
 */
export function parseItemsFilter(query: Record<string, unknown>, collection: string): SqlFilter | null {
  const conditions: [FilterNode, string][] = []
  const lang = single(query['filter-lang'], 'filter-lang')
  if (lang !== undefined && lang !== 'cql2-text' && lang !== 'cql-text')
    refuseFilter(`参数 filter-lang 只支持 cql2-text，收到“${lang}”`, 'filter-lang')
  const crs = single(query['filter-crs'], 'filter-crs') ?? CRS84
  if (crs !== CRS84 && crs !== CGCS2000)
    refuseFilter(`参数 filter-crs 的坐标系“${crs}”不支持，可用：${CRS84}、${CGCS2000}`, 'filter-crs')
  const text = single(query.filter, 'filter')
  if (text !== undefined) conditions.push([parseCql2Text(text, crs), 'filter'])
  const datetime = single(query.datetime, 'datetime')
  if (datetime !== undefined) conditions.push([parseDatetime(datetime, collection), 'datetime'])
  for (const p of queryablesOf(collection)?.properties.filter(isQueryable) ?? []) {
    const value = single(query[p.name], p.name)
    if (value === undefined) continue
    const left: Scalar = { kind: 'property', name: p.name, at: 0 }
    conditions.push([{ op: '=', left, right: propertyValue(p, value) }, p.name])
  }
  return conditions.length ? compileFilter(conditions, collection) : null
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
