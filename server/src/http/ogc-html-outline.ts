import { escapeHtml } from './ogc-html-frame.ts'

/** A GeoJSON Feature as PostGIS wrote it. */
export interface PageFeature {
  id?: string | number
  geometry: { type: string; coordinates?: unknown; geometries?: PageFeature['geometry'][] } | null
  properties: Record<string, unknown> | null
}

type Position = [number, number]

/** Every position of a geometry, as [x, y] in the order served. */
function positions(geometry: PageFeature['geometry'], out: Position[] = []): Position[] {
  if (!geometry) return out
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries ?? []) positions(g, out)
    return out
  }
  const walk = (c: unknown) => {
    if (!Array.isArray(c)) return
    if (typeof c[0] === 'number') out.push([c[0], c[1] as number])
    else c.forEach(walk)
  }
  walk(geometry.coordinates)
  return out
}

/** Lon/lat to the SVG's plane: an equirectangular view scaled by the cosine of the middle latitude. */
interface Frame {
  project(p: Position): Position
  width: number
  height: number
  /** Metres across the frame, for the scale line. */
  widthM: number
}

const SVG_WIDTH = 1000

function frameOf(all: Position[]): Frame | null {
  if (all.length === 0) return null
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [x, y] of all) {
    minX = Math.min(minX, x)
    maxX = Math.max(maxX, x)
    minY = Math.min(minY, y)
    maxY = Math.max(maxY, y)
  }
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180)
  const pad = Math.max((maxX - minX) * k, maxY - minY, 0.0005) * 0.04
  const x0 = minX * k - pad
  const y1 = maxY + pad
  const dx = (maxX - minX) * k + 2 * pad
  const dy = maxY - minY + 2 * pad
  const scale = SVG_WIDTH / dx
  const height = Math.min(Math.max(dy * scale, 160), SVG_WIDTH)
  const fit = Math.min(scale, height / dy)
  const offsetX = (SVG_WIDTH - dx * fit) / 2
  const offsetY = (height - dy * fit) / 2
  const r = (v: number) => Math.round(v * 10) / 10
  return {
    project: ([x, y]) => [r(offsetX + (x * k - x0) * fit), r(offsetY + (y1 - y) * fit)],
    width: SVG_WIDTH,
    height: Math.round(height),
    widthM: (SVG_WIDTH / fit) * 111_320,
  }
}

function shape(frame: Frame, geometry: NonNullable<PageFeature['geometry']>): string {
  const pt = (c: unknown) => frame.project(c as Position)
  const ring = (r: unknown[]) => `M${r.map((c) => pt(c).join(' ')).join('L')}Z`
  const line = (l: unknown[]) => `M${l.map((c) => pt(c).join(' ')).join('L')}`
  const dot = (c: unknown) => {
    const [x, y] = pt(c)
    return `<circle cx="${x}" cy="${y}" r="5"/>`
  }
  const coords = geometry.coordinates as unknown[]
  switch (geometry.type) {
    case 'Polygon':
      return `<path d="${(coords as unknown[][]).map(ring).join('')}"/>`
    case 'MultiPolygon':
      return `<path d="${(coords as unknown[][][]).flatMap((p) => p.map(ring)).join('')}"/>`
    case 'LineString':
      return `<path style="fill:none" d="${line(coords)}"/>`
    case 'MultiLineString':
      return `<path style="fill:none" d="${(coords as unknown[][]).map(line).join('')}"/>`
    case 'Point':
      return dot(coords)
    case 'MultiPoint':
      return coords.map(dot).join('')
    case 'GeometryCollection':
      return (geometry.geometries ?? []).map((g) => (g ? shape(frame, g) : '')).join('')
    default:
      return ''
  }
}

/** Below this size (in SVG units) an outline is too small to see, and a dot marks where it is. */
const SMALLEST_VISIBLE = 8

/** A dot at the middle of an outline too small to see at the page's scale (features far apart). */
function markerOfSmall(frame: Frame, geometry: NonNullable<PageFeature['geometry']>): string {
  if (geometry.type === 'Point' || geometry.type === 'MultiPoint') return ''
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const p of positions(geometry)) {
    const [x, y] = frame.project(p)
    minX = Math.min(minX, x)
    maxX = Math.max(maxX, x)
    minY = Math.min(minY, y)
    maxY = Math.max(maxY, y)
  }
  if (minX === Infinity || maxX - minX >= SMALLEST_VISIBLE || maxY - minY >= SMALLEST_VISIBLE) return ''
  const r = (v: number) => Math.round(v * 10) / 10
  return `<circle class="small" cx="${r((minX + maxX) / 2)}" cy="${r((minY + maxY) / 2)}" r="6"/>`
}

const formatDistance = (m: number) =>
  m >= 1000 ? `${(m / 1000).toFixed(m >= 10_000 ? 0 : 1)} 千米` : `${Math.round(m)} 米`

/**
 * The outlines of the page's features (in CRS84) as an inline SVG, each linked to its feature's page; no map tiles,
 * nothing loaded from elsewhere.
 */
export function outlineSvg(features: readonly PageFeature[], itemHref: (f: PageFeature) => string, hint: string) {
  const frame = frameOf(features.flatMap((f) => positions(f.geometry)))
  if (!frame) return ''
  const shapes = features
    .filter((f) => f.geometry)
    .map(
      (f) =>
        `<a href="${escapeHtml(itemHref(f))}"><title>编号 ${escapeHtml(f.id ?? '')}</title>` +
        `${shape(frame, f.geometry!)}${markerOfSmall(frame, f.geometry!)}</a>`,
    )
    .join('')
  return (
    `<figure class="map" aria-label="本页要素的轮廓"><svg xmlns="http://www.w3.org/2000/svg" ` +
    `viewBox="0 0 ${frame.width} ${frame.height}" role="img">${shapes}</svg>` +
    `<figcaption class="scale">本页要素的轮廓示意（上北下南），图宽约 ${formatDistance(frame.widthM)}${hint}</figcaption></figure>`
  )
}
