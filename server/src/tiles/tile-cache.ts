/** A tile ready to send, with its ETag: gzipped once when it enters the cache, raw when the cache is off. */
export interface CachedTile {
  body: Buffer
  isGzipped: boolean
  etag: string
  /** Uncompressed size in bytes; 0 for an empty tile. */
  size: number
}

/** How long a public tile asked without a version may be kept before it is checked again by its ETag. */
const UNVERSIONED_PUBLIC_MAX_AGE_S = 60

/**
 * `Cache-Control` of a tile. A URL with the layer's current version (`?v=`, as the styles give them) never changes
 * its content: public ones may be kept by any cache for a year, internal ones by the browser for a day. A stale
 * version is always checked again (ETag); a public tile asked without a version may be kept a minute.
 */
export function tileCacheControl(isPrivate: boolean, version: boolean | 'none'): string {
  if (isPrivate) return version === true ? 'private, max-age=86400, immutable' : 'private, no-cache'
  if (version === true) return 'public, max-age=31536000, immutable'
  return version === 'none' ? `public, max-age=${UNVERSIONED_PUBLIC_MAX_AGE_S}` : 'public, no-cache'
}

/** Least-recently-used cache of encoded tiles; capacity 0 turns it off. */
export class TileCache {
  private readonly entries = new Map<string, CachedTile>()

  constructor(private readonly capacity: number) {}

  get isEnabled(): boolean {
    return this.capacity > 0
  }

  get(key: string): CachedTile | undefined {
    const hit = this.entries.get(key)
    if (hit) {
      this.entries.delete(key)
      this.entries.set(key, hit)
    }
    return hit
  }

  set(key: string, tile: CachedTile): void {
    if (this.capacity === 0) return
    this.entries.set(key, tile)
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!)
  }

  /** Drops every tile whose key starts with `prefix` (a layer name and `/`). */
  invalidate(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key)
  }
}
