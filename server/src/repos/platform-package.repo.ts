import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { MonitoringResultRow } from '../domain/platform-package-layers.ts'
import type { PackageCounty } from '../domain/platform-package.ts'
import type { PublishedPlotRow } from '../domain/public-fields.ts'

/** A row with its geometry as GeoJSON text, encoded by PostGIS. */
export type WithGeometry<T> = T & { geometry: string }

export async function findPackageCounty(db: Queryable, adcode: string): Promise<PackageCounty | undefined> {
  const {
    rows: [r],
  } = await db.query(sqlFile('platform-package/find-county'), [adcode])
  return r && { adcode: r.adcode, name: r.name, cityCode: r.city_code, city: r.city, province: r.province }
}

/** The id and publication count of the county's latest published class list. */
export async function findPublishedClassList(
  db: Queryable,
  adcode: string,
): Promise<{ id: number; publishedVersion: number } | undefined> {
  const {
    rows: [r],
  } = await db.query(sqlFile('platform-package/find-published-class-list'), [adcode])
  return r && { id: Number(r.id), publishedVersion: r.published_version }
}

export async function listPackagePlots(db: Queryable, adcode: string): Promise<WithGeometry<PublishedPlotRow>[]> {
  const { rows } = await db.query(sqlFile('platform-package/list-published-plots'), [adcode])
  return rows.map((r) => ({ ...r, id: Number(r.id) }))
}

export async function listPackageResults(db: Queryable, adcode: string): Promise<WithGeometry<MonitoringResultRow>[]> {
  const { rows } = await db.query(sqlFile('platform-package/list-monitoring-results'), [adcode])
  return rows.map((r) => ({
    pointCode: r.point_code,
    pointName: r.point_name,
    level: r.level,
    pointType: r.point_type,
    pointStatus: r.point_status,
    townshipCode: r.township_code,
    township: r.township,
    landUse: r.land_use,
    lon: r.lon,
    lat: r.lat,
    sampledOn: r.sampled_on,
    medium: r.medium,
    crop: r.crop,
    ph: r.ph,
    organicMatterGKg: r.organic_matter_g_kg,
    valuesMgKg: r.values_mg_kg ?? {},
    isGenerated: r.is_generated,
    geometry: r.geometry,
  }))
}

/** Per county: the latest published class list and what the package would hold. */
export interface CountyReadinessRow {
  adcode: string
  name: string
  list: { id: number; title: string; publishedAt: Date; parcelCount: number } | null
  plots: number
  results: number
}

export async function listCountyReadiness(db: Queryable, adcodes: readonly string[]): Promise<CountyReadinessRow[]> {
  const { rows } = await db.query(sqlFile('platform-package/list-county-readiness'), [adcodes])
  return rows.map((r) => ({
    adcode: r.adcode,
    name: r.name,
    list:
      r.list_id === null
        ? null
        : { id: Number(r.list_id), title: r.list_title, publishedAt: r.list_published_at, parcelCount: r.list_parcels },
    plots: r.plots,
    results: r.results,
  }))
}
