import type { MapFocus } from '../shared/api-types'

/** The phone layout of the stylesheets (info-panel.css): panels become sheets over the foot of the map. */
const PHONE_QUERY = '(max-width: 760px)'

/** The panels that open as sheets over the foot of the map on a phone. */
const SHEETS = '[data-testid=info-panel], [data-testid=plot-profile], [data-testid=point-panel]'

/** Room in pixels kept free around a feature above the sheet. */
const MARGIN = 20

/**
 * How many pixels of the foot of the map `container` the open sheet covers on a phone: 0 on a wider screen or
 * when no sheet is open.
 */
export function sheetCover(container: HTMLElement): number {
  if (!window.matchMedia(PHONE_QUERY).matches) return 0
  const map = container.getBoundingClientRect()
  const sheets = [...(container.closest('.map-area') ?? container).querySelectorAll(SHEETS)]
  const tops = sheets.map((el) => el.getBoundingClientRect()).filter((r) => r.height > 0 && r.width > 0)
  const top = Math.min(map.bottom, ...tops.map((r) => r.top))
  return Math.max(0, map.bottom - Math.max(top, map.top))
}

/**
 * The padding of a camera move on a phone with a sheet `cover` pixels high: the feature above the sheet (a panel
 * on the right, as on a desktop, would leave no room on a phone); `asked` as it is elsewhere.
 */
export function paddingAboveSheet(cover: number, asked: MapFocus['padding']): MapFocus['padding'] {
  if (cover <= 0) return asked
  return { top: MARGIN, left: MARGIN, right: MARGIN, bottom: Math.max(cover, asked?.bottom ?? 0) + MARGIN }
}
