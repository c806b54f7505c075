import { describe, expect, it } from 'vitest'
import {
  CGCS2000,
  CRS84,
  gaussKrugerSridOf,
  isFirstAxisNorth,
  outputSridOf,
  parseItemsQuery,
} from '../../server/src/domain/ogc.ts'
import { AppError } from '../../server/src/domain/errors.ts'

const EPSG = (code: number | string) => `http://www.opengis.net/def/crs/EPSG/0/${code}`

function refusal(query: Record<string, unknown>): { field: string; message: string } {
  try {
    parseItemsQuery(query)
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    const problem = (e as AppError).details as { problems: { field: string; message: string }[] }
    return problem.problems[0]
  }
  throw new Error('not refused')
}

describe('output CRS of an items request: CRS84, EPSG:4490 and the CGCS2000 3° Gauss-Krüger CRSs', () => {
  it.each([
    [EPSG(4534), 4534],
    [EPSG(4546), 4546],
    [EPSG(4554), 4554],
  ])('when crs=%s is asked, then features are written in EPSG:%i, northing first', (crs, srid) => {
    const query = parseItemsQuery({ crs })
    expect(query.crs).toBe(crs)
    expect(outputSridOf(query.crs)).toBe(srid)
    expect(isFirstAxisNorth(query.crs)).toBe(true)
  })

  it('when a geographic CRS is asked, then the data are written in EPSG:4490, longitude first only for CRS84', () => {
    expect(outputSridOf(parseItemsQuery({}).crs)).toBe(4490)
    expect(isFirstAxisNorth(CRS84)).toBe(false)
    expect(isFirstAxisNorth(CGCS2000)).toBe(true)
    expect(outputSridOf(CGCS2000)).toBe(4490)
  })

  it.each([
    // 3° with zone number (4513–4533), 6° (4491–4512), and just outside the range
    [EPSG(4533)],
    [EPSG(4502)],
    [EPSG(4555)],
    [EPSG(4326)],
    ['EPSG:4546'],
    [`${EPSG(4546)}x`],
  ])('when crs=%s is asked, then 400 names crs and offers the Gauss-Krüger CRSs in words', (crs) => {
    const { field, message } = refusal({ crs })
    expect(field).toBe('crs')
    expect(message).toContain('高斯-克吕格')
    expect(gaussKrugerSridOf(crs)).toBeNull()
  })

  it('when a Gauss-Krüger CRS is given as bbox-crs, then it is refused: a box stays in longitude/latitude', () => {
    const { field, message } = refusal({ bbox: '3100000,600000,3200000,700000', 'bbox-crs': EPSG(4546) })
    expect(field).toBe('bbox-crs')
    expect(message).not.toContain('高斯-克吕格')
  })
})
