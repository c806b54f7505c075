import { useCallback, useEffect, useMemo, useState } from 'react'
import type { MapClient } from '../../map/map-client'
import {
  type LayerPrefs,
  moveGroup,
  opacityFactors,
  orderedGroups,
  parsePrefs,
  prefsKey,
  setOpacity,
} from './layer-prefs'

function readPrefs(userId: number): LayerPrefs {
  try {
    return parsePrefs(window.localStorage.getItem(prefsKey(userId)))
  } catch {
    return parsePrefs(null)
  }
}

function writePrefs(userId: number, prefs: LayerPrefs): void {
  try {
    window.localStorage.setItem(prefsKey(userId), JSON.stringify(prefs))
  } catch (error) {
    console.warn('图层顺序与透明度未能保存在本机', error)
  }
}

/**
 * One user's layer order and opacity: kept in this browser for that user (a reload keeps them) and drawn on the map.
 * The style's own order stays untouched until the user moves a group.
 */
export function useLayerPrefs(userId: number, client: MapClient | null) {
  const [prefs, setPrefs] = useState<LayerPrefs>(() => readPrefs(userId))
  const drawOrder = useMemo(() => client?.groupDrawOrder() ?? [], [client])
  const order = useMemo(() => orderedGroups(prefs, drawOrder), [prefs, drawOrder])
  const isReordered = prefs.order.length > 0

  useEffect(() => {
    if (client && isReordered) client.setGroupOrder(order)
  }, [client, isReordered, order])
  useEffect(() => {
    client?.setGroupOpacity(opacityFactors(prefs.opacity))
  }, [client, prefs.opacity])

  const update = useCallback(
    (next: (current: LayerPrefs) => LayerPrefs) =>
      setPrefs((current) => {
        const changed = next(current)
        if (changed !== current) writePrefs(userId, changed)
        return changed
      }),
    [userId],
  )
  const move = useCallback(
    (id: string, step: -1 | 1) => update((current) => moveGroup(current, drawOrder, id, step)),
    [update, drawOrder],
  )
  const changeOpacity = useCallback(
    (id: string, percent: number) => update((current) => setOpacity(current, id, percent)),
    [update],
  )
  return { order, opacity: prefs.opacity, move, changeOpacity }
}
