import { useCallback, useState } from 'react'
import { BasemapControl } from '../features/basemap/basemap-control'
import { InfoPanel } from '../features/info/info-panel'
import { LayerPanel } from '../features/layers/layer-panel'
import { SearchBox } from '../features/search/search-box'
import { searchTarget } from '../features/search/search-target'
import { StatusBar } from '../features/status/status-bar'
import { MapView } from '../map/map-view'
import type {
  BasemapChoice,
  Bbox,
  FeatureRef,
  LayerGroup,
  MapFocus,
  SearchResult,
  ViewStatusSource,
} from '../shared/api-types'
import { AppHeader } from './app-header'

const FEATURE_MAX_ZOOM = 15

/** The whole page: header with search, layer panel, map, info panel and status line. */
export function App() {
  const [groups, setGroups] = useState<LayerGroup[]>([])
  const [visibility, setVisibility] = useState<Record<string, boolean>>({})
  const [basemap, setBasemap] = useState<BasemapChoice>({ kind: 'none' })
  const [focus, setFocus] = useState<MapFocus | null>(null)
  const [selected, setSelected] = useState<FeatureRef | null>(null)
  const [statusSource, setStatusSource] = useState<ViewStatusSource | null>(null)

  const onGroups = useCallback((loaded: LayerGroup[]) => {
    setGroups(loaded)
    setVisibility(Object.fromEntries(loaded.map((g) => [g.id, g.visible])))
  }, [])
  const onToggle = useCallback((groupId: string, visible: boolean) => {
    setVisibility((current) => ({ ...current, [groupId]: visible }))
  }, [])
  const onSearchSelect = useCallback((result: SearchResult) => {
    const target = searchTarget(result)
    setFocus(target.focus)
    if (target.feature) setSelected(target.feature)
  }, [])
  const onLocate = useCallback((bbox: Bbox) => setFocus({ bbox, maxZoom: FEATURE_MAX_ZOOM }), [])

  return (
    <div className="app">
      <AppHeader>
        <SearchBox onSelect={onSearchSelect} />
      </AppHeader>
      <nav className="side-panel" aria-label="图层">
        <LayerPanel groups={groups} visibility={visibility} onToggle={onToggle} />
        <BasemapControl value={basemap} onChange={setBasemap} />
      </nav>
      <main className="map-area">
        <MapView
          visibility={visibility}
          basemap={basemap}
          focus={focus}
          highlight={selected}
          onGroups={onGroups}
          onFeatureClick={setSelected}
          onStatusSource={setStatusSource}
        />
        {selected && <InfoPanel feature={selected} onClose={() => setSelected(null)} onLocate={onLocate} />}
      </main>
      <StatusBar source={statusSource} />
    </div>
  )
}
