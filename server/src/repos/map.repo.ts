import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { FeatureEntity } from '../domain/feature-info.ts'
import { searchPatterns } from '../domain/search.ts'

export type Bbox = [number, number, number, number]

export interface SearchRow {
  kind: 'county' | 'township' | 'parcel' | 'plot' | 'point'
  id: number | null
  code: string
  name: string
  context: string
  bbox: Bbox
  /** 0 exact, 1 prefix, 2 elsewhere. */
  match: number
  /** Hits of this kind in all, before the limit. */
  total: number
}

export interface CountyRow {
  adcode: string
  name: string
  city: string
  province: string
  area_m2: number
  bbox: Bbox
}

const FEATURE_QUERY: Record<FeatureEntity, string> = {
  county: 'map/feature-county',
  township: 'map/feature-township',
  parcel: 'map/feature-parcel',
  'monitoring-point': 'map/feature-monitoring-point',
  plot: 'map/feature-plot',
  'control-zone': 'map/feature-control-zone',
  enterprise: 'map/feature-enterprise',
  'priority-area': 'map/feature-priority-area',
  'water-source': 'map/feature-water-source',
  'ban-zone': 'map/feature-ban-zone',
}

export async function searchPlaces(
  db: Queryable,
  text: string,
  limitPerKind: number,
  adcodes: string[],
): Promise<SearchRow[]> {
  const { rows } = await db.query(sqlFile('map/search'), [...searchPatterns(text), limitPerKind, adcodes])
  return rows
}

export async function listCounties(db: Queryable, adcodes: string[]): Promise<CountyRow[]> {
  return (await db.query(sqlFile('map/list-counties'), [adcodes])).rows
}

export async function findFeature(
  db: Queryable,
  entity: FeatureEntity,
  id: number,
  /** Further parameters of the entity's query (the near distance of a 饮用水水源保护区). */
  more: unknown[] = [],
): Promise<Record<string, any> | undefined> {
  const { rows } = await db.query(sqlFile(FEATURE_QUERY[entity]), [id, ...more])
  return rows[0]
}

export async function readHealth(
  db: Queryable,
): Promise<{ postgres_version: string; postgis_version: string; counties: number; parcels: number }> {
  return (await db.query(sqlFile('map/health'))).rows[0]
}
