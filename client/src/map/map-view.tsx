import { useContext, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { getJson } from '../shared/api-client'
import type {
  BasemapChoice,
  Bbox,
  CountiesResponse,
  FeatureRef,
  LayerGroup,
  MapFocus,
  ViewStatusSource,
} from '../shared/api-types'
import { DataVersionsContext } from '../shared/data-versions'
import { MapClient, type FeatureStates, type MapClientOptions } from './map-client'
import { paddingAboveSheet, sheetCover } from './phone-sheet'
import { useLiveTiles } from './use-live-tiles'

/** Props of {@link MapView}. */
export interface MapViewProps {
  visibility: Record<string, boolean>
  basemap: BasemapChoice
  focus: MapFocus | null
  highlight: FeatureRef | null
  onGroups: (groups: LayerGroup[]) => void
  onFeatureClick: (ref: FeatureRef) => void
  onStatusSource: (source: ViewStatusSource | null) => void
  /**
   * Called with the sources whose data another user changed while the map was open (a published list, an edited
   * parcel, a new point); their tiles are already loading again at the same view.
   */
  onTilesChanged?: (sources: string[]) => void
  /** The style to draw; the internal map's by default. */
  styleUrl?: string
  /** Where the first extent comes from (an answer with `bbox`); the user's counties by default. */
  extentUrl?: string
  /** Called with the point of every click on the map, in CGCS2000 degrees. */
  onMapClick?: (lngLat: [number, number]) => void
  /** A pin on the map at this point (a report's location), or none. */
  marker?: [number, number] | null
  /** Feature states to set on the features of sources (e.g. monitoring coverage of the counties). */
  featureStates?: FeatureStates[] | null
  /** Called with the map client once its style is loaded, and with null when it is removed (for tools that draw on the map). */
  onClient?: (client: MapClient | null) => void
  /** The first extent instead of the user's counties (e.g. a plot to print). */
  initialBbox?: Bbox
  /** A still map for printing (see {@link MapClientOptions.isStatic}); set once, at creation. */
  isStatic?: boolean
  /** The first view instead of the user's counties (e.g. from the page's address); set once, at creation. */
  initialView?: MapClientOptions['view']
}

/**
 * The scope's counties' extent, asked for as the map is created (beside its style), so the map is fitted before its
 * style has loaded and draws the counties first instead of all of China; undefined when the answer has none or fails.
 */
async function countiesExtent(extentUrl: string): Promise<Bbox | undefined> {
  try {
    return (await getJson<CountiesResponse>(extentUrl)).bbox ?? undefined
  } catch (error) {
    console.warn('区县范围加载失败', error)
    return undefined
  }
}

/** How long after a click on a feature the feature it opens counts as opened by that click, in ms. */
const CLICK_OPENS_MS = 1000

/**
 * The map: creates the {@link MapClient} once and feeds it the app state. Under the staff map's store, a save of any
 * kind of data asks the server at once which layers' tiles moved (instead of waiting for the next poll).
 */
export function MapView(props: MapViewProps) {
  const { visibility, basemap, focus, highlight, marker = null, featureStates = null } = props
  const versions = useContext(DataVersionsContext)?.versions
  const containerRef = useRef<HTMLDivElement>(null)
  const callbacks = useRef(props)
  useLayoutEffect(() => {
    callbacks.current = props
  })
  const [client, setClient] = useState<MapClient | null>(null)
  /** The last click on a feature: where, and when (see the highlight effect below). */
  const lastClick = useRef<{ at: [number, number]; time: number } | null>(null)
  useLiveTiles(client, !props.isStatic, (sources) => callbacks.current.onTilesChanged?.(sources))

  useEffect(() => {
    const created = new MapClient({
      container: containerRef.current!,
      styleUrl: callbacks.current.styleUrl ?? '/style.json',
      isStatic: callbacks.current.isStatic,
      view: callbacks.current.initialView,
    })
    created.exposeForTests()
    let alive = true
    const unsubscribe = [
      created.onFeatureClick((ref, at) => {
        lastClick.current = { at, time: performance.now() }
        callbacks.current.onFeatureClick(ref)
      }),
      created.onMapClick((lngLat) => callbacks.current.onMapClick?.(lngLat)),
      created.trackPointerCursor(),
    ]
    callbacks.current.onStatusSource(created)
    const initial = callbacks.current.initialBbox
    if (initial) created.fitBbox(initial, { maxZoom: 17, animate: false, padding: 32 })
    // the counties fitted as soon as their extent is known, unless the page has asked for a place by then (a link)
    const fitted =
      initial || callbacks.current.initialView
        ? Promise.resolve()
        : countiesExtent(callbacks.current.extentUrl ?? '/api/counties').then((bbox) => {
            if (alive && bbox && callbacks.current.focus === null)
              created.fitBbox(bbox, { maxZoom: 10, animate: false })
          })
    created
      .whenLoaded()
      .then(async () => {
        if (!alive) return
        callbacks.current.onGroups(created.layerGroups())
        setClient(created)
        callbacks.current.onClient?.(created)
        await fitted
        if (alive) created.onceIdle(() => (document.body.dataset.mapReady = '1'))
      })
      .catch((error: unknown) => console.error(error))
    return () => {
      alive = false
      unsubscribe.forEach((off) => off())
      callbacks.current.onStatusSource(null)
      callbacks.current.onClient?.(null)
      setClient(null)
      delete document.body.dataset.mapReady
      created.destroy()
    }
  }, [])

  useEffect(() => client?.setGroupVisibility(visibility), [client, visibility])
  useEffect(() => client?.setBasemap(basemap), [client, basemap])
  useEffect(() => client?.setHighlight(highlight), [client, highlight])
  useEffect(() => {
    // a feature opened by a tap on a phone: its sheet (drawn by now) must not hide the place tapped
    const click = lastClick.current
    lastClick.current = null
    if (!client || !highlight || !click || performance.now() - click.time > CLICK_OPENS_MS) return
    const cover = sheetCover(containerRef.current!)
    if (cover > 0) client.panAboveSheet(click.at, cover)
  }, [client, highlight])
  useEffect(() => client?.setMarker(marker), [client, marker])
  useEffect(() => {
    featureStates?.forEach((states) => client?.setFeatureStates(states))
  }, [client, featureStates])
  useEffect(() => {
    if (!client || !versions || Object.values(versions).every((v) => v === 0)) return
    client.refreshTiles().catch((error: unknown) => console.warn('图层刷新失败', error))
  }, [client, versions])
  useEffect(() => {
    if (!client || !focus) return
    // on a phone the feature's sheet is drawn by now: the feature is fitted into the map above it
    const padding = paddingAboveSheet(sheetCover(containerRef.current!), focus.padding)
    client.fitBbox(focus.bbox, { maxZoom: focus.maxZoom, animate: true, padding })
  }, [client, focus])

  return <div ref={containerRef} className="map-view" data-testid="map" />
}
