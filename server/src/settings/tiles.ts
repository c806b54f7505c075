import { readInt } from './env.ts'

export interface TileConfig {
  extent: number
  bufferPx: number
  /** In-memory tile cache entries; 0 turns the cache off (bench measures the DB path). */
  cacheEntries: number
  /** Safety cap of features in one tile; never reached at the intended zooms. */
  maxFeatures: number
}

export function readTileSettings(): TileConfig {
  return {
    extent: 4096,
    bufferPx: 64,
    cacheEntries: readInt('TILE_CACHE_ENTRIES', 20000),
    maxFeatures: 200000,
  }
}
