import { describe, expect, it } from 'vitest'
import { AppError } from '../../server/src/domain/errors.ts'
import { parseCql2Text } from '../../server/src/domain/cql2-text.ts'
import { parseDatetime } from '../../server/src/domain/ogc-datetime.ts'
import { parseItemsFilter } from '../../server/src/domain/ogc-filter.ts'
import { compileFilter, withFilter } from '../../server/src/domain/ogc-filter-sql.ts'
import { OGC_QUERYABLES, queryablesSchema } from '../../server/src/domain/ogc-queryables.ts'

/** CQL2 text read and written as SQL over the parcel collection's dictionary, one case per construct. */
const compile = (text: string, crs?: string) =>
  compileFilter([[parseCql2Text(text, crs), 'filter']], 'farmland-parcels')

function refusal(run: () => unknown): { message: string; field?: string; position?: number } {
  try {
    run()
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    return { message: e.message, field: e.details.problems[0].field, position: e.details.position as number }
  }
  throw new Error('not refused')
}

const AREA = 'round((p.area_m2 * 0.0015)::numeric, 2)::float8'

describe('CQL2 text to SQL', () => {
  it.each([
    ["class = 'strict'", '((p.class) = $1::text)', ['strict']],
    ["'strict' = class", '($1::text = (p.class))', ['strict']],
    ["class <> 'strict'", '((p.class) <> $1::text)', ['strict']],
    ['area_mu < 2', `((${AREA}) < $1::float8)`, [2]],
    ['area_mu <= -2.5e1', `((${AREA}) <= $1::float8)`, [-25]],
    ['area_mu > .5', `((${AREA}) > $1::float8)`, [0.5]],
    ['area_mu >= 3', `((${AREA}) >= $1::float8)`, [3]],
    ['is_generated = TRUE', '((p.is_generated) = $1::boolean)', [true]],
    [
      "class = 'strict' AND dlbm = '0101' OR dlbm = '0102'",
      '((((p.class) = $1::text) AND ((p.dlbm::text) = $2::text)) OR ((p.dlbm::text) = $3::text))',
      ['strict', '0101', '0102'],
    ],
    ["NOT (class = 'strict')", '(NOT ((p.class) = $1::text))', ['strict']],
    ["code LIKE 'HS%'", '((p.code) LIKE $1::text)', ['HS%']],
    ["code NOT LIKE 'HS%'", '(NOT ((p.code) LIKE $1::text))', ['HS%']],
    ["dlbm IN ('0101', '0102')", '((p.dlbm::text) IN ($1::text, $2::text))', ['0101', '0102']],
    ["dlbm NOT IN ('0101')", '(NOT ((p.dlbm::text) IN ($1::text)))', ['0101']],
    ['area_mu BETWEEN 1 AND 3', `((${AREA}) BETWEEN $1::float8 AND $2::float8)`, [1, 3]],
    ['area_mu NOT BETWEEN 1 AND 3', `(NOT ((${AREA}) BETWEEN $1::float8 AND $2::float8))`, [1, 3]],
    ['township IS NULL', '((t.name) IS NULL)', []],
    ['township IS NOT NULL', '(NOT ((t.name) IS NULL))', []],
    [
      "updated_at >= TIMESTAMP('2024-05-01T08:00:00Z')",
      '((p.updated_at) >= $1::timestamptz)',
      ['2024-05-01T08:00:00Z'],
    ],
    ["updated_at < DATE('2024-05-01')", '((p.updated_at) < $1::timestamptz)', ['2024-05-01T00:00:00+08:00']],
    ["updated_at > '2024-05-01T00:00:00Z'", '((p.updated_at) > $1::timestamptz)', ['2024-05-01T00:00:00Z']],
    ['"class" = area_mu', null, null],
    ['TRUE', '(TRUE)', []],
    [
      'S_INTERSECTS(geometry, BBOX(112.1, 28.5, 112.2, 28.6))',
      '(ST_Intersects(p.geom, ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4490)))',
      [112.1, 28.5, 112.2, 28.6],
    ],
    [
      'S_INTERSECTS(POINT(112.1 28.5), geometry)',
      '(ST_Intersects(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4490)), p.geom))',
      ['{"type":"Point","coordinates":[112.1,28.5]}'],
    ],
    [
      's_intersects(geometry, POLYGON((112 28, 113 28, 113 29, 112 28)))',
      '(ST_Intersects(p.geom, ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4490))))',
      ['{"type":"Polygon","coordinates":[[[112,28],[113,28],[113,29],[112,28]]]}'],
    ],
  ])('%s', (text, sql, params) => {
    if (sql === null) {
      expect(refusal(() => compile(text)).message).toBe('属性“area_mu”是数字，不能与文字比较（第 11 个字符处）')
      return
    }
    expect(compile(text)).toEqual({ sql, params })
  })

  it('writes the other geometry literals as GeoJSON', () => {
    expect(compile('S_INTERSECTS(geometry, LINESTRING(112 28, 113 29))').params).toEqual([
      '{"type":"LineString","coordinates":[[112,28],[113,29]]}',
    ])
    expect(compile('S_INTERSECTS(geometry, MULTILINESTRING((112 28, 113 29), (112 29, 113 28)))').params).toEqual([
      '{"type":"MultiLineString","coordinates":[[[112,28],[113,29]],[[112,29],[113,28]]]}',
    ])
    expect(
      compile('S_INTERSECTS(geometry, MULTIPOLYGON(((112 28, 113 28, 113 29, 112 28)), ((1 1, 2 1, 2 2, 1 1))))')
        .params,
    ).toEqual([
      '{"type":"MultiPolygon","coordinates":[[[[112,28],[113,28],[113,29],[112,28]]],[[[1,1],[2,1],[2,2],[1,1]]]]}',
    ])
    expect(compile('S_INTERSECTS(geometry, MULTIPOINT(112 28, 113 29))').params).toEqual([
      '{"type":"MultiPoint","coordinates":[[112,28],[113,29]]}',
    ])
  })

  it('reads the coordinates of EPSG:4490 latitude first', () => {
    const crs = 'http://www.opengis.net/def/crs/EPSG/0/4490'
    expect(compile('S_INTERSECTS(geometry, BBOX(28.5, 112.1, 28.6, 112.2))', crs).params).toEqual([
      112.1, 28.5, 112.2, 28.6,
    ])
    expect(compile('S_INTERSECTS(geometry, MULTIPOINT((28.5 112.1), (28.6 112.2)))', crs).params).toEqual([
      '{"type":"MultiPoint","coordinates":[[112.1,28.5],[112.2,28.6]]}',
    ])
  })

  it('keeps quotes inside a text value as a parameter, never in the SQL', () => {
    const { sql, params } = compile("code = 'a''; DROP TABLE county; --'")
    expect(sql).toBe('((p.code) = $1::text)')
    expect(params).toEqual(["a'; DROP TABLE county; --"])
  })

  it.each([
    ['', '为空', undefined],
    ['class =', '不完整', 8],
    ["class = = 'x'", '第 9 个字符处', 9],
    ['class # 3', '不认识的字符“#”', 7],
    ["(class = 'strict'", '右括号', 18],
    ["class = 'strict' dlbm", 'AND、OR', 18],
    ['class', '比较运算符', 6],
    ['area_mu BETWEEN 1 OR 2', 'BETWEEN 的 AND', 19],
    ["dlbm IN '0101'", '左括号', 9],
    ["UPPER(code) = 'A'", '不支持', 1],
    ["updated_at > DATE('2024-02-30')", '日期“2024-02-30”无效', 19],
    ["updated_at > TIMESTAMP('2024-05-01 08:00')", '时间“2024-05-01 08:00”无效', 24],
    ['S_INTERSECTS(geometry, CIRCLE(1 2))', '不支持', 24],
    ['S_INTERSECTS(geometry, BBOX(1, 2, 3))', '4 个数', 24],
    ['S_INTERSECTS(geometry, POINT(112 95))', '超出经纬度范围', 30],
    ['S_INTERSECTS(geometry, LINESTRING(112 28))', '至少有 2 个点', 34],
    [`${'('.repeat(51)}TRUE${')'.repeat(51)}`, '嵌套超过 50 层', 51],
    [`${'NOT '.repeat(60)}TRUE`, '嵌套超过 50 层', 201],
    [`code IN (${Array.from({ length: 2000 }, () => "'x'").join(', ')})`, '太长', undefined],
  ])('refuses %j in words, with the position', (text, words, position) => {
    const r = refusal(() => compile(text))
    expect(r.message).toContain(words)
    expect(r.field).toBe('filter')
    expect(r.position).toBe(position)
  })

  it.each([
    ["colour = 'red'", '没有属性“colour”'],
    ["class_label = 'x'", '不能用于筛选'],
    ['class = 3', '属性“class”（类别代码）是文字'],
    ["area_mu = '3'", '是数字'],
    ['is_generated < TRUE', '只能用 = 或 <>'],
    ["class = 'strictly'", '没有取值“strictly”'],
    ["class IN ('strict', 'x')", '没有取值“x”'],
    ['area_mu LIKE 3', 'LIKE 只能用于文字'],
    ["class BETWEEN 'a' AND 'b'", 'BETWEEN 只能用于'],
    ["updated_at = 'yesterday'", '是时间'],
    ['S_INTERSECTS(geom, BBOX(1, 2, 3, 4))', '应为 geometry'],
    ['S_INTERSECTS(geometry, geometry)', '两个参数'],
  ])('refuses %j against the dictionary', (text, words) => {
    expect(refusal(() => compile(text)).message).toContain(words)
  })
})

describe('datetime', () => {
  const sqlOf = (text: string, collection = 'farmland-parcels') =>
    compileFilter([[parseDatetime(text, collection), 'datetime']], collection)

  it.each([
    ['2024-05-01T08:00:00Z', '((p.updated_at) = $1::timestamptz)', ['2024-05-01T08:00:00Z']],
    [
      '2024-05-01',
      '((p.updated_at) >= $1::timestamptz AND (p.updated_at) < $2::timestamptz)',
      ['2024-05-01T00:00:00+08:00', '2024-05-02T00:00:00+08:00'],
    ],
    [
      '2024-01-01/2024-12-31',
      '((p.updated_at) >= $1::timestamptz AND (p.updated_at) < $2::timestamptz)',
      ['2024-01-01T00:00:00+08:00', '2025-01-01T00:00:00+08:00'],
    ],
    ['2024-01-01T00:00:00Z/..', '((p.updated_at) >= $1::timestamptz)', ['2024-01-01T00:00:00Z']],
    ['../2024-01-01T00:00:00Z', '((p.updated_at) <= $1::timestamptz)', ['2024-01-01T00:00:00Z']],
    ['/2024-02-29', '((p.updated_at) < $1::timestamptz)', ['2024-03-01T00:00:00+08:00']],
  ])('datetime=%s on a date-time property', (text, sql, params) => {
    expect(sqlOf(text)).toEqual({ sql, params })
  })

  it('compares the days of a date property as days', () => {
    expect(sqlOf('2024-01-01/2024-06-30', 'monitoring-points')).toEqual({
      sql: '((r.sampled_on) >= $1::date AND (r.sampled_on) <= $2::date)',
      params: ['2024-01-01', '2024-06-30'],
    })
  })

  it.each([
    '2024-13-01',
    '2024-05-01T25:00:00Z',
    '2024-05-01T08:00:00',
    'yesterday',
    '../..',
    'a/b/c',
    '2024-02-01/2024-01-01',
  ])('refuses datetime=%s in words', (text) => {
    const r = refusal(() => sqlOf(text))
    expect(r.field).toBe('datetime')
    expect(r.message).toMatch(/参数 datetime“.+”(无效|的开始晚于结束)/)
  })

  it('refuses a collection that has no date', () => {
    expect(refusal(() => sqlOf('2024-01-01', 'counties')).message).toContain('没有时间属性')
  })
})

describe('the query parameters together', () => {
  it('joins filter, datetime and property filters (in the dictionary’s order) with AND, numbering the values in order', () => {
    const f = parseItemsFilter(
      { filter: "dlbm = '0101'", datetime: '2024-01-01T00:00:00Z/..', class: 'strict', area_mu: '2.5', limit: '10' },
      'farmland-parcels',
    )
    expect(f).toEqual({
      sql: `((p.dlbm::text) = $1::text) AND ((p.updated_at) >= $2::timestamptz) AND ((${AREA}) = $3::float8) AND ((p.class) = $4::text)`,
      params: ['0101', '2024-01-01T00:00:00Z', 2.5, 'strict'],
    })
    expect(parseItemsFilter({ limit: '10' }, 'farmland-parcels')).toBeNull()
  })

  it('takes the pre-standard filter-lang name cql-text, which GDAL 3.6 sends, and refuses others', () => {
    expect(parseItemsFilter({ filter: 'TRUE', 'filter-lang': 'cql-text' }, 'plots')).toEqual({
      sql: '(TRUE)',
      params: [],
    })
    expect(refusal(() => parseItemsFilter({ filter: 'TRUE', 'filter-lang': 'cql2-json' }, 'plots')).field).toBe(
      'filter-lang',
    )
    expect(refusal(() => parseItemsFilter({ 'filter-crs': 'EPSG:3857' }, 'plots')).field).toBe('filter-crs')
    expect(refusal(() => parseItemsFilter({ class: ['a', 'b'] }, 'farmland-parcels')).message).toContain('只能给一次')
  })

  it('puts the condition in the placeholder with its values numbered after the statement’s', () => {
    const statement = 'SELECT 1 FROM t WHERE a = $1::int AND b = $2::int\n  AND TRUE -- filter\nORDER BY 1'
    const [text, values] = withFilter(statement, [1, 2], {
      sql: '(x = $1::text) OR (y = $2::float8)',
      params: ['a', 3],
    })
    expect(text).toBe(
      'SELECT 1 FROM t WHERE a = $1::int AND b = $2::int\n  AND ((x = $3::text) OR (y = $4::float8))\nORDER BY 1',
    )
    expect(values).toEqual([1, 2, 'a', 3])
    expect(withFilter(statement, [1, 2], null)).toEqual([statement, [1, 2]])
  })
})

describe('the queryables document', () => {
  it('lists the geometry and each queryable property of every collection, never one without an SQL expression', () => {
    for (const [id, q] of Object.entries(OGC_QUERYABLES)) {
      const schema = queryablesSchema(id, id, `http://x/ogc/collections/${id}/queryables`) as any
      const names = q.properties.filter((p) => p.sql !== null).map((p) => p.name)
      expect(Object.keys(schema.properties).sort(), id).toEqual(['geometry', ...names].sort())
      for (const p of q.properties) expect(p.title, `${id}.${p.name}`).toMatch(/[\u4e00-\u9fa5]/)
      if (q.datetime) expect(schema.properties[q.datetime]['x-ogc-role'], id).toBe('primary-instant')
    }
  })
})
