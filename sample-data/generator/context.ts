import { Random } from './random.ts'
import { polygonToWkt, round7, type Position } from './geometry.ts'

/** A 三调 feature that is not farmland, for the context base map. */
export interface ContextRow {
  dlbm: string
  dlmc: string
  wkt: string
}
/** A 永久基本农田图斑 over a block of parcels. */
export interface BasicFarmlandRow {
  code: string
  dlbm: string
  wkt: string
}

/** The parcel grid of a county as the generator laid it out: cell size, which cells are free, which hold a parcel. */
export interface ParcelGrid {
  west: number
  south: number
  cellW: number
  cellH: number
  /** Cell size in metres. */
  cellWm: number
  cellHm: number
  cols: number
  rows: number
  /** Inside the county, not under a parcel, an enterprise, a plot or a zone. */
  isFree: (c: number, r: number) => boolean
  /** The class and land code of the parcel in a cell. */
  parcelAt: (c: number, r: number) => { cls: string; dlbm: string } | undefined
  /** The extent in cells of each cluster of parcels. */
  clusters: { c0: number; r0: number; c1: number; r1: number }[]
}

/** Cells of ground drawn around each cluster of parcels. */
const MARGIN_CELLS = 6
/** Blocks of cells that share one land use, so the ground comes in patches rather than single cells. */
const PATCH_COLS = 4
const PATCH_ROWS = 3
/** A 农村道路 every this many rows and columns, across the free cells: strips along the middle of the cells. */
const ROAD_EVERY_ROWS = 8
const ROAD_EVERY_COLS = 11
const ROAD_WIDTH_M = 6
const RIVER_WIDTH_M = 28
/** 永久基本农田 blocks of parcel cells, and the parcels a block needs to become one. */
const FARMLAND_BLOCK_COLS = 6
const FARMLAND_BLOCK_ROWS = 5
const FARMLAND_BLOCK_MIN_PARCELS = 8

const GROUND: readonly (readonly [readonly [string, string], number])[] = [
  [['0301', '乔木林地'], 30],
  [['0307', '其他林地'], 10],
  [['0404', '其他草地'], 14],
  [['0702', '农村宅基地'], 20],
  [['1104', '坑塘水面'], 8],
  [['1202', '设施农用地'], 6],
  [['0601', '工业用地'], 3],
  [['08H2', '科教文卫用地'], 2],
]

/**
 * The ground around the parcels: patches of woodland, grassland, village 宅基地, ponds and the like on the free cells
 * near each cluster of parcels, rural roads as strips along every few rows and columns and now and then a river,
 * so the staff map shows the ground under the parcels. Cells under a parcel are never used (roads and rivers
 * stop at the fields). Neighbouring cells of one kind are merged into rectangles, which keeps the rows few.
 */
export function generateContext(grid: ParcelGrid, rnd: Random): ContextRow[] {
  const region = regionCells(grid)
  const patchKind = new Map<string, readonly [string, string]>()
  const kindOf = (c: number, r: number) => {
    const key = `${Math.floor(c / PATCH_COLS)},${Math.floor(r / PATCH_ROWS)}`
    let kind = patchKind.get(key)
    if (!kind) {
      kind = rnd.weighted(GROUND)
      patchKind.set(key, kind)
    }
    return kind
  }
  const out: ContextRow[] = []
  for (const rect of mergeRuns(region, (c, r) => kindOf(c, r)[0])) {
    const [dlbm, dlmc] = GROUND.find(([k]) => k[0] === rect.kind)![0]
    out.push({ dlbm, dlmc, wkt: rectWkt(grid, rect.c0, rect.r0, rect.c1 + 1, rect.r1 + 1) })
  }
  const roadHalfRows = ROAD_WIDTH_M / 2 / grid.cellHm
  const roadHalfCols = ROAD_WIDTH_M / 2 / grid.cellWm
  const roadRowPhase = rnd.int(0, ROAD_EVERY_ROWS - 1)
  const roadColPhase = rnd.int(0, ROAD_EVERY_COLS - 1)
  const rowsOf = new Map<number, number[]>()
  const colsOf = new Map<number, number[]>()
  for (const key of region) {
    const [c, r] = key.split(',').map(Number)
    if (r % ROAD_EVERY_ROWS === roadRowPhase) pushTo(rowsOf, r, c)
    if (c % ROAD_EVERY_COLS === roadColPhase) pushTo(colsOf, c, r)
  }
  for (const [r, cs] of rowsOf)
    for (const [c0, c1] of runsOf(cs))
      out.push({
        dlbm: '1006',
        dlmc: '农村道路',
        wkt: rectWkt(grid, c0, r + 0.5 - roadHalfRows, c1 + 1, r + 0.5 + roadHalfRows),
      })
  for (const [c, rs] of colsOf)
    for (const [r0, r1] of runsOf(rs))
      out.push({
        dlbm: '1006',
        dlmc: '农村道路',
        wkt: rectWkt(grid, c + 0.5 - roadHalfCols, r0, c + 0.5 + roadHalfCols, r1 + 1),
      })
  const riverHalfRows = RIVER_WIDTH_M / 2 / grid.cellHm
  for (const cluster of grid.clusters) {
    if (rnd.next() >= 0.5) continue
    const r = cluster.r0 - rnd.int(2, MARGIN_CELLS - 1)
    const cs: number[] = []
    for (let c = cluster.c0 - MARGIN_CELLS; c <= cluster.c1 + MARGIN_CELLS; c++) if (region.has(`${c},${r}`)) cs.push(c)
    for (const [c0, c1] of runsOf(cs))
      out.push({
        dlbm: '1101',
        dlmc: '河流水面',
        wkt: rectWkt(grid, c0, r + 0.5 - riverHalfRows, c1 + 1, r + 0.5 + riverHalfRows),
      })
  }
  return out
}

/**
 * 永久基本农田 over the parcels: blocks of cells where 优先保护类 parcels are most, the usual case, and now and then a
 * block where they are not, so the classification page has disagreements to show. Each patch is the extent of the
 * block's parcels.
 */
export function generateBasicFarmland(grid: ParcelGrid, rnd: Random, adcode: string): BasicFarmlandRow[] {
  const blocks = new Map<string, { c: number; r: number; cls: string; dlbm: string }[]>()
  for (const cl of grid.clusters)
    for (let r = cl.r0; r <= cl.r1; r++)
      for (let c = cl.c0; c <= cl.c1; c++) {
        const parcel = grid.parcelAt(c, r)
        if (!parcel) continue
        const key = `${Math.floor(c / FARMLAND_BLOCK_COLS)},${Math.floor(r / FARMLAND_BLOCK_ROWS)}`
        const cells = blocks.get(key) ?? []
        if (!cells.some((x) => x.c === c && x.r === r)) cells.push({ c, r, ...parcel })
        blocks.set(key, cells)
      }
  const out: BasicFarmlandRow[] = []
  for (const cells of blocks.values()) {
    if (cells.length < FARMLAND_BLOCK_MIN_PARCELS) continue
    const priorityShare = cells.filter((x) => x.cls === 'priority').length / cells.length
    const isProtected = priorityShare >= 0.6 ? rnd.next() < 0.9 : rnd.next() < 0.08
    if (!isProtected) continue
    const c0 = Math.min(...cells.map((x) => x.c)),
      c1 = Math.max(...cells.map((x) => x.c)) + 1
    const r0 = Math.min(...cells.map((x) => x.r)),
      r1 = Math.max(...cells.map((x) => x.r)) + 1
    const dlbms = cells.map((x) => x.dlbm)
    const dlbm = dlbms.sort((a, b) => dlbms.filter((d) => d === b).length - dlbms.filter((d) => d === a).length)[0]
    out.push({
      code: `${adcode}JBNT${String(out.length + 1).padStart(5, '0')}`,
      dlbm,
      wkt: rectWkt(grid, c0 + 0.02, r0 + 0.02, c1 - 0.02, r1 - 0.02),
    })
  }
  return out
}

/** Free cells within {@link MARGIN_CELLS} of a cluster of parcels, as "c,r" keys. */
function regionCells(grid: ParcelGrid): Set<string> {
  const cells = new Set<string>()
  for (const cl of grid.clusters)
    for (let r = Math.max(0, cl.r0 - MARGIN_CELLS); r <= Math.min(grid.rows - 1, cl.r1 + MARGIN_CELLS); r++)
      for (let c = Math.max(0, cl.c0 - MARGIN_CELLS); c <= Math.min(grid.cols - 1, cl.c1 + MARGIN_CELLS); c++)
        if (grid.isFree(c, r)) cells.add(`${c},${r}`)
  return cells
}

/**
 * Rectangles covering the cells, one kind each: runs of neighbouring cells of a kind along a row, and a run the
 * row above had with the same columns and kind grows by one row instead of starting a new rectangle.
 */
function mergeRuns(
  cells: Set<string>,
  kindAt: (c: number, r: number) => string,
): { c0: number; c1: number; r0: number; r1: number; kind: string }[] {
  const byRow = new Map<number, number[]>()
  for (const key of cells) {
    const [c, r] = key.split(',').map(Number)
    pushTo(byRow, r, c)
  }
  const done: { c0: number; c1: number; r0: number; r1: number; kind: string }[] = []
  let open = new Map<string, { c0: number; c1: number; r0: number; r1: number; kind: string }>()
  let lastRow = -Infinity
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const next = new Map<string, { c0: number; c1: number; r0: number; r1: number; kind: string }>()
    const cs = byRow.get(r)!.sort((a, b) => a - b)
    let start = 0
    for (let i = 1; i <= cs.length; i++) {
      const kind = kindAt(cs[start], r)
      if (i < cs.length && cs[i] === cs[i - 1] + 1 && kindAt(cs[i], r) === kind) continue
      const key = `${cs[start]},${cs[i - 1]},${kind}`
      const above = r === lastRow + 1 ? open.get(key) : undefined
      if (above) {
        above.r1 = r
        open.delete(key)
        next.set(key, above)
      } else next.set(key, { c0: cs[start], c1: cs[i - 1], r0: r, r1: r, kind })
      start = i
    }
    done.push(...open.values())
    open = next
    lastRow = r
  }
  done.push(...open.values())
  return done
}

function pushTo(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** Runs of consecutive numbers, as [first, last]. */
function runsOf(values: number[]): [number, number][] {
  const sorted = [...new Set(values)].sort((a, b) => a - b)
  const runs: [number, number][] = []
  for (const v of sorted) {
    const last = runs[runs.length - 1]
    if (last && v === last[1] + 1) last[1] = v
    else runs.push([v, v])
  }
  return runs
}

/** The rectangle between grid positions (in cells, fractions allowed) as WKT. */
function rectWkt(grid: ParcelGrid, c0: number, r0: number, c1: number, r1: number): string {
  const x = (c: number) => round7(grid.west + c * grid.cellW)
  const y = (r: number) => round7(grid.south + r * grid.cellH)
  const ring: Position[] = [
    [x(c0), y(r0)],
    [x(c1), y(r0)],
    [x(c1), y(r1)],
    [x(c0), y(r1)],
    [x(c0), y(r0)],
  ]
  return polygonToWkt([ring])
}
