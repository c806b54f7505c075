import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/src/config.ts'
import type { Database, Queryable } from '../../server/src/db/database.ts'
import { checkOutlines, type OutlineResult } from '../../server/src/services/outline-check.service.ts'
import { connectTestDatabase } from '../support/connect.ts'

let db: Database
const settings = loadConfig({ port: 0 }).parcelEdit
const all = { size: true, county: true, overlaps: true }

/** A database handle that counts the statements sent through it. */
function counting(inner: Queryable): Queryable & { count: number } {
  const wrapper = {
    count: 0,
    query: ((text: string, values?: unknown[]) => {
      wrapper.count++
      return inner.query(text, values)
    }) as Queryable['query'],
  }
  return wrapper
}

const codes = (r: OutlineResult) => (r.ok ? [] : r.problems.map((p) => p.code))

beforeAll(() => {
  db = connectTestDatabase()
})

afterAll(async () => {
  await db.close()
})

describe('checking a set of outlines', () => {
  it('when a set is checked, then one statement measures all of them and each answer is in the order given', async () => {
    const {
      rows: [parcel],
    } = await db.query(`SELECT id::int AS id, code, ST_AsGeoJSON(geom)::json AS geometry FROM farmland_parcel p
      WHERE adcode = '430903' AND NOT EXISTS (SELECT 1 FROM farmland_parcel o
        WHERE o.id <> p.id AND ST_Intersects(o.geom, p.geom) AND NOT ST_Touches(o.geom, p.geom))
      ORDER BY md5(code) LIMIT 1`)
    // not the first parcel by id, which other test files edit and draw over while this one runs
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [112.3, 28.5],
          [112.301, 28.501],
          [112.301, 28.5],
          [112.3, 28.501],
          [112.3, 28.5],
        ],
      ],
    }
    const inJapan = {
      type: 'Polygon',
      coordinates: [
        [
          [140.5, 40.25],
          [140.6, 40.25],
          [140.6, 40.3],
          [140.5, 40.25],
        ],
      ],
    }
    const spy = counting(db)
    const results = await checkOutlines(
      spy,
      [
        { geometry: parcel.geometry, where: '第 1 块' },
        { geometry: parcel.geometry, where: '第 2 块', adcode: '430903', excludeIds: [parcel.id] },
        { geometry: bowTie, where: '第 3 块' },
        { geometry: inJapan, where: '第 4 块' },
        { geometry: parcel.geometry, where: '第 5 块', adcode: '220322', excludeIds: [parcel.id] },
      ],
      { settings, stages: all },
    )
    expect(spy.count).toBe(1)
    expect(results.map(codes)).toEqual([['OVERLAP'], [], ['INVALID_GEOMETRY'], ['OUT_OF_RANGE'], ['OUTSIDE_COUNTY']])
    expect(results[0]).toMatchObject({
      ok: false,
      problems: [{ neighbourCode: parcel.code, message: expect.stringMatching(/^第 1 块与图斑/) }],
    })
    expect(results[1]).toMatchObject({
      ok: true,
      county: { adcode: '430903', name: '赫山区' },
      areaM2: expect.any(Number),
    })
    expect(results[4]).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('超出梨树县边界') }] })
  })

  it('when no outline passes the stages without a database, then no statement is sent', async () => {
    const spy = counting(db)
    const results = await checkOutlines(
      spy,
      [{ geometry: { type: 'Point', coordinates: [112, 28] }, where: '新图斑' }],
      { settings, stages: all },
    )
    expect(spy.count).toBe(0)
    expect(results.map(codes)).toEqual([['INVALID_GEOJSON']])
  })

  it('when the county of an outline is found, then the caller hears of it before its boundary is judged', async () => {
    const {
      rows: [parcel],
    } = await db.query(
      `SELECT ST_AsGeoJSON(geom)::json AS geometry FROM farmland_parcel WHERE adcode = '220322' LIMIT 1`,
    )
    const heard: string[] = []
    const [result] = await checkOutlines(db, [{ geometry: parcel.geometry, where: '新图斑' }], {
      settings,
      stages: { size: true, county: true, overlaps: false },
      onCounty: (c) => heard.push(c.name),
    })
    expect(heard).toEqual(['梨树县'])
    expect(result).toMatchObject({ ok: true, county: { adcode: '220322' } })
  })
})
