import { describe, expect, it } from 'vitest'
import { LAND_CODES, checkAttributes } from '../../server/src/domain/parcel-attributes.ts'
import {
  checkCounty,
  checkLineShape,
  checkOverlaps,
  checkPolygonCoordinates,
  checkPolygonShape,
  checkSize,
  checkVertices,
  countVertices,
  describeInvalidity,
} from '../../server/src/domain/outline-checks.ts'
import {
  areaDiffRatio,
  checkAreaConserved,
  checkClassChoice,
  strictestClass,
} from '../../server/src/domain/parcel-checks.ts'

const square = [
  [112.3, 28.5],
  [112.301, 28.5],
  [112.301, 28.501],
  [112.3, 28.501],
  [112.3, 28.5],
]
const settings = {
  minAreaM2: 200,
  minWidthM: 2,
  overlapToleranceM2: 1,
  outsideToleranceM2: 1,
  maxVertices: 5000,
  neighbourBufferM: 50,
}

describe('shape of the geometry', () => {
  it.each([
    ['a string', 'x', '应为一个几何对象'],
    ['a point', { type: 'Point', coordinates: [112, 28] }, '类型应为 Polygon 或 MultiPolygon，收到的是 Point'],
    ['no rings', { type: 'Polygon', coordinates: [] }, '没有坐标'],
    ['an open ring', { type: 'Polygon', coordinates: [square.slice(0, 4)] }, '第 1 个环没有闭合（首点与末点不同）'],
    [
      'three positions',
      {
        type: 'Polygon',
        coordinates: [
          [
            [1, 1],
            [2, 2],
            [1, 1],
          ],
        ],
      },
      '第 1 个环只有 3 个点',
    ],
    [
      'a text coordinate',
      {
        type: 'Polygon',
        coordinates: [
          [
            [1, 1],
            [2, '2'],
            [3, 3],
            [1, 1],
          ],
        ],
      },
      '第 1 个环第 2 个点不是 [经度, 纬度] 数字对',
    ],
    ['an empty part', { type: 'MultiPolygon', coordinates: [[square], []] }, '第 2 个部分没有边界环'],
  ])('when the geometry is %s, then INVALID_GEOJSON says %s', (_what, input, words) => {
    const result = checkPolygonShape(input, '新图斑')
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.findings[0].code).toBe('INVALID_GEOJSON')
      expect(result.findings[0].message).toContain(words)
    }
  })

  it('when the polygon is well formed with heights, then it passes in 2D and keeps its crs aside', () => {
    const result = checkPolygonShape(
      {
        type: 'Polygon',
        coordinates: [square.map(([x, y]) => [x, y, 50])],
        crs: { type: 'name', properties: { name: 'EPSG:4490' } },
      },
      '新图斑',
    )
    expect(result.ok).toBe(true)
    if (result.ok) {
      expect(result.geometry.coordinates[0][0]).toEqual([112.3, 28.5])
      expect(result.crs).toEqual({ type: 'name', properties: { name: 'EPSG:4490' } })
    }
  })

  it('when a split line has one point or is not a line, then INVALID_GEOJSON', () => {
    expect(checkLineShape({ type: 'LineString', coordinates: [[1, 2]] }).ok).toBe(false)
    expect(checkLineShape({ type: 'Polygon', coordinates: [] }).ok).toBe(false)
    expect(
      checkLineShape({
        type: 'LineString',
        coordinates: [
          [1, 2],
          [3, 4, 5],
        ],
      }),
    ).toEqual({
      ok: true,
      line: {
        type: 'LineString',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      },
    })
  })
})

describe('coordinates', () => {
  const poly = (ring: number[][]) => ({ type: 'Polygon' as const, coordinates: [ring] })

  it.each([['EPSG:4490'], ['EPSG:4326'], ['urn:ogc:def:crs:OGC:1.3:CRS84'], ['urn:ogc:def:crs:EPSG::4490']])(
    'when the crs is %s, then it is accepted',
    (name) => {
      expect(checkPolygonCoordinates(poly(square), { type: 'name', properties: { name } }, '新图斑')).toEqual([])
    },
  )

  it('when the crs is Web Mercator, then WRONG_CRS names it', () => {
    const [f] = checkPolygonCoordinates(poly(square), { type: 'name', properties: { name: 'EPSG:3857' } }, '新图斑')
    expect(f).toMatchObject({ code: 'WRONG_CRS' })
    expect(f.message).toContain('“EPSG:3857”不受支持')
  })

  it('when the numbers are Gauss-Krüger metres, then WRONG_CRS quotes them as X/Y', () => {
    const [f] = checkPolygonCoordinates(
      poly([
        [38512345, 3151234],
        [38512395, 3151234],
        [38512395, 3151284],
        [38512345, 3151234],
      ]),
      undefined,
      '新图斑',
    )
    expect(f.code).toBe('WRONG_CRS')
    expect(f.message).toContain('坐标看起来是投影坐标（如高斯-克吕格 X=3,151,234、Y=38,512,345')
  })

  it('when latitude and longitude are swapped, then WRONG_CRS says the order may be reversed', () => {
    const [f] = checkPolygonCoordinates(poly(square.map(([x, y]) => [y, x])), undefined, '新图斑')
    expect(f.code).toBe('WRONG_CRS')
    expect(f.message).toContain('经纬度顺序可能颠倒')
  })

  it.each([
    [72.99, 30, true],
    [73, 30, false],
    [136, 30, false],
    [136.01, 30, true],
    [110, 2.99, true],
    [110, 3, false],
    [110, 54, false],
    [110, 54.01, true],
  ])('when a point is at %s, %s, then out of China is %s', (lon, lat, isOut) => {
    const ring = [
      [110, 30],
      [lon, lat],
      [110.01, 30.01],
      [110, 30],
    ]
    const findings = checkPolygonCoordinates(poly(ring), undefined, '新图斑')
    expect(findings.length > 0).toBe(isOut)
    if (isOut)
      expect(findings[0].message).toContain(`第 1 个环第 2 个点 (${lon.toFixed(6)}, ${lat.toFixed(6)}) 超出中国范围`)
  })
})

describe('validity, vertices, size', () => {
  it.each([
    ['Self-intersection', '边界自相交'],
    ['Ring Self-intersection', '环自相交'],
    ['Hole lies outside shell', '内环在外环之外'],
    ['Nested shells', '外环相互嵌套'],
    ['Interior is disconnected', '内部被分隔成不连通的几块'],
    ['Too few points in geometry component', '顶点太少'],
    ['Self-intersection[112.3 28.5]', '边界自相交'],
    ['Something new', '几何无效（Something new）'],
  ])('when ST_IsValidDetail says %s, then the officer reads %s', (reason, words) => {
    const [f] = describeInvalidity({ valid: false, reason, lon: 112.3, lat: 28.5 }, '图斑 430903-0000001')
    expect(f).toMatchObject({ code: 'INVALID_GEOMETRY', location: [112.3, 28.5] })
    expect(f.message).toContain(`图斑 430903-0000001${words}`)
    expect(f.message).toContain('位置 112.300000, 28.500000')
  })

  it('when the geometry is valid, then nothing is said', () => {
    expect(describeInvalidity({ valid: true, reason: 'Valid Geometry', lon: null, lat: null }, 'x')).toEqual([])
  })

  it('when vertices are counted, then the closing point of each ring is not counted again; the limit itself passes', () => {
    const g = { type: 'MultiPolygon' as const, coordinates: [[square], [square]] }
    expect(countVertices(g)).toBe(8)
    expect(checkVertices(g, { maxVertices: 8 }, 'x')).toEqual([])
    expect(checkVertices(g, { maxVertices: 7 }, 'x')[0].message).toBe('x有 8 个顶点，超过上限 7 个，请简化边界')
  })

  it.each([
    [199.9, 10, 'TOO_SMALL'],
    [200, 10, null],
    [200, 1.99, 'SLIVER'],
    [200, 2, null],
    [150, 1, 'TOO_SMALL'],
  ])('when the area is %s m² and the width %s m, then %s', (areaM2, widthM, code) => {
    const findings = checkSize({ areaM2, widthM, centre: [112.3, 28.5] }, settings, '新图斑')
    expect(findings[0]?.code ?? null).toBe(code)
  })

  it('when a parcel is too small, then the message gives m² and 亩 of both', () => {
    expect(checkSize({ areaM2: 150, widthM: 10, centre: [112.3, 28.5] }, settings, '新图斑')[0].message).toBe(
      '新图斑面积 150 平方米（0.23 亩），小于最小上图面积 200 平方米（0.30 亩）',
    )
  })
})

describe('county and overlaps', () => {
  it('when a parcel lies in no county, or over the boundary beyond the tolerance, then OUTSIDE_COUNTY', () => {
    expect(checkCounty({ county: null, outsideM2: 0, outsideAt: null }, settings, '新图斑')[0].message).toBe(
      '新图斑不在本系统的任何区县内',
    )
    const county = { adcode: '430903', name: '赫山区' }
    expect(checkCounty({ county, outsideM2: 1, outsideAt: [112, 28] }, settings, '新图斑')).toEqual([])
    expect(checkCounty({ county, outsideM2: 1.5, outsideAt: [112, 28] }, settings, '新图斑')[0].message).toContain(
      '超出赫山区边界',
    )
  })

  it('when overlaps are measured, then only those above the tolerance are problems, one per neighbour', () => {
    const geometry = { type: 'Polygon' as const, coordinates: [square] }
    const findings = checkOverlaps(
      [
        { neighbourCode: '430903-0000001', overlapM2: 35.2, at: [112.3, 28.5], geometry },
        { neighbourCode: '430903-0000002', overlapM2: 1, at: [112.3, 28.5], geometry },
      ],
      settings,
      '新图斑',
    )
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ code: 'OVERLAP', neighbourCode: '430903-0000001', overlapM2: 35.2, geometry })
    expect(findings[0].message).toContain('新图斑与图斑 430903-0000001 重叠 35.2 平方米（0.05 亩）')
  })
})

describe('class and area of split and merge', () => {
  it.each([
    [['priority', 'safe_use'], 'safe_use'],
    [['strict', 'priority'], 'strict'],
    [['unclassified', 'priority'], 'priority'],
    [[], 'unclassified'],
  ] as const)('when %j are merged, then the class kept is %s', (classes, expected) => {
    expect(strictestClass(classes)).toBe(expected)
  })

  it('when the class is kept without a reason, then CLASS_REASON_REQUIRED; recompute needs none', () => {
    expect(checkClassChoice('keep', '  ')[0].code).toBe('CLASS_REASON_REQUIRED')
    expect(checkClassChoice('keep', '同一田块')).toEqual([])
    expect(checkClassChoice('recompute', undefined)).toEqual([])
  })

  it('when areas differ by up to 0.01 %, then they count as conserved', () => {
    expect(areaDiffRatio(10000, 10001)).toBeCloseTo(1e-4, 12)
    expect(checkAreaConserved(10000, 10001, '分割')).toEqual([])
    expect(checkAreaConserved(10000, 10001.5, '分割')[0].code).toBe('AREA_NOT_CONSERVED')
  })
})

describe('attributes', () => {
  it('when the 三调 land codes are listed, then the 工作分类 has 56 codes, each once', () => {
    expect(LAND_CODES).toHaveLength(56)
    expect(new Set(LAND_CODES.map((c) => c.code)).size).toBe(56)
  })

  it.each([
    [{ dlbm: '0101' }, []],
    [{ dlbm: '0101', qsxz: '30', kcxs: 0.9999, gdpdjb: '5', zzsxdm: 'XG', qsdwmc: '村'.repeat(60) }, []],
    [{ dlbm: '0105' }, ['dlbm']],
    [{ dlbm: '0101', kcxs: 1 }, ['kcxs']],
    [{ dlbm: '0101', kcxs: -0.1 }, ['kcxs']],
    [{ dlbm: '0101', kcxs: 0.12345 }, ['kcxs']],
    [{ dlbm: '0101', qsxz: '50', gdpdjb: '0', zzsxdm: 'ls' }, ['qsxz', 'gdpdjb', 'zzsxdm']],
    [{ dlbm: '0101', zldwmc: '村'.repeat(61), bz: 'x'.repeat(255) }, ['zldwmc', 'bz']],
  ])('when the attributes are %j, then the fields at fault are %j', (attrs, fields) => {
    expect(checkAttributes(attrs, '新图斑').map((p) => p.field)).toEqual(fields)
  })

  it('when the land code is empty or missing, then the message says it is required and quotes no “null”', () => {
    for (const dlbm of ['', '  ', null]) {
      expect(checkAttributes({ dlbm } as unknown as Parameters<typeof checkAttributes>[0], '新图斑')).toEqual([
        {
          code: 'UNKNOWN_CODE',
          field: 'dlbm',
          message: '新图斑的地类编码必填，应为三调工作分类的编码（如 0101 水田、0102 水浇地、0103 旱地）',
        },
      ])
    }
  })
})
