import { expect } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'

/**
 * A spot of a county whose 2 km surroundings lie inside it, at least 2.7 km from every monitoring point and clear of
 * farmland: a 7 × 7 block of parcels 500 m apart placed there ({@link addFarmlandBlock}) is uncovered at a 1 km
 * coverage distance. The spot nearest the county's centre, or the farthest with `isFarthest` (so two files' blocks differ).
 */
export async function findUncoveredSpot(
  db: Database,
  { adcode = '430903', isFarthest = false } = {},
): Promise<{ lon: number; lat: number }> {
  const {
    rows: [spot],
  } = await db.query(
    `
    WITH c AS (SELECT geom FROM county WHERE adcode = $1),
    box AS (SELECT ST_XMin(geom) AS x0, ST_YMin(geom) AS y0, ST_XMax(geom) AS x1, ST_YMax(geom) AS y1 FROM c),
    grid AS (SELECT ST_SetSRID(ST_MakePoint(x0 + i * 0.01, y0 + j * 0.01), 4490) AS p FROM box, generate_series(1, 150) i, generate_series(1, 150) j
             WHERE x0 + i * 0.01 < x1 AND y0 + j * 0.01 < y1)
    SELECT ST_X(g.p) AS lon, ST_Y(g.p) AS lat FROM grid g, c
    WHERE ST_Contains(c.geom, ST_Expand(g.p, 0.02))
      AND NOT EXISTS (SELECT 1 FROM monitoring_point m WHERE ST_DWithin(m.geom::geography, g.p::geography, 2700))
      AND NOT EXISTS (SELECT 1 FROM farmland_parcel f WHERE ST_DWithin(f.geom, ST_Expand(g.p, 0.017), 0.001))
    ORDER BY g.p <-> (SELECT ST_Centroid(geom) FROM c) ${isFarthest ? 'DESC' : ''} LIMIT 1`,
    [adcode],
  )
  expect(spot).toBeDefined()
  return { lon: Number(spot.lon), lat: Number(spot.lat) }
}

/**
 * Adds 7 × 7 square 水田 parcels 500 m apart centred on `spot`, coded `<codePrefix>-<i>-<j>`, each `halfSizeDeg`
 * degrees from its centre to its sides (the caller removes them by their code prefix).
 */
export async function addFarmlandBlock(
  db: Database,
  spot: { lon: number; lat: number },
  {
    adcode = '430903',
    codePrefix,
    halfSizeDeg = 0.0003,
  }: { adcode?: string; codePrefix: string; halfSizeDeg?: number },
): Promise<void> {
  await db.query(
    `
    INSERT INTO farmland_parcel (adcode, code, dlbm, geom)
    SELECT $4, $3 || '-' || i || '-' || j, '0101',
           ST_Multi(ST_Expand(ST_SetSRID(ST_MakePoint($1::float8 + i * 500 / (111320 * cos(radians($2::float8))), $2::float8 + j * 500 / 111320.0), 4490), $5::float8))
    FROM generate_series(-3, 3) i, generate_series(-3, 3) j`,
    [spot.lon, spot.lat, codePrefix, adcode, halfSizeDeg],
  )
}
