export const MAX_TILE_ZOOM = 24

export type TileCoordsResult = { valid: true; z: number; x: number; y: number } | { valid: false; reason: string }

const INTEGER = /^\d{1,10}$/

/** Checks z/x/y path parts of a tile request: integers, 0 ≤ z ≤ 24, 0 ≤ x, y < 2^z. */
export function parseTileCoords(zRaw: string, xRaw: string, yRaw: string): TileCoordsResult {
  for (const [name, raw] of [
    ['z', zRaw],
    ['x', xRaw],
    ['y', yRaw],
  ] as const) {
    if (!INTEGER.test(raw)) return { valid: false, reason: `瓦片坐标 ${name} 应为非负整数，收到 “${raw.slice(0, 20)}”` }
  }
  const z = Number(zRaw),
    x = Number(xRaw),
    y = Number(yRaw)
  if (z > MAX_TILE_ZOOM) return { valid: false, reason: `缩放级别 z=${z} 超出范围（0–${MAX_TILE_ZOOM}）` }
  const max = 2 ** z - 1
  if (x > max) return { valid: false, reason: `瓦片列号 x=${x} 超出缩放级别 ${z} 的范围（0–${max}）` }
  if (y > max) return { valid: false, reason: `瓦片行号 y=${y} 超出缩放级别 ${z} 的范围（0–${max}）` }
  return { valid: true, z, x, y }
}
