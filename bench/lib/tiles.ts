import type { Database } from '../../server/src/db/database.ts'

export interface Tile {
  z: number
  x: number
  y: number
}

/** Small seeded PRNG (mulberry32): the same seed gives the same tile list on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const HALF = 20037508.342789244

/** The XYZ tile holding an EPSG:3857 point. */
export function tileOf(z: number, mx: number, my: number): Tile {
  const n = 2 ** z
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, Math.floor(v)))
  return { z, x: clamp(((mx + HALF) / (2 * HALF)) * n), y: clamp(((HALF - my) / (2 * HALF)) * n) }
}

/** EPSG:3857 bounds of a tile. */
export function tileBounds({ z, x, y }: Tile): [number, number, number, number] {
  const size = (2 * HALF) / 2 ** z
  return [-HALF + x * size, HALF - (y + 1) * size, -HALF + (x + 1) * size, HALF - y * size]
}

export interface TileList {
  z: number
  tiles: Tile[]
  /** EPSG:3857 extent of farmland_parcel.geom_3857. */
  extent: [number, number, number, number]
  /** Parcels drawn to find the tiles. */
  draws: number
}

/**
 * Distinct tiles at zoom `z` that hold parcels: random parcels (seeded), the tile of each one's point on
 * surface, until `count` distinct tiles or a bounded number of draws. Every tile is checked against the
 * parcels' extent. Dense areas are drawn more often, as a map user would see them.
 */
export async function pickTiles(db: Database, z: number, count: number, seed: number): Promise<TileList> {
  const { rows: ext } = await db.query<{ xmin: number; ymin: number; xmax: number; ymax: number }>(
    `SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
     FROM (SELECT ST_Extent(geom_3857)::box2d AS e FROM farmland_parcel) s`,
  )
  const extent: [number, number, number, number] = [ext[0].xmin, ext[0].ymin, ext[0].xmax, ext[0].ymax]
  if (extent.some((v) => v === null)) throw new Error('耕地图斑表为空，无法选取瓦片 / farmland_parcel is empty')
  const { rows: idRows } = await db.query<{ id: number }>('SELECT id FROM farmland_parcel ORDER BY id')
  const ids = idRows.map((r) => Number(r.id))
  const random = mulberry32(seed + z)
  const chosen = new Map<string, Tile>()
  const maxDraws = count * 40
  const batch = 128
  let draws = 0
  while (chosen.size < count && draws < maxDraws) {
    const pick = Array.from({ length: batch }, () => ids[Math.floor(random() * ids.length)])
    draws += batch
    const { rows } = await db.query<{ id: number; px: number; py: number }>(
      `SELECT id, ST_X(pt) AS px, ST_Y(pt) AS py
       FROM (SELECT id, ST_PointOnSurface(geom_3857) AS pt FROM farmland_parcel WHERE id = ANY($1::bigint[])) s`,
      [pick],
    )
    const byId = new Map(rows.map((r) => [Number(r.id), r]))
    for (const id of pick) {
      const r = byId.get(id)!
      const t = tileOf(z, r.px, r.py)
      const key = `${t.x}/${t.y}`
      if (!chosen.has(key)) chosen.set(key, t)
      if (chosen.size >= count) break
    }
  }
  const tiles = [...chosen.values()]
  for (const t of tiles) {
    const [x0, y0, x1, y1] = tileBounds(t)
    if (x1 < extent[0] || x0 > extent[2] || y1 < extent[1] || y0 > extent[3]) {
      throw new Error(`瓦片 ${t.z}/${t.x}/${t.y} 不与图斑范围相交 / tile outside the parcels' extent`)
    }
  }
  return { z, tiles, extent, draws }
}

/**
 * Size of each tile built with the server's own SQL, so the report says what a tile weighs. `scope`: the county
 * codes an internal layer's SQL takes as $4 (none for Martin's SQL).
 */
export async function describeTiles(
  db: Database,
  sql: string,
  tiles: Tile[],
  scope?: string[],
): Promise<{ avgBytes: number; maxBytes: number; empty: number }> {
  let total = 0
  let max = 0
  let empty = 0
  for (const t of tiles) {
    const { rows } = await db.query(sql, scope ? [t.z, t.x, t.y, scope] : [t.z, t.x, t.y])
    const value = rows[0] ? Object.values(rows[0])[0] : null
    const size = Buffer.isBuffer(value) ? value.length : 0
    total += size
    max = Math.max(max, size)
    if (size === 0) empty++
  }
  return { avgBytes: tiles.length ? Math.round(total / tiles.length) : 0, maxBytes: max, empty }
}

export function tilePath(layer: string, t: Tile): string {
  return `/tiles/${layer}/${t.z}/${t.x}/${t.y}.pbf`
}

export interface PlanSummary {
  /** Custom plans (the first five executions of a prepared statement): indexes used, tiles planned parallel. */
  custom: { indexes: string[]; parallelTiles: number; maxCost: number }
  /** The generic plan PostgreSQL switches to afterwards when its estimated cost is not higher. */
  generic: { nodes: string[]; indexes: string[]; parallel: boolean; cost: number }
}

interface PlanNode {
  'Node Type': string
  'Index Name'?: string
  'Workers Planned'?: number
  'Total Cost': number
  Plans?: PlanNode[]
}

function walkPlan(root: PlanNode) {
  const nodes = new Set<string>()
  const indexes = new Set<string>()
  let workers = 0
  const walk = (n: PlanNode, depth: number) => {
    if (depth > 50) return
    nodes.add(n['Node Type'])
    if (n['Index Name']) indexes.add(n['Index Name'])
    workers = Math.max(workers, n['Workers Planned'] ?? 0)
    for (const c of n.Plans ?? []) walk(c, depth + 1)
  }
  walk(root, 0)
  return { nodes: [...nodes], indexes: [...indexes], workers, cost: Math.round(root['Total Cost']) }
}

/** What PostgreSQL plans for a tile statement: the custom plan of every tile, and the generic plan. */
export async function planSummary(db: Database, sql: string, tiles: Tile[], scope?: string[]): Promise<PlanSummary> {
  const indexes = new Set<string>()
  let parallelTiles = 0
  let maxCost = 0
  for (const t of tiles) {
    const { rows } = await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, scope ? [t.z, t.x, t.y, scope] : [t.z, t.x, t.y])
    const p = walkPlan((Object.values(rows[0])[0] as { Plan: PlanNode }[])[0].Plan)
    p.indexes.forEach((i) => indexes.add(i))
    if (p.workers > 0) parallelTiles++
    maxCost = Math.max(maxCost, p.cost)
  }
  const client = await db.pool.connect()
  try {
    await client.query(`PREPARE bench_plan_probe(int, int, int${scope ? ', bpchar[]' : ''}) AS ${sql}`)
    await client.query('SET plan_cache_mode = force_generic_plan')
    const t = tiles[0]
    const scopeLiteral = scope ? `, ARRAY[${scope.map((a) => `'${a.replace(/\D/g, '')}'`).join(',')}]::bpchar[]` : ''
    const { rows } = await client.query(
      `EXPLAIN (FORMAT JSON) EXECUTE bench_plan_probe(${t.z}, ${t.x}, ${t.y}${scopeLiteral})`,
    )
    const g = walkPlan((Object.values(rows[0])[0] as { Plan: PlanNode }[])[0].Plan)
    return {
      custom: { indexes: [...indexes], parallelTiles, maxCost },
      generic: { nodes: g.nodes, indexes: g.indexes, parallel: g.workers > 0, cost: g.cost },
    }
  } finally {
    await client.query('DEALLOCATE bench_plan_probe').catch(() => {})
    await client.query('RESET plan_cache_mode').catch(() => {})
    client.release()
  }
}
