import { useCallback, useEffect, useRef, useState } from 'react'
import { featureInfoPath, loadFeatureInfo } from '../features/info/info-api'
import type { MapClient } from '../map/map-client'
import type { FeatureRef } from '../shared/api-types'
import { replaceHash } from './router'
import { formatUrlState, parseUrlState, type UrlState } from './url-state'
import type { WorkspaceCommands } from './use-workspace-commands'
import type { WorkspaceState } from './workspace-state'
import { useWorkspace } from './workspace-store'

/** How long the map rests before its view goes into the address (one write per pan, not one per frame). */
const WRITE_DELAY_MS = 300
/** Closest zoom when the address names a feature but no view. */
const FEATURE_MAX_ZOOM = 15

/** The staff map's state as it stood in the address when the page opened (see {@link parseUrlState}). */
export function useInitialUrlState(): UrlState {
  const [initial] = useState(() => parseUrlState(window.location.hash))
  return initial
}

/** The feature open on the staff map: a plot's profile, a point's panel or the info panel's feature. */
function openFeatureOf(state: Pick<WorkspaceState, 'selected' | 'openPlotId' | 'openPointId'>): FeatureRef | null {
  if (state.openPlotId !== null) return { source: 'contaminated-plot', id: state.openPlotId }
  if (state.openPointId !== null) return { source: 'monitoring-point', id: state.openPointId }
  return state.selected
}

/**
 * Keeps the map view, the open side tab and the open feature in the address (`#map=15.00/28.51230/112.34560&tab=…&
 * feature=parcel/12`), replaced as they change so a reload or a link opens the same place, with no history entry
 * per pan. Once the map is loaded it restores them from `initial`, and again from a link pasted into the address of
 * the open page: a tab this user has not, or a feature this user may not see, is simply not opened.
 */
export function useUrlState(
  client: MapClient | null,
  initial: UrlState,
  tabIds: readonly string[],
  commands: WorkspaceCommands,
): void {
  const { state, dispatch } = useWorkspace()
  const [isRestored, setRestored] = useState(false)
  const restoring = useRef(false)
  const { openFeature, locate } = commands

  const tabIdsKey = tabIds.join('|')
  const open = useCallback(
    async (at: UrlState) => {
      if (at.tab && tabIdsKey.split('|').includes(at.tab)) dispatch({ type: 'selectTab', tab: at.tab })
      const feature = at.feature
      if (!feature) return
      try {
        const info = await loadFeatureInfo(featureInfoPath(feature))
        openFeature(feature)
        if (!at.view && info.bbox) locate(info.bbox, FEATURE_MAX_ZOOM)
      } catch (error) {
        console.warn('地址中的要素无法打开', error)
      }
    },
    [tabIdsKey, dispatch, openFeature, locate],
  )

  useEffect(() => {
    if (!client || restoring.current) return
    restoring.current = true
    void open(initial).finally(() => setRestored(true))
  }, [client, initial, open])

  useEffect(() => {
    if (!client) return
    const onHashChange = () => {
      const at = parseUrlState(window.location.hash)
      if (at.view) client.jumpTo([at.view.lon, at.view.lat], at.view.zoom)
      void open(at)
    }
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [client, open])

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const { tab, selected, openPlotId, openPointId } = state

  useEffect(() => {
    if (!client || !isRestored) return
    const feature = openFeatureOf({ selected, openPlotId, openPointId })
    const write = () => {
      const [lon, lat] = client.viewCenter()
      replaceHash(formatUrlState({ view: { zoom: client.zoom(), lat, lon }, tab, feature }))
    }
    const schedule = () => {
      clearTimeout(timer.current)
      timer.current = setTimeout(write, WRITE_DELAY_MS)
    }
    schedule()
    const off = client.onMoveEnd(schedule)
    return () => {
      off()
      clearTimeout(timer.current)
    }
  }, [client, isRestored, tab, selected, openPlotId, openPointId])
}
