import { isDate, isTimestamp } from './ogc-datetime.ts'
import { refuseFilter, type Comparison, type FilterNode, type Scalar, type Spatial } from './ogc-filter-tree.ts'

/**
 * CQL2 text (OGC 21-065r2: basic CQL2, advanced comparison operators, basic spatial functions) read into the syntax
 * tree of a filter, refused in the officer's words with the character position of what is wrong.
 */

/** The coordinate systems a filter's coordinates may be given in (`filter-crs`). */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
export const CGCS2000 = 'http://www.opengis.net/def/crs/EPSG/0/4490'

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
