import crypto from 'node:crypto'
import zlib from 'node:zlib'
import type { AppConfig } from '../config.ts'
import type { Database } from '../db/database.ts'
import { queryRowBytes } from '../db/row-bytes.ts'
import { encodeMvtLayer, type GeoJsonTileRow } from './encode-mvt.ts'
import { TILE_LAYERS, type TileLayer } from './layers.ts'
import { TileCache, type CachedTile } from './tile-cache.ts'
import { buildGeoJsonTileSql, buildMvtSql } from './tile-sql.ts'

export type TileEncoder = 'postgis' | 'javascript'

/** Epochs a process draws its versions from, and changes of one layer each epoch leaves room for (2^32 × 2^20 < 2^53). */
const VERSION_EPOCHS = 2 ** 32
const VERSION_CHANGES = 2 ** 20

function scopeOrThrow(layer: TileLayer, scope: readonly string[] | undefined): readonly string[] {
  if (!scope) throw new Error(`图层 ${layer.name} 为内部图层，须给出用户管辖的区县`)
  return scope
}

/** Keys of the scopes seen, by array: a session's scope is one array while the session is cached. */
const scopeKeys = new WeakMap<readonly string[], string>()

function scopeKey(scope: readonly string[] | undefined): string {
  if (!scope) return ''
  let key = scopeKeys.get(scope)
  if (key === undefined)
    scopeKeys.set(scope, (key = crypto.createHash('sha1').update(scope.join(',')).digest('base64url').slice(0, 12)))
  return key
}

/** Builds vector tiles: `ST_AsMVT` on a PostGIS server, the JavaScript encoder on the embedded engine. */
export class TileService {
  readonly encoder: TileEncoder
  /** Tiles answered from the cache and built since the start (the tile request log reports them). */
  readonly cacheCounts = { hits: 0, misses: 0 }
  private readonly cache: TileCache
  private readonly versions = new Map<string, number>()
  private readonly statements = new Map<string, { name: string; text: string }>()

  constructor(
    private readonly db: Database,
    private readonly config: AppConfig['tiles'],
    encoder?: TileEncoder,
  ) {
    this.encoder = encoder ?? (db.mode === 'server' ? 'postgis' : 'javascript')
    this.cache = new TileCache(config.cacheEntries)
    const epoch = crypto.randomInt(1, VERSION_EPOCHS) * VERSION_CHANGES
    for (const layer of TILE_LAYERS) {
      this.versions.set(layer.name, epoch)
      const build = this.encoder === 'postgis' ? buildMvtSql : buildGeoJsonTileSql
      this.statements.set(layer.name, {
        name: `tile_${layer.name.replaceAll('-', '_')}_${this.encoder}`,
        text: build(layer, config),
      })
    }
  }

  /**
   * Version of a layer's data, put in tile URLs so browsers and caches never keep a stale tile: a random epoch of
   * this process (a restarted server never repeats a version an earlier one gave out) plus the layer's changes since.
   */
  version(layer: string): number {
    return this.versions.get(layer) ?? 0
  }

  /** The current version of each of `layers`, by name. */
  versionsOf(layers: readonly string[]): Record<string, number> {
    return Object.fromEntries(layers.map((l) => [l, this.version(l)]))
  }

  /** Marks a layer's data as changed: cached tiles are dropped and its URLs change. */
  invalidate(layer: string): void {
    this.versions.set(layer, this.version(layer) + 1)
    this.cache.invalidate(`${layer}/`)
  }

  /** The SQL the server runs for a layer (the bench gives the same text to pgbench). */
  sqlFor(layer: string): string {
    return this.statements.get(layer)!.text
  }

  /** A tile from the cache or the database; `scope` (county codes) is required for an internal layer. */
  async getTile(layer: TileLayer, z: number, x: number, y: number, scope?: readonly string[]): Promise<CachedTile> {
    const key = `${layer.name}/${this.version(layer.name)}/${z}/${x}/${y}${layer.access === 'internal' ? `/${scopeKey(scope)}` : ''}`
    const hit = this.cache.get(key)
    if (hit) {
      this.cacheCounts.hits++
      return hit
    }
    this.cacheCounts.misses++
    const raw = await this.renderTile(layer, z, x, y, scope)
    const isGzipped = this.cache.isEnabled && raw.length > 0
    const tile: CachedTile = {
      body: isGzipped ? zlib.gzipSync(raw, { level: 2 }) : raw,
      isGzipped,
      etag: `"${crypto.createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"`,
      size: raw.length,
    }
    this.cache.set(key, tile)
    return tile
  }

  /**
   * The uncompressed MVT bytes of one layer's tile, straight from the database. `ST_AsMVT`'s bytea comes in binary
   * format, read off the connection as it is ({@link queryRowBytes}): PostgreSQL does not write it as hex text
   * (twice its size), and the server neither decodes that text nor the hex.
   */
  async renderTile(layer: TileLayer, z: number, x: number, y: number, scope?: readonly string[]): Promise<Buffer> {
    if (z < layer.minzoom || z > layer.maxzoom) return Buffer.alloc(0)
    const statement = this.statements.get(layer.name)!
    const values = layer.access === 'internal' ? [z, x, y, [...scopeOrThrow(layer, scope)]] : [z, x, y]
    if (this.encoder === 'postgis') {
      const name = this.db.mode === 'server' ? statement.name : undefined
      const rows = await queryRowBytes(this.db, statement.text, values, { name, binary: true })
      return rows[0]?.[0] ?? Buffer.alloc(0)
    }
    const { rows } = await this.db.prepared(statement.name, statement.text, values)
    return Buffer.from(encodeMvtLayer(layer.name, layer.kind, rows as GeoJsonTileRow[], this.config.extent))
  }
}
