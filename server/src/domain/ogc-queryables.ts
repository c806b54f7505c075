import {
  BASIC_FARMLAND,
  CLASS_LIST,
  FARMLAND_PARCELS,
  LAND_CONTEXT,
  MONITORING_POINTS,
} from './ogc-queryables/farmland.ts'
import { CONTROL_ZONES, COUNTIES, PLOTS, TOWNSHIPS } from './ogc-queryables/public.ts'
import { CONTAMINATED_PLOTS, CONTROL_ZONES_INTERNAL, ENTERPRISES } from './ogc-queryables/registry.ts'

/**
 * The properties each OGC API - Features collection serves, as the GeoJSON `properties` carry them: name, Chinese
 * title and meaning, JSON Schema type, and the SQL expression the collection's page statement reads it from. A
 * property with an SQL expression is queryable (OGC 19-079r2, Part 3: filters, `/queryables`, property filters); one
 * without is built outside SQL (a label, a list, a nested object) and is served but not filtered on. Pure: no I/O.
 */

/** JSON Schema types of a property (Part 3 §6.2: string, number, integer, boolean, object, array). */
export type OgcPropertyType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array'

export interface OgcProperty {
  /** The key in the GeoJSON `properties`. */
  name: string
  title: string
  /** What the value means, in an officer's words. */
  description: string
  type: OgcPropertyType
  /** `date-time` (an instant, RFC 3339) or `date` (a calendar day). */
  format?: 'date-time' | 'date'
  /** The codes the value takes. */
  enum?: readonly string[]
  /** The expression of the collection's page statement the value is read from; null: served, not queryable. */
  sql: string | null
}

export interface OgcCollectionQueryables {
  /** The outline or point, as the page statement names it, and its GeoJSON type. */
  geometry: { sql: string; type: 'MultiPolygon' | 'Point' }
  /** The property `datetime` (Part 1 §7.15.4) is matched against; null: the collection has no date. */
  datetime: string | null
  properties: readonly OgcProperty[]
}

/** The properties of each collection, by collection id (each group's dictionaries in ogc-queryables/). */
export const OGC_QUERYABLES: Readonly<Record<string, OgcCollectionQueryables>> = {
  plots: PLOTS,
  'control-zones': CONTROL_ZONES,
  counties: COUNTIES,
  'farmland-parcels': FARMLAND_PARCELS,
  'monitoring-points': MONITORING_POINTS,
  'contaminated-plots': CONTAMINATED_PLOTS,
  townships: TOWNSHIPS,
  'class-list': CLASS_LIST,
  'control-zones-internal': CONTROL_ZONES_INTERNAL,
  enterprises: ENTERPRISES,
  'land-context': LAND_CONTEXT,
  'basic-farmland': BASIC_FARMLAND,
}

/** The property dictionary of collection `id`, or null when none is written for it. */
export function queryablesOf(id: string): OgcCollectionQueryables | null {
  return Object.hasOwn(OGC_QUERYABLES, id) ? OGC_QUERYABLES[id] : null
}

/** Whether `property` can be filtered on: it has an SQL expression in the page statement. */
export const isQueryable = (property: OgcProperty): property is OgcProperty & { sql: string } => property.sql !== null

/** The link relation from a collection to its queryables (Part 3 §6.3). */
export const QUERYABLES_REL = 'http://www.opengis.net/def/rel/ogc/1.0/queryables'

/** The JSON Schema of one queryable (Part 3 §6.2): title, meaning, type and format, and the codes it takes. */
function propertySchema(p: OgcProperty, isInstant: boolean): Record<string, unknown> {
  return {
    title: p.title,
    description: p.description,
    type: p.type,
    ...(p.format ? { format: p.format } : {}),
    ...(p.enum ? { enum: p.enum } : {}),
    ...(isInstant ? { 'x-ogc-role': 'primary-instant' } : {}),
  }
}

/**
 * The queryables of collection `id` as a JSON Schema 2020-12 document (Part 3 §6.2, /req/queryables): the geometry
 * (format `geometry-…`) and every property with an SQL expression; other properties cannot be filtered on.
 */
export function queryablesSchema(id: string, title: string, href: string): Record<string, unknown> {
  const q = queryablesOf(id)
  const geometry = q
    ? {
        geometry: {
          title: '图形',
          description: 'S_INTERSECTS 用的图形，CGCS2000 经纬度（filter-crs 可选 CRS84 或 EPSG:4490）',
          format: q.geometry.type === 'Point' ? 'geometry-point' : 'geometry-multipolygon',
          'x-ogc-role': 'primary-geometry',
        },
      }
    : {}
  const properties = Object.fromEntries(
    (q?.properties ?? []).filter(isQueryable).map((p) => [p.name, propertySchema(p, p.name === q?.datetime)]),
  )
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: href,
    type: 'object',
    title,
    properties: { ...geometry, ...properties },
    additionalProperties: false,
  }
}
