import type { FeatureRef } from '../shared/api-types.ts'

/** A map view as the address keeps it: zoom and centre in CGCS2000 degrees. */
export interface UrlView {
  zoom: number
  lat: number
  lon: number
}

/** What the staff map's address holds after `#`: the view, the open side tab and the open feature. */
export interface UrlState {
  view: UrlView | null
  tab: string | null
  feature: FeatureRef | null
}

const NAME = /^[a-z][a-z0-9-]{0,39}$/
const MAP = /^(\d{1,2}(?:\.\d+)?)\/(-?\d{1,2}(?:\.\d+)?)\/(-?\d{1,3}(?:\.\d+)?)$/
const FEATURE = /^([a-z][a-z0-9-]{0,39})\/(\d{1,15})$/

/**
 * Reads `#map=<zoom>/<lat>/<lon>&tab=<tab>&feature=<source>/<id>` (the view as OpenStreetMap writes it); a part that
 * is missing or not well formed is null.
 */
export function parseUrlState(hash: string): UrlState {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const map = MAP.exec(params.get('map') ?? '')
  const view = map ? { zoom: Number(map[1]), lat: Number(map[2]), lon: Number(map[3]) } : null
  const isViewValid = !!view && view.zoom <= 24 && Math.abs(view.lat) <= 85 && Math.abs(view.lon) <= 180
  const tab = params.get('tab') ?? ''
  const feature = FEATURE.exec(params.get('feature') ?? '')
  return {
    view: isViewValid ? view : null,
    tab: NAME.test(tab) ? tab : null,
    feature: feature ? { source: feature[1], id: Number(feature[2]) } : null,
  }
}

/** The `#…` of a state (see {@link parseUrlState}), the centre to about a metre, or more finely when close. */
export function formatUrlState({ view, tab, feature }: UrlState): string {
  const parts: string[] = []
  if (view) {
    const digits = view.zoom >= 16 ? 6 : 5
    parts.push(`map=${view.zoom.toFixed(2)}/${view.lat.toFixed(digits)}/${view.lon.toFixed(digits)}`)
  }
  if (tab) parts.push(`tab=${tab}`)
  if (feature) parts.push(`feature=${feature.source}/${feature.id}`)
  return parts.length ? `#${parts.join('&')}` : ''
}

/** The first view of the map (centre and zoom) from the address, if it holds one. */
export function mapViewOf({ view }: UrlState): { center: [number, number]; zoom: number } | undefined {
  return view ? { center: [view.lon, view.lat], zoom: view.zoom } : undefined
}
