/** A layer served as vector tiles: which table, which geometry, which attributes, at which zooms. */
import { landClassSql } from '../domain/land-class.ts'

export interface TileLayer {
  name: string
  /** Chinese name for TileJSON and the info panel. */
  title: string
  table: string
  kind: 'polygon' | 'point'
  /** EPSG:3857 geometry expression; `geom_3857` or a point derived from it for label layers. */
  geometry: string
  /** MVT feature id expression (numeric). */
  id: string | null
  /** Attribute name → SQL expression; names are constants, never user input. */
  attributes: Record<string, string>
  minzoom: number
  maxzoom: number
  /** Entity shown by the info panel for a click on this layer. */
  entity: string | null
  /**
   * `internal`: staff only, and only rows of the counties in the user's scope (the SQL takes them as $4);
   * `public`: open to anyone, so its table holds published rows and public fields only.
   */
  access: 'public' | 'internal'
  /**
   * The collection of the data sharing service (/ogc) whose key also opens this internal layer's tiles, within the
   * key's counties; absent: the layer is for signed-in staff only.
   */
  sharedAs?: string
}

const onSurface = 'ST_PointOnSurface(geom_3857)'
const areaMu = 'round((area_m2 * 0.0015)::numeric, 2)::float8'

/** Every tile layer. The order is the drawing order of the default style (bottom first). */
export const TILE_LAYERS: readonly TileLayer[] = [
  {
    name: 'land-context',
    title: '三调地类（底图）',
    table: 'land_context',
    kind: 'polygon',
    geometry: 'geom_3857',
    id: 'id',
    attributes: { dlbm: 'dlbm', dlmc: 'dlmc', class: landClassSql('dlbm') },
    minzoom: 12,
    maxzoom: 22,
    entity: null,
    access: 'internal',
    sharedAs: 'land-context',
  },
  {
    name: 'county',
    title: '区县',
    table: 'county',
    kind: 'polygon',
    geometry: 'geom_3857',
    id: 'adcode::int',
    attributes: { adcode: 'adcode', name: 'name', city: 'city' },
    minzoom: 0,
    maxzoom: 22,
    entity: 'county',
    access: 'public',
  },
  {
    name: 'township',
    title: '乡镇（街道）',
    table: 'township',
    kind: 'polygon',
    geometry: 'geom_3857',
    id: 'code::bigint',
    attributes: { code: 'code', name: 'name', adcode: 'adcode' },
    minzoom: 8,
    maxzoom: 22,
    entity: 'township',
    access: 'public',
  },
  {
    name: 'parcel-overview',
    title: '耕地图斑（概览）',
    table: 'farmland_overview',
    kind: 'polygon',
    geometry: 'geom_3857',
    id: null,
    attributes: { class: 'class', parcels: 'parcel_count', area_mu: 'round((area_m2 * 0.0015)::numeric, 1)::float8' },
    minzoom: 5,
    maxzoom: 12,
    entity: null,
    access: 'internal',
    sharedAs: 'farmland-parcels',
  },
  {
    name: 'parcel',
    title: '耕地图斑',
    table: 'farmland_parcel',
    kind: 'polygon',
    geometry: 'geom_3857',
    id: 'id',
    attributes: { code: 'code', class: 'class', dlbm: 'dlbm', area_mu: areaMu, adcode: 'adcode' },
    minzoom: 13,
    maxzoom: 22,
    entity: 'parcel',
    access: 'internal',
    sharedAs: 'farmland-parcels',
  },
  {
    name: 'basic-farmland',
    title: '永久基本农田',
    table: 'basic_farmland',
    kind: 'polygon',
    geometry: 'geom_3857',
    id: 'id',
    attributes: { code: 'code', dlbm: 'dlbm', zldwmc: 'zldwmc' },
    minzoom: 11,
    maxzoom: 22,
    entity: null,
    access: 'internal',
    sharedAs: 'basic-farmland',
  },
  {
    // the latest version of each county (a view over priority_area, migration 045)
    name: 'priority-area',
    title: '优先保护类耕地集中区域',
    table: 'priority_area_current',
    kind: 'polygon',
    geometry: 'geom_3857',
    id: 'adcode::bigint * 1000 + area_no',
    attributes: { code: 'code', area_mu: areaMu, parcels: 'parcel_count', version: 'version' },
    minzoom: 8,
    maxzoom: 22,
    entity: 'priority-area',
    access: 'internal',
  },
  {
    name: 'control-zone',
    title: '管控区域',
    table: 'control_zone',
    kind: 'polygon',
    geometry: 'geom_3857',
    id: 'id',
    attributes: { code: 'code', name: 'name', status: 'review_status' },
    minzoom: 8,
    maxzoom: 22,
    entity: 'control-zone',
    access: 'internal',
    sharedAs: 'control-zones-internal',
  },
  {
    // 特定农产品禁止生产区域 in every review state (migration 047)
    name: 'ban-zone',
    title: '特定农产品禁止生产区域',
    table: 'ban_zone',
    kind: 'polygon',
    geometry: 'geom_3857',
    id: 'id',
    attributes: { code: 'code', name: 'name', status: 'review_status' },
    minzoom: 8,
    maxzoom: 22,
    entity: 'ban-zone',
    access: 'internal',
  },
  {
    name: 'contaminated-plot',
    title: '污染地块',
    table: 'contaminated_plot',
    kind: 'polygon',
    geometry: 'geom_3857',
    id: 'id',
    attributes: { code: 'code', name: 'name', status: 'status' },
    minzoom: 12,
    maxzoom: 22,
    entity: 'plot',
    access: 'internal',
    sharedAs: 'contaminated-plots',
  },
  {
    name: 'contaminated-plot-point',
    title: '污染地块',
    table: 'contaminated_plot',
    kind: 'point',
    geometry: onSurface,
    id: 'id',
    attributes: { code: 'code', name: 'name', status: 'status' },
    minzoom: 6,
    maxzoom: 11,
    entity: 'plot',
    access: 'internal',
    sharedAs: 'contaminated-plots',
  },
  {
    name: 'enterprise',
    title: '重点监管单位',
    table: 'supervised_enterprise',
    kind: 'polygon',
    geometry: 'geom_3857',
    id: 'id',
    attributes: { name: 'name', industry: 'industry', status: 'status' },
    minzoom: 12,
    maxzoom: 22,
    entity: 'enterprise',
    access: 'internal',
    sharedAs: 'enterprises',
  },
  {
    name: 'enterprise-point',
    title: '重点监管单位',
    table: 'supervised_enterprise',
    kind: 'point',
    geometry: onSurface,
    id: 'id',
    attributes: { name: 'name', industry: 'industry', status: 'status' },
    minzoom: 6,
    maxzoom: 11,
    entity: 'enterprise',
    access: 'internal',
    sharedAs: 'enterprises',
  },
  {
    name: 'monitoring-point',
    title: '监测点位',
    table: 'monitoring_point',
    kind: 'point',
    geometry: 'geom_3857',
    id: 'id',
    attributes: { code: 'code', name: 'name', level: 'level', point_type: 'point_type' },
    minzoom: 6,
    maxzoom: 22,
    entity: 'monitoring-point',
    access: 'internal',
    sharedAs: 'monitoring-points',
  },
  {
    name: 'township-label',
    title: '乡镇（街道）名称',
    table: 'township',
    kind: 'point',
    geometry: onSurface,
    id: 'code::bigint',
    attributes: { name: 'name' },
    minzoom: 9,
    maxzoom: 22,
    entity: null,
    access: 'public',
  },
  {
    name: 'county-label',
    title: '区县名称',
    table: 'county',
    kind: 'point',
    geometry: onSurface,
    id: 'adcode::int',
    attributes: { name: 'name' },
    minzoom: 0,
    maxzoom: 22,
    entity: null,
    access: 'public',
  },
  {
    name: 'public-control-zone',
    title: '管控区域（已发布）',
    table: 'published_control_zone',
    kind: 'polygon',
    geometry: 'geom_3857',
    id: 'id',
    attributes: { code: 'code', name: 'name', announcement_no: 'announcement_no' },
    minzoom: 6,
    maxzoom: 22,
    entity: null,
    access: 'public',
  },
  {
    name: 'public-ban-zone',
    title: '特定农产品禁止生产区域（已发布）',
    table: 'published_ban_zone',
    kind: 'polygon',
    geometry: 'geom_3857',
    id: 'id',
    attributes: {
      code: 'code',
      name: 'name',
      products: "array_to_string(products, '、')",
      announcement_no: 'announcement_no',
    },
    minzoom: 6,
    maxzoom: 22,
    entity: null,
    access: 'public',
  },
  {
    name: 'public-plot',
    title: '污染地块名录（已发布）',
    table: 'published_plot',
    kind: 'polygon',
    geometry: 'geom_3857',
    id: 'id',
    attributes: { code: 'code', name: 'name', status: 'status' },
    minzoom: 12,
    maxzoom: 22,
    entity: null,
    access: 'public',
  },
  {
    name: 'public-plot-point',
    title: '污染地块名录（已发布）',
    table: 'published_plot',
    kind: 'point',
    geometry: onSurface,
    id: 'id',
    attributes: { code: 'code', name: 'name', status: 'status' },
    minzoom: 6,
    maxzoom: 11,
    entity: null,
    access: 'public',
  },
]

export function findTileLayer(name: string): TileLayer | undefined {
  return TILE_LAYERS.find((l) => l.name === name)
}
