import type { LayerSpecification, RasterSourceSpecification } from 'maplibre-gl'
import type { BasemapChoice } from '../shared/api-types'

/** Prefix of every source and layer id the basemap adds, so they can be found and removed. */
export const BASEMAP_PREFIX = 'basemap-'

/** A raster source and the layer that draws it. */
export interface BasemapPart {
  id: string
  source: RasterSourceSpecification
  layer: LayerSpecification
}

const TIANDITU_ATTRIBUTION = '© 天地图 国家地理信息公共服务平台'

function rasterPart(name: string, tiles: string[], attribution: string, maxzoom: number): BasemapPart {
  const id = `${BASEMAP_PREFIX}${name}`
  return {
    id,
    source: { type: 'raster', tiles, tileSize: 256, maxzoom, attribution },
    layer: { id, type: 'raster', source: id },
  }
}

function tiandituTiles(layer: 'vec' | 'cva', key: string): string[] {
  const query =
    `SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles` +
    `&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`
  return [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?${query}`)
}

/** The raster layers of a basemap, bottom first; empty for 无底图 or 天地图 without a key. */
export function basemapParts(choice: BasemapChoice): BasemapPart[] {
  if (choice.kind === 'osm') {
    return [rasterPart('osm', ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'], '© OpenStreetMap 贡献者', 19)]
  }
  const key = choice.tiandituKey?.trim()
  if (choice.kind === 'tianditu' && key) {
    return [
      rasterPart('tianditu-vec', tiandituTiles('vec', key), TIANDITU_ATTRIBUTION, 18),
      rasterPart('tianditu-cva', tiandituTiles('cva', key), TIANDITU_ATTRIBUTION, 18),
    ]
  }
  return []
}
