import type { Page } from 'playwright-core'

/** A map position: longitude and latitude in degrees (WGS 84). */
export type LonLat = [number, number]

/** Metres per degree of latitude. */
const M_PER_DEG = 111_320

/** A point `east` and `north` metres from `origin` (a local flat approximation, good for a few kilometres). */
export function offset([lon, lat]: LonLat, east: number, north: number): LonLat {
  return [lon + east / (M_PER_DEG * Math.cos((lat * Math.PI) / 180)), lat + north / M_PER_DEG]
}

/** A ring of positions, closed (first = last). */
export type Ring = LonLat[]

/** A closed rectangle ring of `w` × `h` metres with its south-west corner `east`/`north` metres from `at`. */
export function rect(at: LonLat, w: number, h: number, east = 0, north = 0): Ring {
  const sw = offset(at, east, north)
  const ne = offset(at, east + w, north + h)
  return [sw, [ne[0], sw[1]], ne, [sw[0], ne[1]], sw]
}

/** A GeoJSON Polygon of the rings. */
export const polygon = (...rings: Ring[]) => ({ type: 'Polygon', coordinates: rings })

/** The page pixel of a map position (the page's map, `window.__soilMap`). */
export async function pixel(page: Page, at: LonLat): Promise<{ x: number; y: number }> {
  return page.evaluate((p) => {
    const map = (window as any).__soilMap
    const rect = map.getCanvas().getBoundingClientRect()
    const { x, y } = map.project(p)
    return { x: rect.left + x, y: rect.top + y }
  }, at)
}

/** Moves the mouse to a map position and clicks there. */
export async function clickMap(page: Page, at: LonLat): Promise<void> {
  const { x, y } = await pixel(page, at)
  await page.mouse.move(x, y, { steps: 4 })
  await page.mouse.click(x, y)
}

/** Presses the mouse at `from`, drags to `to` in small steps and releases. */
export async function dragMap(page: Page, from: LonLat, to: LonLat): Promise<void> {
  const a = await pixel(page, from)
  const b = await pixel(page, to)
  await page.mouse.move(a.x, a.y, { steps: 3 })
  await page.mouse.down()
  await page.mouse.move(b.x, b.y, { steps: 12 })
  await page.mouse.up()
}
