import crypto from 'node:crypto'
import { expect } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import type { LonLat } from './map-input.ts'

export interface FreeSpotOptions {
  /** County of the spot (default 430903 赫山区). */
  adcode?: string
  /** Degrees between two spots of a file: shapes under half of it drawn at two spots never touch (default 0.005). */
  spacing?: number
  /** Degrees around the spot that lie inside one township of the county (default 0.003). */
  inside?: number
  /** Degrees the spot keeps from every farmland parcel (default 0.003). */
  clearOfFarmland?: number
  /** Degrees from every plot and control zone (drafts and published), enterprise and land-supply check
   * (default: `clearOfFarmland`). */
  clearOfRecords?: number
  /** Degrees from every monitoring point (default 0: points are not looked at). */
  clearOfPoints?: number
}

/** Candidate spots of this file per set of options, and how many it has taken. */
const found = new Map<string, { spots: LonLat[]; taken: number }>()

/**
 * A spot of a county where nothing lies within the given distances, another one on every call (spaced
 * `spacing` degrees apart). The spots of a file are searched around a point of the county drawn from the file's
 * path, so files running side by side (or one after another on the same embedded engine) start apart; and every
 * outline table is looked at, so a spot is never where an earlier file left a record.
 */
export async function freeSpot(db: Database, options: FreeSpotOptions = {}): Promise<LonLat> {
  const o = {
    adcode: '430903',
    spacing: 0.005,
    inside: 0.003,
    clearOfFarmland: 0.003,
    clearOfPoints: 0,
    ...options,
  }
  const clearOfRecords = options.clearOfRecords ?? o.clearOfFarmland
  const key = JSON.stringify({ ...o, clearOfRecords })
  let entry = found.get(key)
  if (!entry) {
    const { rows } = await db.query<{ lon: number; lat: number }>(
      `
      WITH t AS (SELECT geom FROM township WHERE adcode = $1),
      start AS (SELECT (ST_Dump(ST_GeneratePoints(ST_Union(geom), 1, $2))).geom AS p FROM t),
      grid AS (SELECT ST_Translate(start.p, dx * $3::float8, dy * $3::float8) AS p
               FROM start, generate_series(-40, 40) dx, generate_series(-40, 40) dy)
      SELECT ST_X(g.p) AS lon, ST_Y(g.p) AS lat FROM grid g
      WHERE EXISTS (SELECT 1 FROM t WHERE ST_Contains(t.geom, ST_Expand(g.p, $4::float8)))
        AND NOT EXISTS (SELECT 1 FROM farmland_parcel x WHERE ST_DWithin(x.geom, g.p, $5::float8))
        AND NOT EXISTS (SELECT 1 FROM contaminated_plot x WHERE ST_DWithin(x.geom, g.p, $6::float8))
        AND NOT EXISTS (SELECT 1 FROM control_zone x WHERE ST_DWithin(x.geom, g.p, $6::float8))
        AND NOT EXISTS (SELECT 1 FROM published_plot x WHERE ST_DWithin(x.geom, g.p, $6::float8))
        AND NOT EXISTS (SELECT 1 FROM published_control_zone x WHERE ST_DWithin(x.geom, g.p, $6::float8))
        AND NOT EXISTS (SELECT 1 FROM supervised_enterprise x WHERE ST_DWithin(x.geom, g.p, $6::float8))
        AND NOT EXISTS (SELECT 1 FROM precheck x WHERE ST_DWithin(x.geom, g.p, $6::float8))
        AND ($7::float8 = 0 OR NOT EXISTS (SELECT 1 FROM monitoring_point x WHERE ST_DWithin(x.geom, g.p, $7::float8)))
      ORDER BY g.p <-> (SELECT p FROM start)`,
      [o.adcode, fileSeed(), o.spacing, o.inside, o.clearOfFarmland, clearOfRecords, o.clearOfPoints],
    )
    // whole micro-degrees: shapes drawn around a spot keep their corners through GeoJSON answers of 7 decimals
    const round = (x: number) => Math.round(x * 1e6) / 1e6
    entry = { spots: rows.map((r) => [round(Number(r.lon)), round(Number(r.lat))] as LonLat), taken: 0 }
    found.set(key, entry)
  }
  const spot = entry.spots[entry.taken++]
  expect(spot, `${o.adcode} 没有更多符合条件的空白位置（已取 ${entry.taken - 1} 处）`).toBeDefined()
  return spot!
}

/** A positive number drawn from the running test file's path (the same for every run of that file). */
function fileSeed(): number {
  const file = expect.getState().testPath ?? String(process.pid)
  return (crypto.createHash('sha1').update(file).digest().readUInt32BE(0) % 2_000_000_000) + 1
}
