import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { getJson } from '../shared/api-client'
import type {
  BasemapChoice,
  CountiesResponse,
  FeatureRef,
  LayerGroup,
  MapFocus,
  ViewStatusSource,
} from '../shared/api-types'
import { MapClient } from './map-client'

/** Props of {@link MapView}. */
export interface MapViewProps {
  visibility: Record<string, boolean>
  basemap: BasemapChoice
  focus: MapFocus | null
  highlight: FeatureRef | null
  onGroups: (groups: LayerGroup[]) => void
  onFeatureClick: (ref: FeatureRef) => void
  onStatusSource: (source: ViewStatusSource | null) => void
}

async function fitToCounties(client: MapClient): Promise<void> {
  try {
    const { bbox } = await getJson<CountiesResponse>('/api/counties')
    client.fitBbox(bbox, { maxZoom: 10, animate: false })
  } catch (error) {
    console.warn('区县范围加载失败', error)
  }
}

/** The map: creates the {@link MapClient} once and feeds it the app state. */
export function MapView(props: MapViewProps) {
  const { visibility, basemap, focus, highlight } = props
  const containerRef = useRef<HTMLDivElement>(null)
  const callbacks = useRef(props)
  useLayoutEffect(() => {
    callbacks.current = props
  })
  const [client, setClient] = useState<MapClient | null>(null)

  useEffect(() => {
    const created = new MapClient({ container: containerRef.current!, styleUrl: '/style.json' })
    created.exposeForTests()
    let alive = true
    const unsubscribe = [
      created.onFeatureClick((ref) => callbacks.current.onFeatureClick(ref)),
      created.trackPointerCursor(),
    ]
    callbacks.current.onStatusSource(created)
    created
      .whenLoaded()
      .then(async () => {
        if (!alive) return
        callbacks.current.onGroups(created.layerGroups())
        setClient(created)
        await fitToCounties(created)
        if (alive) created.onceIdle(() => (document.body.dataset.mapReady = '1'))
      })
      .catch((error: unknown) => console.error(error))
    return () => {
      alive = false
      unsubscribe.forEach((off) => off())
      callbacks.current.onStatusSource(null)
      setClient(null)
      delete document.body.dataset.mapReady
      created.destroy()
    }
  }, [])

  useEffect(() => client?.setGroupVisibility(visibility), [client, visibility])
  useEffect(() => client?.setBasemap(basemap), [client, basemap])
  useEffect(() => client?.setHighlight(highlight), [client, highlight])
  useEffect(() => {
    if (client && focus) client.fitBbox(focus.bbox, { maxZoom: focus.maxZoom, animate: true })
  }, [client, focus])

  return <div ref={containerRef} className="map-view" data-testid="map" />
}
