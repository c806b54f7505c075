export type Position = [number, number]
export type Ring = Position[]
export type PolygonCoords = Ring[]

/** Metres per degree of longitude and latitude at a latitude (spherical approximation, enough for generation). */
export function metresPerDegree(lat: number): { lon: number; lat: number } {
  return { lon: 111_320 * Math.cos((lat * Math.PI) / 180), lat: 110_574 }
}

/** Ray casting point-in-ring test. */
export function isInRing(p: Position, ring: Ring): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

export function isInPolygons(p: Position, polygons: PolygonCoords[]): boolean {
  return polygons.some(([outer, ...holes]) => isInRing(p, outer) && !holes.some((h) => isInRing(p, h)))
}

export function bboxOf(polygons: PolygonCoords[]): [number, number, number, number] {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity
  for (const poly of polygons)
    for (const [x, y] of poly[0]) {
      if (x < w) w = x
      if (x > e) e = x
      if (y < s) s = y
      if (y > n) n = y
    }
  return [w, s, e, n]
}

/**
 * A star-shaped ring strictly inside the box: vertices in increasing angle around the centre, each at a
 * random fraction of the distance to the box edge, so the ring is always simple and never leaves the box.
 */
export function starRingInBox(
  box: [number, number, number, number],
  vertexCount: number,
  rand: () => number,
  minFill = 0.82,
  maxFill = 0.97,
): Ring {
  const [w, s, e, n] = box
  const cx = (w + e) / 2,
    cy = (s + n) / 2
  const hx = (e - w) / 2,
    hy = (n - s) / 2
  const ring: Ring = []
  const slot = (2 * Math.PI) / vertexCount
  for (let i = 0; i < vertexCount; i++) {
    const angle = i * slot + slot * (0.15 + 0.7 * rand())
    const dx = Math.cos(angle),
      dy = Math.sin(angle)
    const toEdge = Math.min(
      Math.abs(dx) > 1e-12 ? hx / Math.abs(dx) : Infinity,
      Math.abs(dy) > 1e-12 ? hy / Math.abs(dy) : Infinity,
    )
    const r = toEdge * (minFill + (maxFill - minFill) * rand())
    ring.push([round7(cx + dx * r), round7(cy + dy * r)])
  }
  ring.push(ring[0])
  return ring
}

/** 7 decimals ≈ 1 cm: keeps generated coordinates short without touching validity. */
export function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7
}

export function ringToWkt(ring: Ring): string {
  return `(${ring.map(([x, y]) => `${x} ${y}`).join(',')})`
}

export function polygonToWkt(rings: Ring[]): string {
  return `MULTIPOLYGON((${rings.map(ringToWkt).join(',')}))`
}

/**
 * A point-in-polygons test for many points on few horizontal lines: the crossings of each line with every ring are
 * found once (even-odd rule, as {@link isInPolygons}) and a point is then placed among them by binary search.
 */
export function insideOnLines(polygons: PolygonCoords[]): (p: Position) => boolean {
  const lines = new Map<number, number[]>()
  const crossingsAt = (y: number) => {
    const xs: number[] = []
    for (const poly of polygons)
      for (const ring of poly)
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [xi, yi] = ring[i]
          const [xj, yj] = ring[j]
          if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi)
        }
    return xs.sort((a, b) => a - b)
  }
  return ([x, y]) => {
    let xs = lines.get(y)
    if (!xs) {
      xs = crossingsAt(y)
      lines.set(y, xs)
    }
    let lo = 0,
      hi = xs.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (xs[mid] <= x) lo = mid + 1
      else hi = mid
    }
    return lo % 2 === 1
  }
}

/** The centre of a bounding box [west, south, east, north]. */
export function centreOf(b: [number, number, number, number]): Position {
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]
}

/** The mean of a WKT polygon's vertices (a point inside for the generator's convex shapes). */
export function centreOfWkt(wkt: string): Position {
  const nums = wkt.match(/-?\d+(\.\d+)?/g)!.map(Number)
  let sx = 0,
    sy = 0
  for (let i = 0; i < nums.length; i += 2) {
    sx += nums[i]
    sy += nums[i + 1]
  }
  const n = nums.length / 2
  return [sx / n, sy / n]
}
