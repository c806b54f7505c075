import type { TileLayer } from './layers.ts'

export interface TileSqlOptions {
  extent: number
  bufferPx: number
  maxFeatures: number
}

/** Rows in the tile: the stored 3857 geometry meets the buffered envelope (index), and so does a derived label point. */
function whereInTile(layer: TileLayer): string {
  const inTile =
    layer.geometry === 'geom_3857'
      ? 'geom_3857 && bounds.search'
      : `geom_3857 && bounds.search AND ${layer.geometry} && bounds.search`
  return layer.access === 'internal' ? `${inTile} AND adcode = ANY($4::bpchar[])` : inTile
}

function attributeList(layer: TileLayer): string {
  return Object.entries(layer.attributes)
    .map(([name, expr]) => `${expr} AS "${name}"`)
    .join(', ')
}

/**
 * Tile SQL for a PostGIS server: `ST_AsMVT` over `ST_AsMVTGeom`, rows chosen by `&&` against the tile
 * envelope widened by the buffer (an index scan on the 3857 copy). Parameters: $1 z, $2 x, $3 y and, for an
 * internal layer, $4 the county codes of the user's scope.
 */
export function buildMvtSql(layer: TileLayer, o: TileSqlOptions): string {
  const margin = o.bufferPx / o.extent
  return `
WITH bounds AS (SELECT ST_TileEnvelope($1, $2, $3) AS env, ST_TileEnvelope($1, $2, $3, margin => ${margin}) AS search)
SELECT ST_AsMVT(t, '${layer.name}', ${o.extent}, 'geom'${layer.id ? ", 'id'" : ''}) AS tile
FROM (
  SELECT ${layer.id ? `${layer.id} AS id, ` : ''}${attributeList(layer)},
         ST_AsMVTGeom(${layer.geometry}, bounds.env, ${o.extent}, ${o.bufferPx}, true) AS geom
  FROM ${layer.table}, bounds
  WHERE ${whereInTile(layer)}
  LIMIT ${o.maxFeatures}
) t
WHERE t.geom IS NOT NULL`
}

/**
 * Tile SQL for the embedded engine, which has no `ST_AsMVT`: the same rows, with geometry brought to tile
 * coordinates in SQL (clip to the buffered envelope, flip y, scale to the extent, snap to the integer grid)
 * and returned as GeoJSON for the JavaScript encoder. Parameters as `buildMvtSql`.
 */
export function buildGeoJsonTileSql(layer: TileLayer, o: TileSqlOptions): string {
  const margin = o.bufferPx / o.extent
  const clipped =
    layer.kind === 'polygon' ? `ST_ForcePolygonCCW(ST_ClipByBox2D(${layer.geometry}, bounds.search))` : layer.geometry
  return `
WITH bounds AS (
  SELECT env, ST_TileEnvelope($1, $2, $3, margin => ${margin}) AS search,
         ${o.extent} / (ST_XMax(env) - ST_XMin(env)) AS scale
  FROM (SELECT ST_TileEnvelope($1, $2, $3) AS env) e
)
SELECT * FROM (
  SELECT ${layer.id ? `${layer.id} AS id, ` : ''}${attributeList(layer)},
         ST_AsGeoJSON(ST_RemoveRepeatedPoints(ST_SnapToGrid(ST_Affine(${clipped},
           bounds.scale, 0, 0, -bounds.scale, -ST_XMin(bounds.env) * bounds.scale, ST_YMax(bounds.env) * bounds.scale), 1)), 0) AS geom
  FROM ${layer.table}, bounds
  WHERE ${whereInTile(layer)}
  LIMIT ${o.maxFeatures}
) t
WHERE t.geom IS NOT NULL AND t.geom NOT LIKE '%"coordinates":[]%'`
}
