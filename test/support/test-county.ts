import type { Database } from '../../server/src/db/database.ts'

/** A township of a test county: its code, name and its west–east strip of the county square (metres from X0). */
export interface TestTownship {
  code: string
  name: string
  /** The strip's west and east edge, in metres east of the county's south-west corner (default: the whole width). */
  from?: number
  to?: number
}

/**
 * Adds a fictitious county of a city of its own (`<first four digits>00`) as a square of `size` metres whose
 * south-west corner is (x0, y0) in the Gauss-Krüger CRS `epsg` (edges densified every 200 m, stored in EPSG:4490),
 * with its townships as west–east strips of it. The app reads counties at each login.
 */
export async function addSquareCounty(
  db: Database,
  county: { adcode: string; name: string; x0: number; y0: number; size: number; epsg?: number },
  townships: TestTownship[],
): Promise<void> {
  const { adcode, name, x0, y0, size, epsg = 4525 } = county
  const square = (from: number, to: number) =>
    `ST_Multi(ST_Transform(ST_Segmentize(ST_MakeEnvelope(${x0 + from}, ${y0}, ${x0 + to}, ${y0 + size}, ${epsg}), 200), 4490))`
  await db.query(
    `INSERT INTO county (adcode, name, city_code, city, province, geom, source)
     VALUES ($1::char(6), $2, left($1::text, 4) || '00', '测试市', '测试省', ${square(0, size)}, 'test')`,
    [adcode, name],
  )
  for (const t of townships)
    await db.query(
      `INSERT INTO township (adcode, code, name, geom) VALUES ($1, $2, $3, ${square(t.from ?? 0, t.to ?? size)})`,
      [adcode, t.code, t.name],
    )
}

/** Tables that hold rows of a county the land import, the annual update or the classification wrote. */
const COUNTY_TABLES = [
  'published_ban_zone',
  'ban_zone',
  'class_list',
  'retired_parcel',
  'basic_farmland',
  'farmland_overview',
  'parcel_code_counter',
  'farmland_parcel',
  'land_context',
  'land_update',
  'land_import',
  'township',
  'coverage_version',
  'water_source_zone',
]

/** Removes a county added by {@link addSquareCounty} with what the tests wrote for it. */
export async function removeTestCounty(db: Database, adcode: string): Promise<void> {
  for (const table of COUNTY_TABLES) await db.query(`DELETE FROM ${table} WHERE adcode = $1`, [adcode])
  await db.query(`DELETE FROM county WHERE adcode = $1`, [adcode])
}
