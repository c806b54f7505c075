import { describe, expect, it } from 'vitest'
import {
  OUTLINE_PROBLEM,
  judgeMeasuredOutline,
  parseOutline,
  type MeasuredStages,
  type OutlineMeasure,
  type OutlineSettings,
} from '../../server/src/domain/outline-checks.ts'

const square = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [112.3, 28.5],
      [112.301, 28.5],
      [112.301, 28.501],
      [112.3, 28.501],
      [112.3, 28.5],
    ],
  ],
}
const settings: OutlineSettings = {
  minAreaM2: 200,
  minWidthM: 2,
  overlapToleranceM2: 1,
  outsideToleranceM2: 1,
  maxVertices: 5000,
}
const all: MeasuredStages = { size: true, county: true, overlaps: true }

const passing: OutlineMeasure = {
  validity: { valid: true, reason: null, lon: null, lat: null },
  size: { areaM2: 10_000, widthM: 90, centre: [112.3005, 28.5005] },
  county: { county: { adcode: '430903', name: '赫山区' }, outsideM2: 0, outsideAt: null },
  overlaps: [],
}
const invalid = { validity: { valid: false, reason: 'Self-intersection', lon: 112.3005, lat: 28.5005 } }
const small = { size: { areaM2: 150, widthM: 9, centre: [112.3005, 28.5005] as [number, number] } }
const thin = { size: { areaM2: 600, widthM: 0.5, centre: [112.3005, 28.5005] as [number, number] } }
const outside = {
  county: {
    county: { adcode: '430903', name: '赫山区' },
    outsideM2: 50,
    outsideAt: [112.301, 28.501] as [number, number],
  },
}
const nowhere = { county: { county: null, outsideM2: 0, outsideAt: null } }
const overlapping = {
  overlaps: [
    { neighbourCode: '430903-0000001', overlapM2: 30, at: [112.3001, 28.5001] as [number, number], geometry: square },
  ],
}

describe('reason codes', () => {
  it('when a code is exported, then its value is its name, so clients and tests can compare either', () => {
    for (const [name, value] of Object.entries(OUTLINE_PROBLEM)) expect(value).toBe(name)
  })
})

describe('stages without a database (shape, then CRS and range)', () => {
  it.each([
    [
      'a point with a foreign crs',
      { type: 'Point', coordinates: [112, 28], crs: { type: 'name', properties: { name: 'EPSG:3857' } } },
      'INVALID_GEOJSON',
    ],
    [
      'a square with a foreign crs',
      { ...square, crs: { type: 'name', properties: { name: 'EPSG:3857' } } },
      'WRONG_CRS',
    ],
    [
      'a square in metres',
      {
        type: 'Polygon',
        coordinates: [
          [
            [500000, 3150000],
            [500100, 3150000],
            [500100, 3150100],
            [500000, 3150000],
          ],
        ],
      },
      'WRONG_CRS',
    ],
    [
      'a square in Japan',
      {
        type: 'Polygon',
        coordinates: [
          [
            [140.5, 40.25],
            [140.6, 40.25],
            [140.6, 40.3],
            [140.5, 40.25],
          ],
        ],
      },
      'OUT_OF_RANGE',
    ],
  ])('when the outline is %s, then only its first failing stage answers', (_what, input, code) => {
    const parsed = parseOutline(input, '新图斑')
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.problems.map((p) => p.code)).toEqual([code])
  })

  it('when the outline is a good square with heights and a crs member, then it passes in 2D without the crs', () => {
    const input = {
      type: 'Polygon',
      crs: { type: 'name', properties: { name: 'EPSG:4490' } },
      coordinates: [square.coordinates[0].map(([x, y]) => [x, y, 40])],
    }
    expect(parseOutline(input, '新图斑')).toEqual({ ok: true, geometry: square })
  })
})

describe('stages on what SQL measured (validity → vertices → area/sliver → county → overlap)', () => {
  it.each<[string, Partial<OutlineMeasure>, Partial<OutlineSettings>, MeasuredStages, string[]]>([
    ['nothing is wrong', {}, {}, all, []],
    [
      'it is invalid and everything else is wrong too',
      { ...invalid, ...small, ...nowhere, ...overlapping },
      { maxVertices: 3 },
      all,
      ['INVALID_GEOMETRY'],
    ],
    ['it has too many vertices and is small', small, { maxVertices: 3 }, all, ['TOO_MANY_VERTICES']],
    ['it is small and outside the county', { ...small, ...outside }, {}, all, ['TOO_SMALL']],
    ['it is a sliver that overlaps', { ...thin, ...overlapping }, {}, all, ['SLIVER']],
    ['it is partly outside the county and overlaps', { ...outside, ...overlapping }, {}, all, ['OUTSIDE_COUNTY']],
    ['it lies in no county', nowhere, {}, all, ['OUTSIDE_COUNTY']],
    ['it overlaps a parcel', overlapping, {}, all, ['OVERLAP']],
    [
      'it is small but the caller does not check size',
      { ...small, ...outside },
      {},
      { size: false, county: true, overlaps: false },
      ['OUTSIDE_COUNTY'],
    ],
    [
      'it overlaps but the caller does not check overlaps',
      overlapping,
      {},
      { size: true, county: true, overlaps: false },
      [],
    ],
    [
      'it is outside but the caller checks no county',
      { ...outside, ...overlapping },
      {},
      { size: true, county: false, overlaps: true },
      ['OVERLAP'],
    ],
    ['size was not measured (a registry outline)', { size: null }, {}, all, []],
  ])('when %s, then the problems are %j', (_what, measured, limits, stages, codes) => {
    const problems = judgeMeasuredOutline(
      square,
      { ...passing, ...measured },
      stages,
      { ...settings, ...limits },
      '新图斑',
    )
    expect(problems.map((p) => p.code)).toEqual(codes)
  })

  it('when an overlap is at the tolerance, then it passes; just above, it is named with its neighbour', () => {
    const at = (overlapM2: number) =>
      judgeMeasuredOutline(
        square,
        { ...passing, overlaps: [{ ...overlapping.overlaps[0], overlapM2 }] },
        all,
        settings,
        '新图斑',
      )
    expect(at(1)).toEqual([])
    expect(at(1.01)).toMatchObject([
      { code: 'OVERLAP', neighbourCode: '430903-0000001', overlapM2: 1.01, location: [112.3001, 28.5001] },
    ])
  })
})
