import gjv from 'geojson-validation'
import type { Geometry, LineString, MultiPolygon, Polygon, Position } from 'geojson'
import { m2ToMu } from './units.ts'
import { CHINA_LAT, CHINA_LON } from './china-extent.ts'

/** Reason codes of the outline stages, in the order the stages run. */
export const OUTLINE_PROBLEM = {
  /** Stage 1: not a GeoJSON Polygon/MultiPolygon with closed rings of numbers. */
  INVALID_GEOJSON: 'INVALID_GEOJSON',
  /** Stage 2: a foreign `crs`, projected metres or swapped axes. */
  WRONG_CRS: 'WRONG_CRS',
  /** Stage 2: a point outside China. */
  OUT_OF_RANGE: 'OUT_OF_RANGE',
  /** Stage 3: not a valid OGC geometry (ST_IsValidDetail). */
  INVALID_GEOMETRY: 'INVALID_GEOMETRY',
  /** Stage 4: more vertices than the limit. */
  TOO_MANY_VERTICES: 'TOO_MANY_VERTICES',
  /** Stage 5: below the minimum area. */
  TOO_SMALL: 'TOO_SMALL',
  /** Stage 5: narrower than the minimum width (狭长图斑). */
  SLIVER: 'SLIVER',
  /** Stage 6: outside every county or partly outside its county. */
  OUTSIDE_COUNTY: 'OUTSIDE_COUNTY',
  /** Stage 7: overlaps a stored parcel beyond the tolerance. */
  OVERLAP: 'OVERLAP',
} as const

/** One failed check of an outline (or of a change), without the index of the item it belongs to. */
export interface Finding {
  code: string
  message: string
  /** [lon, lat] of the fault, to mark on the map. */
  location?: [number, number]
  /** The faulty area (e.g. the overlap), GeoJSON in EPSG:4490. */
  geometry?: Geometry
  neighbourCode?: string
  overlapM2?: number
  field?: string
}

/** Limits of the outline stages (config.parcelEdit; all **R** 待核实, not from a standard). */
export interface OutlineSettings {
  /** 最小上图面积, m². */
  minAreaM2: number
  /** Below this width (2 × the radius of the largest inscribed circle) an outline is a sliver (狭长图斑), m. */
  minWidthM: number
  /** Overlap with a neighbour up to this area is tolerated (snapping noise), m². */
  overlapToleranceM2: number
  /** Area outside the county up to this is tolerated, m². */
  outsideToleranceM2: number
  maxVertices: number
}

/** CRS names accepted in a GeoJSON `crs` member: CGCS2000 and WGS 84 longitude/latitude (same to ~1 m here). */
const ACCEPTED_CRS =
  /^(EPSG:{1,2}(4490|4326)|urn:ogc:def:crs:EPSG:[0-9.]*:(4490|4326)|urn:ogc:def:crs:OGC:1\.3:CRS84|CRS84)$/i

/** ST_IsValidDetail reasons (GEOS) → what an officer reads. */
export const INVALIDITY_REASON: Readonly<Record<string, string>> = {
  'Self-intersection': '边界自相交',
  'Ring Self-intersection': '环自相交',
  'Hole lies outside shell': '内环在外环之外',
  'Holes are nested': '内环相互嵌套',
  'Interior is disconnected': '内部被分隔成不连通的几块',
  'Nested shells': '外环相互嵌套（多个部分互相包含）',
  'Duplicate Rings': '有重复的环',
  'Too few points in geometry component': '顶点太少（去掉重复点后不足 3 个不同的点）',
  'Invalid Coordinate': '坐标无效',
  'Ring is not closed': '环没有闭合',
}

const fmt1 = (n: number) => (Math.round(n * 10) / 10).toLocaleString('zh-CN', { maximumFractionDigits: 1 })
const fmt2 = (n: number) => m2ToMu(n).toFixed(2)
const fmtLonLat = ([lon, lat]: Position) => `${lon.toFixed(6)}, ${lat.toFixed(6)}`

/** "152.3 平方米（0.23 亩）" */
export function formatM2(areaM2: number): string {
  return `${fmt1(areaM2)} 平方米（${fmt2(areaM2)} 亩）`
}

/** The rings of a Polygon or MultiPolygon with the words that name them ("第 2 个部分第 1 个环"). */
function ringsOf(g: Polygon | MultiPolygon): { name: string; ring: Position[] }[] {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  return polygons.flatMap((rings, p) =>
    rings.map((ring, r) => ({
      name: `${polygons.length > 1 ? `第 ${p + 1} 个部分` : ''}第 ${r + 1} 个环`,
      ring,
    })),
  )
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every(isNumber)

function shapeProblem(where: string, what: string): { ok: false; findings: Finding[] } {
  return {
    ok: false,
    findings: [{ code: OUTLINE_PROBLEM.INVALID_GEOJSON, message: `${where}的几何不是有效的 GeoJSON：${what}` }],
  }
}

/**
 * Stage 1 of a geometry check: the value must be a GeoJSON Polygon or MultiPolygon whose rings are closed,
 * have at least 4 positions and hold only numbers. Returns the geometry in 2D, without `crs`.
 */
export function checkPolygonShape(
  input: unknown,
  where: string,
): { ok: true; geometry: Polygon | MultiPolygon; crs?: unknown } | { ok: false; findings: Finding[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return shapeProblem(where, '应为一个几何对象')
  const g = input as { type?: unknown; coordinates?: unknown; crs?: unknown }
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon')
    return shapeProblem(where, `类型应为 Polygon 或 MultiPolygon，收到的是 ${String(g.type ?? '（无类型）')}`)
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return shapeProblem(where, '没有坐标')
  const polygons: unknown[] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  for (const [p, rings] of polygons.entries()) {
    const part = polygons.length > 1 ? `第 ${p + 1} 个部分` : ''
    if (!Array.isArray(rings) || rings.length === 0) return shapeProblem(where, `${part}没有边界环`)
    for (const [r, ring] of rings.entries()) {
      const name = `${part}第 ${r + 1} 个环`
      if (!Array.isArray(ring)) return shapeProblem(where, `${name}应为坐标数组`)
      const bad = ring.findIndex((pos) => !isPosition(pos))
      if (bad >= 0) return shapeProblem(where, `${name}第 ${bad + 1} 个点不是 [经度, 纬度] 数字对`)
      if (ring.length < 4)
        return shapeProblem(where, `${name}只有 ${ring.length} 个点，闭合的环至少需要 4 个点（首尾相同）`)
      const [first, last] = [ring[0] as Position, ring[ring.length - 1] as Position]
      if (first[0] !== last[0] || first[1] !== last[1]) return shapeProblem(where, `${name}没有闭合（首点与末点不同）`)
    }
  }
  const library = safeTrace(() => gjv.isGeometryObject(input, true) as string[])
  if (library.length) return shapeProblem(where, library[0])
  const to2d = (ring: Position[]) => ring.map((pos) => [pos[0], pos[1]])
  const geometry: Polygon | MultiPolygon =
    g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: (g.coordinates as Position[][]).map(to2d) }
      : { type: 'MultiPolygon', coordinates: (g.coordinates as Position[][][]).map((rings) => rings.map(to2d)) }
  return { ok: true, geometry, crs: g.crs }
}

/** A LineString (split line) with at least two [lon, lat] positions. */
export function checkLineShape(input: unknown): { ok: true; line: LineString } | { ok: false; findings: Finding[] } {
  const g = input as { type?: unknown; coordinates?: unknown } | null
  if (typeof g !== 'object' || g === null || g.type !== 'LineString')
    return shapeProblem('分割线', '类型应为 LineString')
  if (!Array.isArray(g.coordinates) || g.coordinates.length < 2) return shapeProblem('分割线', '至少需要 2 个点')
  const bad = g.coordinates.findIndex((pos) => !isPosition(pos))
  if (bad >= 0) return shapeProblem('分割线', `第 ${bad + 1} 个点不是 [经度, 纬度] 数字对`)
  return { ok: true, line: { type: 'LineString', coordinates: (g.coordinates as Position[]).map((p) => [p[0], p[1]]) } }
}

function safeTrace(run: () => string[]): string[] {
  try {
    return run()
  } catch {
    return ['结构无法识别']
  }
}

function crsName(crs: unknown): string | undefined {
  if (crs === undefined || crs === null) return undefined
  const name = (crs as { properties?: { name?: unknown } }).properties?.name
  return typeof name === 'string' ? name : JSON.stringify(crs)
}

/**
 * Stage 2: the coordinates must be CGCS2000 longitude/latitude inside China. A foreign `crs`, projected-looking
 * numbers (|x| > 180, e.g. Gauss-Krüger metres) or swapped axes give WRONG_CRS; a point outside China OUT_OF_RANGE.
 */
export function checkCoordinates(rings: { name: string; ring: Position[] }[], crs: unknown, where: string): Finding[] {
  const name = crsName(crs)
  if (name !== undefined && !ACCEPTED_CRS.test(name)) {
    return [
      {
        code: OUTLINE_PROBLEM.WRONG_CRS,
        message: `${where}使用的坐标参考系“${name}”不受支持，请使用 CGCS2000 经纬度（EPSG:4490）`,
      },
    ]
  }
  for (const { name: ringName, ring } of rings) {
    for (const [i, [x, y]] of ring.entries()) {
      if (Math.abs(x) > 180 || Math.abs(y) > 180) {
        return [
          {
            code: OUTLINE_PROBLEM.WRONG_CRS,
            message: `${where}的坐标看起来是投影坐标（如高斯-克吕格 X=${fmt1(y)}、Y=${fmt1(x)}，${ringName}第 ${i + 1} 个点），请使用 CGCS2000 经纬度（EPSG:4490）`,
          },
        ]
      }
      if (Math.abs(y) > 90) {
        return [
          {
            code: OUTLINE_PROBLEM.WRONG_CRS,
            message: `${where}${ringName}第 ${i + 1} 个点的纬度 ${y} 超过 90°，经纬度顺序可能颠倒，请按 [经度, 纬度] 使用 CGCS2000 经纬度（EPSG:4490）`,
          },
        ]
      }
    }
  }
  for (const { name: ringName, ring } of rings) {
    const i = ring.findIndex(([x, y]) => x < CHINA_LON[0] || x > CHINA_LON[1] || y < CHINA_LAT[0] || y > CHINA_LAT[1])
    if (i >= 0) {
      return [
        {
          code: OUTLINE_PROBLEM.OUT_OF_RANGE,
          location: [ring[i][0], ring[i][1]],
          message: `${where}${ringName}第 ${i + 1} 个点 (${fmtLonLat(ring[i])}) 超出中国范围（经度 ${CHINA_LON[0]}–${CHINA_LON[1]}°，纬度 ${CHINA_LAT[0]}–${CHINA_LAT[1]}°）`,
        },
      ]
    }
  }
  return []
}

/** Stage 2 for a polygon. */
export function checkPolygonCoordinates(g: Polygon | MultiPolygon, crs: unknown, where: string): Finding[] {
  return checkCoordinates(ringsOf(g), crs, where)
}

/** Stage 3: the answer of ST_IsValidDetail in words, with the place of the fault. */
export function describeInvalidity(
  detail: { valid: boolean; reason: string | null; lon: number | null; lat: number | null },
  where: string,
): Finding[] {
  if (detail.valid) return []
  const raw = (detail.reason ?? '').replace(/\s*\[.*\]$/, '').trim()
  const words = INVALIDITY_REASON[raw] ?? `几何无效（${raw || '原因未知'}）`
  const location: [number, number] | undefined =
    detail.lon !== null && detail.lat !== null ? [detail.lon, detail.lat] : undefined
  const at = location ? `，位置 ${fmtLonLat(location)}` : ''
  return [
    { code: OUTLINE_PROBLEM.INVALID_GEOMETRY, message: `${where}${words}${at}，请移动或删除该处的顶点`, location },
  ]
}

/** Vertices of a polygon as an officer counts them: the closing point of each ring is not counted again. */
export function countVertices(g: Polygon | MultiPolygon): number {
  return ringsOf(g).reduce((n, { ring }) => n + ring.length - 1, 0)
}

/** Stage 4: too many vertices. */
export function checkVertices(
  g: Polygon | MultiPolygon,
  settings: Pick<OutlineSettings, 'maxVertices'>,
  where: string,
): Finding[] {
  const n = countVertices(g)
  if (n <= settings.maxVertices) return []
  return [
    {
      code: OUTLINE_PROBLEM.TOO_MANY_VERTICES,
      message: `${where}有 ${n} 个顶点，超过上限 ${settings.maxVertices} 个，请简化边界`,
    },
  ]
}

/** What SQL measured of a valid geometry for stage 5. */
export interface SizeMeasure {
  areaM2: number
  /** 2 × radius of the largest inscribed circle, m. */
  widthM: number
  /** [lon, lat] of that circle's centre. */
  centre: [number, number]
}

/** Stage 5: below the minimum area, or a sliver (狭长图斑). */
export function checkSize(
  m: SizeMeasure,
  settings: Pick<OutlineSettings, 'minAreaM2' | 'minWidthM'>,
  where: string,
): Finding[] {
  if (m.areaM2 < settings.minAreaM2) {
    return [
      {
        code: OUTLINE_PROBLEM.TOO_SMALL,
        location: m.centre,
        message: `${where}面积 ${formatM2(m.areaM2)}，小于最小上图面积 ${formatM2(settings.minAreaM2)}`,
      },
    ]
  }
  if (m.widthM < settings.minWidthM) {
    return [
      {
        code: OUTLINE_PROBLEM.SLIVER,
        location: m.centre,
        message: `${where}是狭长图斑：最小宽度 ${m.widthM.toFixed(2)} 米，小于 ${settings.minWidthM} 米（位置 ${fmtLonLat(m.centre)}）`,
      },
    ]
  }
  return []
}

/** Where the parcel lies among the counties (stage 6). */
export interface CountyMeasure {
  /** The county covering most of the parcel, or null when none does. */
  county: { adcode: string; name: string } | null
  /** Area of the parcel outside that county, m², and a point on it. */
  outsideM2: number
  outsideAt: [number, number] | null
}

/** Stage 6: outside every county, or partly outside its county beyond the tolerance. */
export function checkCounty(
  m: CountyMeasure,
  settings: Pick<OutlineSettings, 'outsideToleranceM2'>,
  where: string,
): Finding[] {
  if (!m.county) return [{ code: OUTLINE_PROBLEM.OUTSIDE_COUNTY, message: `${where}不在本系统的任何区县内` }]
  if (m.outsideM2 <= settings.outsideToleranceM2) return []
  return [
    {
      code: OUTLINE_PROBLEM.OUTSIDE_COUNTY,
      location: m.outsideAt ?? undefined,
      message: `${where}有 ${formatM2(m.outsideM2)}超出${m.county.name}边界${m.outsideAt ? `（位置 ${fmtLonLat(m.outsideAt)}）` : ''}，请把边界收回到${m.county.name}内`,
    },
  ]
}

/** One neighbour the parcel overlaps, as SQL measured it. */
export interface OverlapMeasure {
  neighbourCode: string
  overlapM2: number
  at: [number, number]
  geometry: Geometry
}

/** What an officer can do about an overlap: redraw an outline, or (a restore, which keeps the old outline) free the place. */
function overlapRemedy(isRestore: boolean, neighbourCode: string): string {
  return isRestore
    ? `恢复只能按原边界恢复，不能调整边界；请先修改或删除图斑 ${neighbourCode} 的重叠部分，再恢复，或选择另一个历史版本`
    : '请调整边界'
}

/** Stage 7: one problem per neighbour overlapped by more than the tolerance. */
export function checkOverlaps(
  overlaps: OverlapMeasure[],
  settings: Pick<OutlineSettings, 'overlapToleranceM2'>,
  where: string,
  isRestore = false,
): Finding[] {
  return overlaps
    .filter((o) => o.overlapM2 > settings.overlapToleranceM2)
    .map((o) => ({
      code: OUTLINE_PROBLEM.OVERLAP,
      neighbourCode: o.neighbourCode,
      overlapM2: o.overlapM2,
      location: o.at,
      geometry: o.geometry,
      message: `${where}与图斑 ${o.neighbourCode} 重叠 ${formatM2(o.overlapM2)}（位置 ${fmtLonLat(o.at)}），${overlapRemedy(isRestore, o.neighbourCode)}`,
    }))
}

/** An outline that passed the stages that need no database: the geometry in 2D, its `crs` member dropped. */
export type ParsedOutline = { ok: true; geometry: Polygon | MultiPolygon } | { ok: false; problems: Finding[] }

/** Stages 1 and 2 (shape, then CRS and range), which need no database; the first failing stage gives the problems. */
export function parseOutline(input: unknown, where: string): ParsedOutline {
  const shape = checkPolygonShape(input, where)
  if (!shape.ok) return { ok: false, problems: shape.findings }
  const coordinates = checkPolygonCoordinates(shape.geometry, shape.crs, where)
  if (coordinates.length) return { ok: false, problems: coordinates }
  return { ok: true, geometry: shape.geometry }
}

/** What SQL measured of one outline: validity always; size, county and overlaps only of a valid outline within the vertex limit. */
export interface OutlineMeasure {
  validity: { valid: boolean; reason: string | null; lon: number | null; lat: number | null }
  size: SizeMeasure | null
  county: CountyMeasure
  overlaps: OverlapMeasure[]
}

/** The stages after stage 2 a caller runs (validity and vertices always run). */
export interface MeasuredStages {
  size: boolean
  county: boolean
  overlaps: boolean
}

/**
 * Stages 3 to 7 on what SQL measured (validity → vertices → area/sliver → county → overlap), in that order; the
 * first failing stage gives the problems, an empty list means the outline passed.
 */
export function judgeMeasuredOutline(
  g: Polygon | MultiPolygon,
  m: OutlineMeasure,
  stages: MeasuredStages,
  settings: OutlineSettings,
  where: string,
  isRestore = false,
): Finding[] {
  const invalid = describeInvalidity(m.validity, where)
  if (invalid.length) return invalid
  const vertices = checkVertices(g, settings, where)
  if (vertices.length) return vertices
  const small = stages.size && m.size ? checkSize(m.size, settings, where) : []
  if (small.length) return small
  const outside = stages.county ? checkCounty(m.county, settings, where) : []
  if (outside.length) return outside
  return stages.overlaps ? checkOverlaps(m.overlaps, settings, where, isRestore) : []
}
