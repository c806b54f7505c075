/** A tile ready to send, with its ETag: gzipped once when it enters the cache, raw when the cache is off. */
export interface CachedTile {
  body: Buffer
  isGzipped: boolean
  etag: string
  /** Uncompressed size in bytes; 0 for an empty tile. */
  size: number
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
