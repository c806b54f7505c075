import type { Database } from '../db/database.ts'
import { describeFeature, type FeatureEntity } from '../domain/feature-info.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { AppError } from '../domain/errors.ts'
import { groupSearchHits, searchMatch } from '../domain/search.ts'
import type { ReviewKind } from '../repos/review.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { describeReview } from './review.service.ts'
import { findFeature, listCounties, readHealth, searchPlaces, type Bbox } from '../repos/map.repo.ts'
import { findTileLayer } from '../tiles/layers.ts'
import type { CountiesResponse, FeatureInfo, HealthResponse, SearchResponse } from '../../../contracts/map.ts'

const REVIEWED_ENTITIES: Partial<Record<FeatureEntity, ReviewKind>> = {
  plot: 'plot',
  'control-zone': 'control-zone',
  'ban-zone': 'ban-zone',
}

const KIND_NAMES = {
  county: '区县',
  township: '乡镇',
  parcel: '耕地图斑',
  plot: '污染地块',
  point: '监测点位',
} as const

/** Places, parcels, plots and points of the user's counties with `text` anywhere in a name or code, kind by kind. */
export async function searchMap(
  db: Database,
  ctx: AuthContext,
  text: string,
  limitPerKind: number,
): Promise<SearchResponse> {
  const rows = await searchPlaces(db, text, limitPerKind, scopeAdcodes(ctx))
  const results = rows.map((r) => ({
    kind: r.kind,
    kindName: KIND_NAMES[r.kind],
    ...(r.id !== null ? { id: r.id } : {}),
    code: r.code,
    name: r.name,
    context: r.context,
    bbox: r.bbox,
    match: searchMatch(r.match),
  }))
  return { results, groups: groupSearchHits(rows, KIND_NAMES) }
}

/** The counties of the user's scope and their joint extent (the map starts there). */
export async function listCountiesWithExtent(db: Database, ctx: AuthContext): Promise<CountiesResponse> {
  const counties = await listCounties(db, scopeAdcodes(ctx))
  const bbox: Bbox | null = counties.length
    ? [
        Math.min(...counties.map((c) => c.bbox[0])),
        Math.min(...counties.map((c) => c.bbox[1])),
        Math.max(...counties.map((c) => c.bbox[2])),
        Math.max(...counties.map((c) => c.bbox[3])),
      ]
    : null
  return { counties, bbox }
}

/** Settings a feature's info depends on. */
export interface FeatureInfoSettings {
  /** Monitoring points within this distance of a 饮用水水源保护区 are listed in its info (WATER_SOURCE_NEAR_M). */
  waterSourceNearM: number
}

/** The attributes of a clicked feature, in Chinese, for the info panel. */
export async function getFeatureInfo(
  db: Database,
  ctx: AuthContext,
  layerName: string,
  id: number,
  settings: FeatureInfoSettings = { waterSourceNearM: 1000 },
): Promise<FeatureInfo> {
  const layer = findTileLayer(layerName)
  if (!layer) throw new AppError('NOT_FOUND', `没有名为 “${layerName}” 的图层`)
  if (!layer.entity) throw new AppError('NOT_FOUND', `图层 “${layer.title}” 没有可查询的要素属性`)
  const more = layer.entity === 'water-source' ? [settings.waterSourceNearM] : []
  const row = await findFeature(db, layer.entity as FeatureEntity, id, more)
  if (!row) throw new AppError('NOT_FOUND', `图层 “${layer.title}” 中没有编号为 ${id} 的要素，可能已被删除`)
  if (layer.access === 'internal') assertCountyInScope(ctx, row.adcode, row.county)
  const kind = REVIEWED_ENTITIES[layer.entity as FeatureEntity]
  return {
    layer: layer.name,
    layerName: layer.title,
    bbox: row.bbox,
    ...describeFeature(layer.entity as FeatureEntity, row),
    ...(kind ? { review: describeReview(kind, row as never, ctx.user.role) } : {}),
  }
}

export async function getHealth(db: Database): Promise<HealthResponse> {
  const h = await readHealth(db)
  return {
    status: 'ok',
    mode: db.mode,
    modeName: db.mode === 'embedded' ? '内嵌数据库（PGlite + PostGIS）' : 'PostgreSQL 服务器',
    postgresVersion: h.postgres_version,
    postgisVersion: h.postgis_version,
    counties: h.counties,
    parcels: h.parcels,
  }
}
