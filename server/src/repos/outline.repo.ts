import type { MultiPolygon, Polygon } from 'geojson'
import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { OutlineMeasure } from '../domain/outline-checks.ts'

/** One outline to measure: its geometry, its county when known, and the parcels it may overlap without fault. */
export interface OutlineToMeasure {
  geometry: Polygon | MultiPolygon
  adcode: string | null
  excludeIds: number[]
  /** False when only validity is needed (the outline already failed the vertex limit). */
  isMeasured: boolean
}

interface MeasureRow {
  n: number
  valid: boolean
  reason: string | null
  lon: number | null
  lat: number | null
  area_m2: number | null
  width_m: number | null
  size_lon: number | null
  size_lat: number | null
  county_adcode: string | null
  county_name: string | null
  outside_m2: number
  outside_lon: number | null
  outside_lat: number | null
  overlap_list: {
    code: string
    overlap_m2: number
    lon: number
    lat: number
    geometry: OutlineMeasure['overlaps'][number]['geometry']
  }[]
}

/** Validity, size, county and overlaps of a set of outlines in one statement; one measure per outline, in order. */
export async function measureOutlines(
  db: Queryable,
  outlines: OutlineToMeasure[],
  o: { size: boolean; overlaps: boolean },
): Promise<OutlineMeasure[]> {
  if (!outlines.length) return []
  const { rows } = await db.query<MeasureRow>(sqlFile('outline/check-outlines'), [
    outlines.map((x) => JSON.stringify(x.geometry)),
    outlines.map((x) => x.adcode),
    outlines.map((x) => x.isMeasured),
    JSON.stringify(outlines.map((x) => x.excludeIds)),
    o.size,
    o.overlaps,
  ])
  return rows.map((r): OutlineMeasure => ({
    validity: { valid: r.valid, reason: r.reason, lon: r.lon, lat: r.lat },
    size:
      r.area_m2 === null
        ? null
        : { areaM2: Number(r.area_m2), widthM: Number(r.width_m), centre: [Number(r.size_lon), Number(r.size_lat)] },
    county: {
      county: r.county_adcode === null ? null : { adcode: r.county_adcode, name: r.county_name! },
      outsideM2: Number(r.outside_m2),
      outsideAt:
        r.outside_lon !== null && r.outside_lat !== null ? [Number(r.outside_lon), Number(r.outside_lat)] : null,
    },
    overlaps: r.overlap_list.map((h) => ({
      neighbourCode: h.code,
      overlapM2: Number(h.overlap_m2),
      at: [Number(h.lon), Number(h.lat)],
      geometry: h.geometry,
    })),
  }))
}
